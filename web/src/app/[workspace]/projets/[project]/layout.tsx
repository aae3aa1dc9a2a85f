import Link from "@/components/link";
import { ChevronRightIcon } from "@/components/icons";
import { ClientPreviewBanner, ClientPreviewButton } from "@/components/client-preview";
import { LiveRefresh } from "@/components/live-refresh-lazy";
import { ProjectNav } from "@/components/project-nav";
import { getT } from "@/i18n/server";
import { getProject, getUnreadMessages } from "@/lib/api/queries";
import { projectSections } from "@/lib/project-nav";
import { cn } from "@/lib/utils";
import { getViewer } from "@/lib/viewer";
import { projectHref } from "@/lib/work";

/**
 * Every page of a project shares this frame: where you are (projects › this
 * project) and the project's sections. An unknown or hidden
 * project stops here with a 404 rendered inside the app shell.
 */
export default async function ProjectLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspace: string; project: string }> }) {
  const { workspace: slug, project: id } = await params;
  const [{ t }, project, viewer, unread] = await Promise.all([getT(), getProject(slug, id), getViewer(slug, id), getUnreadMessages(slug)]);
  // Requests: the admin counts those awaiting his decision; messages, those
  // the caller has not read (none in a client preview: they are the admin's).
  const unreadHere = viewer.preview ? 0 : (unread.projects.find((p) => p.projectId === id)?.unread ?? 0);
  const sections = projectSections(slug, id, { overview: project.waitingItems, requests: project.newRequests, messages: unreadHere });
  return (
    <div className="pb-20 sm:pb-0">
      {viewer.preview ? <ClientPreviewBanner project={id} /> : null}
      {/* Pulled up towards the header, except under the preview banner. */}
      <div className={cn("mb-6 border-b sm:mb-8", !viewer.preview && "-mt-2 sm:-mt-4")}>
        <div className="mb-3 flex items-center justify-between gap-3 sm:mb-2">
        <nav aria-label={t.shell.breadcrumb} className="min-w-0">
          <ol className="flex min-w-0 items-center gap-1.5 text-sm text-muted-foreground">
            <li className="shrink-0">
              <Link href={`/${slug}`} className="rounded hover:text-foreground">
                {t.nav.projects}
              </Link>
            </li>
            <li aria-hidden className="shrink-0">
              <ChevronRightIcon className="size-3.5" />
            </li>
            <li className="min-w-0">
              <Link href={projectHref(slug, id)} className="block truncate rounded font-medium text-foreground hover:underline" aria-current="location">
                {project.name}
              </Link>
            </li>
          </ol>
        </nav>
        {viewer.role === "admin" && !viewer.preview ? <ClientPreviewButton project={id} /> : null}
        </div>
        <ProjectNav sections={sections} />
        <LiveRefresh workspace={slug} project={id} />
      </div>
      {children}
    </div>
  );
}
