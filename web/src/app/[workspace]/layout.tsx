import type { Metadata } from "next";
import { AppShell } from "@/components/app-shell";
import { getProjectPage, getUnreadMessages, getWorkspace } from "@/lib/api/queries";
import { requireMe } from "@/lib/api/server";
import { AccentStyle } from "@/components/accent-style";
import { workspaceLoginHref } from "@/lib/last-workspace";

/** How many projects the sidebar lists (the most recently updated). */
const SIDEBAR_PROJECTS = 12;

export async function generateMetadata({ params }: { params: Promise<{ workspace: string }> }): Promise<Metadata> {
  const { workspace } = await params;
  const ws = await getWorkspace(workspace);
  return { title: { default: ws.name, template: `%s · ${ws.name}` } };
}

export default async function WorkspaceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  // Signed out: the workspace's own login, wearing its identity (every call
  // below sends there on a 401). All four calls at once: one round trip to
  // the API before the page's own calls, not two (issue 10).
  const [me, workspace, projects, unread] = await Promise.all([
    requireMe(workspaceLoginHref(slug)),
    getWorkspace(slug),
    // The most recent few, whatever the workspace holds (issue 10); the
    // projects page lists them all.
    getProjectPage(slug, SIDEBAR_PROJECTS),
    getUnreadMessages(slug),
  ]);
  return (
    <>
      {/* The workspace's accent colour themes the UI (buttons, focus rings, active items). */}
      <AccentStyle color={workspace.accentColor} />
      <AppShell
        user={me.user}
        workspaces={me.workspaces}
        workspace={workspace}
        projects={projects.projects.map(({ id, name, status }) => ({ id, name, status }))}
        projectsTotal={projects.total}
        unread={{ total: unread.total, projects: unread.projects }}
      >
        {children}
      </AppShell>
    </>
  );
}
