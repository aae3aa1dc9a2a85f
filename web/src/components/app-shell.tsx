"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { CheckIcon, ChevronsUpDownIcon, FolderKanbanIcon, InboxIcon, LayoutGridIcon, MenuIcon, SettingsIcon } from "lucide-react";
import { BrandMark } from "@/components/brand-mark";
import { UserMenu } from "@/components/user-menu";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Sheet, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { useI18n } from "@/i18n/client";
import type { MeWorkspace, Project, User, Workspace } from "@/lib/api/types";
import { cn, logoUrl } from "@/lib/utils";

type NavProject = Pick<Project, "id" | "name" | "status">;

type ShellProps = {
  user: User;
  workspaces: MeWorkspace[];
  workspace: Workspace;
  projects: NavProject[];
  children: React.ReactNode;
};

const statusDot: Record<Project["status"], string> = {
  in_progress: "bg-blue-500",
  waiting_client: "bg-amber-500",
  done: "bg-emerald-500",
};

export function AppShell({ user, workspaces, workspace, projects, children }: ShellProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <div className="flex min-h-dvh bg-surface">
      <a href="#main" className="sr-only z-50 rounded-md bg-background px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
        {t.common.skipToContent}
      </a>
      <aside className="sticky top-0 hidden h-dvh w-64 shrink-0 border-r bg-surface lg:flex lg:flex-col">
        <SidebarContent workspaces={workspaces} workspace={workspace} projects={projects} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-background/80 px-3 backdrop-blur-md sm:px-6 lg:bg-background/70">
          <Sheet open={open} onOpenChange={setOpen}>
            <SheetTrigger asChild>
              <Button variant="ghost" size="icon" className="lg:hidden" aria-label={t.nav.openMenu}>
                <MenuIcon className="size-5" />
              </Button>
            </SheetTrigger>
            <SheetContent closeLabel={t.common.close} side="left">
              <SheetTitle className="sr-only">{t.nav.mainNav}</SheetTitle>
              <SheetDescription className="sr-only">{workspace.name}</SheetDescription>
              <SidebarContent workspaces={workspaces} workspace={workspace} projects={projects} onNavigate={() => setOpen(false)} />
            </SheetContent>
          </Sheet>
          <Link href={`/${workspace.slug}`} className="flex min-w-0 items-center gap-2 rounded-md lg:hidden">
            <BrandMark name={workspace.name} logoUrl={logoUrl(workspace.slug, workspace.hasLogo)} className="size-7" />
            <span className="truncate text-sm font-semibold">{workspace.name}</span>
          </Link>
          <div className="ml-auto flex items-center gap-2">
            <UserMenu user={user} workspace={workspace.slug} />
          </div>
        </header>
        <main id="main" className="flex-1 bg-background">
          <div className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-8 sm:py-10">{children}</div>
        </main>
      </div>
    </div>
  );
}

function SidebarContent({
  workspaces,
  workspace,
  projects,
  onNavigate,
}: Omit<ShellProps, "user" | "children"> & { onNavigate?: () => void }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const base = `/${workspace.slug}`;
  const isAdmin = workspace.role === "admin";
  const nav = [
    { href: base, label: t.nav.projects, icon: LayoutGridIcon, active: pathname === base },
    ...(isAdmin ? [{ href: `${base}/demandes`, label: t.requests.title, icon: InboxIcon, active: pathname.startsWith(`${base}/demandes`) }] : []),
    ...(isAdmin ? [{ href: `${base}/parametres`, label: t.nav.settings, icon: SettingsIcon, active: pathname.startsWith(`${base}/parametres`) }] : []),
  ];
  return (
    <div className="flex h-full flex-col">
      <div className="p-3 pr-12 lg:pr-3">
        <DropdownMenu>
          <DropdownMenuTrigger
            className="flex w-full cursor-pointer items-center gap-2.5 rounded-lg p-1.5 text-left transition-colors outline-none hover:bg-muted focus-visible:ring-2 focus-visible:ring-brand data-[state=open]:bg-muted"
          >
            <BrandMark name={workspace.name} logoUrl={logoUrl(workspace.slug, workspace.hasLogo)} />
            <span className="grid min-w-0 flex-1">
              <span className="truncate text-sm font-semibold">{workspace.name}</span>
              <span className="truncate text-xs text-muted-foreground">{t.roles[workspace.role]}</span>
            </span>
            <ChevronsUpDownIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start" className="w-60">
            <DropdownMenuLabel>{t.workspaces.switch}</DropdownMenuLabel>
            {workspaces.map((w) => (
              <DropdownMenuItem key={w.id} asChild>
                <Link href={`/${w.slug}`} onClick={onNavigate}>
                  <BrandMark name={w.name} logoUrl={logoUrl(w.slug, w.hasLogo)} className="size-5 rounded-md text-[9px]" />
                  <span className="min-w-0 flex-1 truncate">{w.name}</span>
                  {w.slug === workspace.slug ? <CheckIcon className="text-foreground" /> : null}
                </Link>
              </DropdownMenuItem>
            ))}
            <DropdownMenuSeparator />
            <DropdownMenuItem asChild>
              <Link href="/espaces" onClick={onNavigate}>
                <LayoutGridIcon />
                {t.workspaces.all}
              </Link>
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
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
          <p className="px-2.5 pb-1.5 text-xs font-medium text-muted-foreground">{t.nav.yourProjects}</p>
          {projects.length === 0 ? (
            <p className="px-2.5 py-1 text-sm text-muted-foreground">{t.nav.noProjects}</p>
          ) : (
            <ul className="grid grid-cols-1 gap-0.5" data-testid="sidebar-projects">
              {projects.map((p) => {
                const href = `${base}/projets/${p.id}`;
                // The project stays highlighted on all its pages (board, files, activity…).
                const active = pathname === href || pathname.startsWith(href + "/");
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
                      <span className={cn("size-1.5 shrink-0 rounded-full", statusDot[p.status])} aria-hidden />
                    </Link>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      </nav>
    </div>
  );
}
