import type { Metadata } from "next";
import Link from "@/components/link";
import { ArrowLeftIcon, ArrowRightIcon, ArrowUpRightIcon, FolderOpenIcon } from "@/components/icons";
import { buttonVariants } from "@/components/ui/button";
import { PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/components/status-badge";
import { fmt, formatDate, plural } from "@/i18n";
import { getT } from "@/i18n/server";
import { getProjectPage, getWaiting, getWorkspace } from "@/lib/api/queries";
import { ProgressBar } from "@/components/work/progress-bar";
import { WaitingList } from "@/components/work/waiting-list";
import { NewProjectDialog } from "../new-project-dialog";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t.projects.title };
}

/** Projects per page: the most recently updated first, older ones a link away (`?apres=`). */
const PAGE_SIZE = 24;

export default async function ProjectsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ apres?: string | string[] }>;
}) {
  const { workspace: slug } = await params;
  const { apres } = await searchParams;
  const cursor = typeof apres === "string" && apres !== "" ? apres : undefined;
  const { t, locale } = await getT();
  const [workspace, page, waiting] = await Promise.all([getWorkspace(slug), getProjectPage(slug, PAGE_SIZE, cursor), getWaiting(slug)]);
  const isAdmin = workspace.role === "admin";
  const sorted = page.projects;
  const total = page.total;

  return (
    <>
      <PageHeader
        title={t.projects.title}
        description={isAdmin ? t.projects.subtitleAdmin : t.projects.subtitleClient}
        actions={isAdmin ? <NewProjectDialog workspace={slug} /> : null}
      />
      {total > 0 ? <WaitingList t={t} slug={slug} items={waiting.items} total={waiting.total} isAdmin={isAdmin} /> : null}
      {total === 0 ? (
        <div className="flex flex-col items-center rounded-xl border border-dashed px-6 py-16 text-center">
          <span className="flex size-12 items-center justify-center rounded-xl border bg-surface text-muted-foreground">
            <FolderOpenIcon className="size-6" aria-hidden />
          </span>
          <h2 className="mt-4 text-base font-semibold">{t.projects.emptyTitle}</h2>
          <p className="mt-1 max-w-sm text-sm text-muted-foreground">{isAdmin ? t.projects.emptyAdmin : t.projects.emptyClient}</p>
          {isAdmin ? (
            <div className="mt-6">
              <NewProjectDialog workspace={slug} />
            </div>
          ) : null}
        </div>
      ) : (
        <>
          <p className="mb-3 text-xs font-medium text-muted-foreground">
            {total === 1 ? t.projects.countOne : fmt(t.projects.count, { n: total })}
          </p>
          <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" data-testid="project-list">
            {sorted.map((p) => (
              <li key={p.id}>
                <Link
                  href={`/${slug}/projets/${p.id}`}
                  className="group flex h-full flex-col rounded-xl border bg-card p-5 shadow-xs transition-[border-color,box-shadow] hover:border-foreground/15 hover:shadow-md focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none"
                >
                  <div className="flex items-start justify-between gap-3">
                    <div className="min-w-0">
                      <h2 className="truncate text-[15px] font-semibold tracking-tight">{p.name}</h2>
                      <p className="mt-0.5 truncate text-sm text-muted-foreground">{p.clientName}</p>
                    </div>
                    <ArrowUpRightIcon className="size-4 shrink-0 text-muted-foreground/60 transition-transform group-hover:translate-x-0.5 group-hover:-translate-y-0.5 group-hover:text-foreground" aria-hidden />
                  </div>
                  {p.description ? <p className="mt-3 line-clamp-2 text-sm text-muted-foreground">{p.description}</p> : null}
                  <div className="mt-auto pt-5">
                    <div className="flex items-center justify-between gap-3 text-xs text-muted-foreground">
                      <span>{t.work.cards.progressLabel}</span>
                      <span className="font-medium text-foreground tabular-nums">{fmt(t.work.cards.progress, { percent: p.progress.percent })}</span>
                    </div>
                    <ProgressBar percent={p.progress.percent} label={t.work.cards.progressLabel} className="mt-1.5" />
                    {p.waitingItems > 0 ? (
                      <p className="mt-2 text-xs font-medium text-amber-700 dark:text-amber-400">
                        {isAdmin
                          ? plural(p.waitingItems, t.work.cards.waitingItemsOne, t.work.cards.waitingItems)
                          : plural(p.waitingItems, t.work.cards.waitingItemsClientOne, t.work.cards.waitingItemsClient)}
                      </p>
                    ) : null}
                  </div>
                  <div className="flex items-center justify-between gap-3 pt-4">
                    <StatusBadge status={p.status} forClient={!isAdmin} />
                    <span className="text-xs text-muted-foreground">{fmt(t.projects.updated, { date: formatDate(locale, p.updatedAt) })}</span>
                  </div>
                </Link>
              </li>
            ))}
          </ul>
          {cursor || page.nextCursor ? (
            <nav aria-label={t.projects.pagesNav} className="mt-6 flex flex-wrap items-center justify-between gap-3" data-testid="project-pages">
              {cursor ? (
                <Link href={`/${slug}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
                  <ArrowLeftIcon className="size-4" aria-hidden />
                  {t.projects.newest}
                </Link>
              ) : (
                <span />
              )}
              {page.nextCursor ? (
                <Link href={`/${slug}?apres=${encodeURIComponent(page.nextCursor)}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
                  {t.projects.older}
                  <ArrowRightIcon className="size-4" aria-hidden />
                </Link>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}
