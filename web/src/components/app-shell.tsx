"use client";

import { Activity, useMemo } from "react";
import dynamic from "next/dynamic";
import Link from "@/components/link";
import { BrandMark } from "@/components/brand-mark";
import { SidebarContent, type NavProject } from "@/components/sidebar";
import { useI18n } from "@/i18n/client";
import type { MeWorkspace, User, Workspace } from "@/lib/api/types";
import { useUnreadState, type Unread } from "@/lib/unread";
import { logoUrl } from "@/lib/utils";

// The menus (Radix DropdownMenu, Dialog) are not in the first load
// (issue 10): server-rendered, hydrated as soon as their chunks land.
const MobileNav = dynamic(() => import("@/components/mobile-nav").then((m) => m.MobileNav), {
  loading: () => <div className="size-9 lg:hidden" />,
});
// The live stream's client (lib/live) loads after the page, in its own chunk.
const UnreadSync = dynamic(() => import("@/components/unread-sync").then((m) => m.UnreadSync), { ssr: false });
// The bell (issue 14) and the account menu come in one chunk.
const HeaderActions = dynamic(() => import("@/components/header-actions").then((m) => m.HeaderActions), {
  loading: () => <div className="h-9 w-36" />,
});

type ShellProps = {
  user: User;
  workspaces: MeWorkspace[];
  workspace: Workspace;
  projects: NavProject[];
  projectsTotal: number;
  unread: Unread;
  children: React.ReactNode;
};

export function AppShell({ user, workspaces, workspace, projects, projectsTotal, unread: initialUnread, children }: ShellProps) {
  const { t } = useI18n();
  // The navigation's unread badges, live.
  const [unread, setUnread] = useUnreadState(initialUnread);
  // The page hydrates as its own unit, after the shell and in slices that
  // leave the main thread free between them (React hydrates an <Activity>
  // apart, at a low priority, as it does a Suspense boundary; a click on
  // it hydrates it at once). One long task less while a phone loads the
  // page (issue 10). The same element while the page is: the shell's
  // re-renders (live unread badges) must not force it.
  const page = useMemo(() => <Activity mode="visible">{children}</Activity>, [children]);
  // The sidebar likewise (hidden on a phone, but hydrated all the same).
  const sidebar = useMemo(
    () => (
      <Activity mode="visible">
        <SidebarContent workspaces={workspaces} workspace={workspace} projects={projects} projectsTotal={projectsTotal} unread={unread} />
      </Activity>
    ),
    [workspaces, workspace, projects, projectsTotal, unread],
  );
  return (
    <div className="flex min-h-dvh bg-surface">
      <UnreadSync workspace={workspace.slug} onChange={setUnread} />
      <a href="#main" className="sr-only z-50 rounded-md bg-background px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
        {t.common.skipToContent}
      </a>
      <aside className="sticky top-0 hidden h-dvh w-64 shrink-0 border-r bg-surface lg:flex lg:flex-col">
        {sidebar}
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-background/80 px-3 backdrop-blur-md sm:px-6 lg:bg-background/70">
          <MobileNav workspaces={workspaces} workspace={workspace} projects={projects} projectsTotal={projectsTotal} unread={unread} />
          <Link href={`/${workspace.slug}`} className="flex min-w-0 items-center gap-2 rounded-md lg:hidden">
            <BrandMark name={workspace.name} logoUrl={logoUrl(workspace.slug, workspace.hasLogo)} className="size-7" />
            <span className="truncate text-sm font-semibold">{workspace.name}</span>
          </Link>
          <div className="ml-auto flex items-center gap-1.5 sm:gap-2">
            <HeaderActions user={user} workspace={workspace.slug} />
          </div>
        </header>
        <main id="main" className="flex-1 bg-background">
          <div className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-8 sm:py-10">{page}</div>
        </main>
      </div>
    </div>
  );
}
