"use client";

import dynamic from "next/dynamic";
import Link from "@/components/link";
import { usePathname } from "next/navigation";
import { FolderKanbanIcon, InboxIcon, LayoutGridIcon, SettingsIcon } from "lucide-react";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import type { MeWorkspace, Project, Workspace } from "@/lib/api/types";
import { unreadOf, type Unread } from "@/lib/unread";
import { cn } from "@/lib/utils";

export type NavProject = Pick<Project, "id" | "name" | "status">;

const statusDot: Record<Project["status"], string> = {
  in_progress: "bg-blue-500",
  waiting_client: "bg-amber-500",
  done: "bg-emerald-500",
};

// The switcher's menu (Radix DropdownMenu and its positioning) is not in
// the first load (issue 10): server-rendered, hydrated when its chunk lands.
const WorkspaceSwitcher = dynamic(() => import("@/components/workspace-switcher").then((m) => m.WorkspaceSwitcher), {
  loading: () => <div className="h-[46px] rounded-lg" />,
});

/** `projects`: the most recently updated few; `projectsTotal`: all the caller can see (the rest are on the projects page). */
export type SidebarProps = { workspaces: MeWorkspace[]; workspace: Workspace; projects: NavProject[]; projectsTotal: number; unread: Unread; onNavigate?: () => void };

/** A count in the navigation (unread messages): hidden when zero. */
export function NavBadge({ n, label, className, testId }: { n: number; label: string; className?: string; testId?: string }) {
  if (n <= 0) return null;
  return (
    <span
      data-testid={testId}
      className={cn("inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-brand px-1.5 text-[11px] font-semibold tabular-nums text-brand-foreground", className)}
    >
      <span aria-hidden>{n > 99 ? "99+" : n}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}

export function SidebarContent({
  workspaces,
  workspace,
  projects,
  projectsTotal,
  unread,
  onNavigate,
}: SidebarProps) {
  const { t } = useI18n();
  const pathname = usePathname();
  const base = `/${workspace.slug}`;
  const isAdmin = workspace.role === "admin";
  // Unread messages of the projects the sidebar does not list: their badge
  // goes on « Voir les N projets ».
  const unreadElsewhere = Math.max(0, unread.total - projects.reduce((n, p) => n + unreadOf(unread, p.id), 0));
  const nav = [
    { href: base, label: t.nav.projects, icon: LayoutGridIcon, active: pathname === base },
    ...(isAdmin ? [{ href: `${base}/demandes`, label: t.requests.title, icon: InboxIcon, active: pathname.startsWith(`${base}/demandes`) }] : []),
    ...(isAdmin ? [{ href: `${base}/parametres`, label: t.nav.settings, icon: SettingsIcon, active: pathname.startsWith(`${base}/parametres`) }] : []),
  ];
  return (
    <div className="flex h-full flex-col">
      <div className="p-3 pr-12 lg:pr-3">
        <WorkspaceSwitcher workspaces={workspaces} workspace={workspace} onNavigate={onNavigate} />
      </div>
      <nav aria-label={t.nav.mainNav} className="flex min-h-0 flex-1 flex-col gap-6 overflow-y-auto px-3 pb-6">
        <ul className="grid grid-cols-1 gap-0.5">
          {nav.map((item) => (
            <li key={item.href}>
              <Link
                href={item.href}
                onClick={onNavigate}
                aria-current={item.active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors",
                  item.active ? "bg-background text-foreground shadow-xs ring-1 ring-border" : "text-muted-foreground hover:bg-muted hover:text-foreground",
                )}
              >
                <item.icon className={cn("size-4", item.active && "text-brand")} aria-hidden />
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
        <div>
          <p className="flex items-center gap-2 px-2.5 pb-1.5 text-xs font-medium text-muted-foreground">
            <span className="flex-1">{t.nav.yourProjects}</span>
            <NavBadge n={unread.total} label={fmt(t.shell.unreadTotal, { n: unread.total })} testId="sidebar-unread-total" />
          </p>
          {projects.length === 0 ? (
            <p className="px-2.5 py-1 text-sm text-muted-foreground">{t.nav.noProjects}</p>
          ) : (
            <ul className="grid grid-cols-1 gap-0.5" data-testid="sidebar-projects">
              {projects.map((p) => {
                const href = `${base}/projets/${p.id}`;
                // The project stays highlighted on all its pages (board, files, activity…).
                const active = pathname === href || pathname.startsWith(href + "/");
                const n = unreadOf(unread, p.id);
                return (
                  <li key={p.id}>
                    <Link
                      href={href}
                      onClick={onNavigate}
                      aria-current={active ? "page" : undefined}
                      className={cn(
                        "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm transition-colors",
                        active ? "bg-background font-medium text-foreground shadow-xs ring-1 ring-border" : "text-muted-foreground hover:bg-muted hover:text-foreground",
                      )}
                    >
                      <FolderKanbanIcon className={cn("size-4 shrink-0", active && "text-brand")} aria-hidden />
                      <span className="min-w-0 flex-1 truncate">{p.name}</span>
                      <NavBadge n={n} label={fmt(t.shell.projectNav.unreadCount, { n })} testId="sidebar-unread" />
                      <span className={cn("size-1.5 shrink-0 rounded-full", statusDot[p.status])} aria-hidden />
                    </Link>
                  </li>
                );
              })}
            </ul>
          )}
          {projectsTotal > projects.length ? (
            <Link
              href={base}
              onClick={onNavigate}
              data-testid="sidebar-all-projects"
              className="mt-1 flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm text-muted-foreground transition-colors hover:bg-muted hover:text-foreground"
            >
              <span className="size-4 shrink-0" aria-hidden />
              <span className="min-w-0 flex-1 truncate">{fmt(t.nav.allProjects, { n: projectsTotal })}</span>
              <NavBadge n={unreadElsewhere} label={fmt(t.shell.unreadElsewhere, { n: unreadElsewhere })} testId="sidebar-unread-elsewhere" />
            </Link>
          ) : null}
        </div>
      </nav>
    </div>
  );
}
