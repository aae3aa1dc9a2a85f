import type { Metadata } from "next";
import Link from "@/components/link";
import {
  ArrowRightIcon,
  CalendarClockIcon,
  CircleAlertIcon,
  ClockIcon,
  FlagIcon,
  HandIcon,
  ListTodoIcon,
  MessageSquarePlusIcon,
  StampIcon,
} from "@/components/icons";
import { StatusBadge } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { fmtNode } from "@/components/work/fmt-node";
import { LocalTime } from "@/components/work/local-time";
import { ProgressBar } from "@/components/work/progress-bar";
import { fmt, type Dictionary } from "@/i18n";
import { getT } from "@/i18n/server";
import { getDashboard, getPeople, getProjectNotes } from "@/lib/api/queries";
import { getViewer } from "@/lib/viewer";
import type { WaitingItem } from "@/lib/api/types";
import { formatDay } from "@/lib/dates";
import { approvalHref, describeActivity, projectHref, taskHref, waitingKind, waitingSince } from "@/lib/work";
import { AdminFold } from "./admin-fold";
import { ApprovalsCard, NotesPanel, PeoplePanel, PhasesCard, PilotPanel, ProjectAdminActions } from "./lazy-panels";

type Params = { params: Promise<{ workspace: string; project: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { workspace, project } = await params;
  const d = await getDashboard(workspace, project, (await getViewer(workspace, project)).preview);
  return { title: d.project.name };
}

/** The 10-second dashboard: where the project stands, what comes next, what waits on the client. */
export default async function ProjectPage({ params }: Params) {
  const { workspace: slug, project: id } = await params;
  const { t, locale } = await getT();
  // One API call for the whole dashboard (the workspace is the layout's, cached).
  // In a client preview the admin sees the client's variant, with every write hidden.
  // The admin's panels are fetched with the dashboard, not after it (one
  // round of API calls less before the first byte).
  const viewer = await getViewer(slug, id);
  const { isAdmin, preview } = viewer;
  const [d, people, notes] = await Promise.all([
    getDashboard(slug, id, viewer.preview),
    isAdmin ? getPeople(slug, id) : null,
    isAdmin ? getProjectNotes(slug, id) : null,
  ]);
  const { project, ballInCourt: ball } = d;
  const base = projectHref(slug, id);
  const w = t.work.dashboard;
  const actHref = (item: WaitingItem) =>
    item.kind === "payment" ? `${base}/paiements#paiement-${item.id}` : item.kind === "approval" ? approvalHref(slug, id, item.id) : taskHref(slug, id, item.id);
  const last = d.lastUpdate
    ? describeActivity(t, { id: 0, action: d.lastUpdate.action, actorName: d.lastUpdate.actorName, objectType: "", objectId: "", data: d.lastUpdate.data, at: d.lastUpdate.at }, isAdmin ? "admin" : "client").text
    : null;
  const delivery = ball.plannedDelivery ?? project.estimatedDelivery;

  // One delivery date: the shifted one when the client's delays moved it, with
  // the planned one and the reason underneath.
  const shifted = ball.items > 0 && ball.days > 0 && ball.shiftedDelivery ? ball.shiftedDelivery : null;
  const shownDelivery = shifted ?? delivery;

  const waitingList =
    d.waiting.length > 0 ? (
      <section
        aria-labelledby="waiting-title"
        data-testid="waiting-banner"
        className="rounded-xl border border-amber-200 bg-amber-50/70 p-4 dark:border-amber-900/50 dark:bg-amber-950/25"
      >
        <h2 id="waiting-title" className="flex items-center gap-2 text-sm font-semibold text-amber-900 dark:text-amber-200">
          <HandIcon className="size-4" aria-hidden />
          {isAdmin ? w.waitingTitleAdmin : w.waitingTitleClient}
          <span className="ml-auto rounded-full bg-amber-100 px-2 py-px text-xs tabular-nums dark:bg-amber-900/60">{d.waitingTotal}</span>
        </h2>
        <ul className="mt-3 grid gap-2">
          {d.waiting.map((item) => (
            <li key={`${item.kind}-${item.id}`}>
              <Link
                href={actHref(item)}
                className="group flex items-start gap-3 rounded-lg bg-background/80 px-3 py-2.5 ring-1 ring-amber-900/5 transition-colors hover:bg-background focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none dark:ring-white/5"
              >
                {item.kind === "approval" ? (
                  <StampIcon className="mt-0.5 size-4 shrink-0 text-amber-700 dark:text-amber-400" aria-hidden />
                ) : (
                  <CircleAlertIcon className="mt-0.5 size-4 shrink-0 text-amber-700 dark:text-amber-400" aria-hidden />
                )}
                <span className="min-w-0 flex-1">
                  <span className="block text-sm font-medium">{item.kind === "approval" ? item.title : `${waitingKind(t, item, isAdmin)} · ${item.title}`}</span>
                  {item.detail ? <span className="mt-0.5 line-clamp-2 block text-[13px] text-muted-foreground">{item.detail}</span> : null}
                  <span className="mt-0.5 block text-xs text-muted-foreground">{waitingSince(t, item.days)}</span>
                </span>
                <ArrowRightIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground transition-transform group-hover:translate-x-0.5" aria-hidden />
              </Link>
            </li>
          ))}
        </ul>
        {d.waitingTotal > d.waiting.length ? (
          // The dashboard carries the oldest few; the workspace's list has them all.
          <Link href={`/${slug}`} data-testid="waiting-more" className="mt-2 inline-block text-[13px] font-medium text-amber-900 underline-offset-4 hover:underline dark:text-amber-200">
            {d.waitingTotal - d.waiting.length === 1 ? w.waitingMoreOne : fmt(w.waitingMore, { n: d.waitingTotal - d.waiting.length })}
          </Link>
        ) : null}
      </section>
    ) : null;

  return (
    <>
      <div className="mb-6 flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
            <h1 className="text-2xl font-semibold tracking-tight text-balance">{project.name}</h1>
            <span data-testid="project-status">
              <StatusBadge status={project.status} forClient={!isAdmin} />
            </span>
            {isAdmin && project.statusSource === "manual" ? (
              <span className="text-xs text-muted-foreground" title={fmt(w.statusAutoWould, { status: t.status[project.computedStatus] })}>
                {w.statusManual}
              </span>
            ) : null}
          </div>
          <p className="mt-1 text-sm text-muted-foreground">
            <span className="sr-only">{t.project.client}{t.common.colon}</span>
            {project.clientName}
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          {/* Quick action: open a request from the project's page. */}
          <Button variant={isAdmin ? "outline" : "default"} asChild>
            <Link href={`${projectHref(slug, id)}/demandes/nouvelle`} data-testid="new-request">
              <MessageSquarePlusIcon aria-hidden />
              {t.requests.new}
            </Link>
          </Button>
          {isAdmin ? <ProjectAdminActions workspace={slug} project={project} /> : null}
        </div>
      </div>

      {/* Phones: status, what waits, then the next step. Desktop: the summary and the timeline on the left, what waits on the right. */}
      {/* Row 2 is flexible so the main column's height goes there, not between the waiting list and the aside. */}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:grid-rows-[auto_1fr]">
        {waitingList ? <div className="min-w-0 lg:col-start-2 lg:row-start-1">{waitingList}</div> : null}

        <div className="grid min-w-0 content-start gap-6 lg:col-start-1 lg:row-span-2 lg:row-start-1">
          <Card data-testid="progress" className="overflow-hidden">
            <div className="grid divide-y sm:grid-cols-3 sm:divide-x sm:divide-y-0">
              <section className="p-4 sm:p-5" data-testid="next-step">
                <h2 className="mb-2 flex items-center gap-1.5 text-xs font-medium text-muted-foreground">
                  <FlagIcon className="size-3.5" aria-hidden />
                  {w.nextStep}
                </h2>
                {d.nextStep?.title ? (
                  <>
                    <p className="text-sm font-medium text-pretty">{d.nextStep.title}</p>
                    {/* A step written by hand has no task: the board is where it happens. */}
                    <Link
                      href={d.nextStep.taskId ? taskHref(slug, id, d.nextStep.taskId) : `${base}/tableau`}
                      className="mt-2 inline-flex items-center gap-1 rounded text-[13px] font-medium text-brand hover:underline"
                    >
                      {w.seeOnBoard}
                      <ArrowRightIcon className="size-3.5" aria-hidden />
                    </Link>
                  </>
                ) : (
                  <p className="text-sm text-muted-foreground">{w.noNextStep}</p>
                )}
              </section>
              <section className="p-4 sm:p-5" data-testid="delivery">
                <h2 className="mb-2 flex items-center gap-1.5 text-xs font-medium text-muted-foreground">
                  <CalendarClockIcon className="size-3.5" aria-hidden />
                  {w.estimatedDelivery}
                </h2>
                <p
                  className="text-lg leading-tight font-semibold tracking-tight"
                  title={shifted && delivery ? fmt(t.shell.dashboard.plannedWas, { date: formatDay(locale, delivery) }) : undefined}
                >
                  {shownDelivery ? formatDay(locale, shownDelivery) : <span className="text-sm font-normal text-muted-foreground">{w.noDelivery}</span>}
                </p>
                {ball.items > 0 ? (
                  <p className="mt-2 text-[13px] text-amber-800 dark:text-amber-300" data-testid="ball-in-court">
                    {ballLine(t, ball.days, ball.items, isAdmin)}
                  </p>
                ) : null}
                {shifted && delivery ? <p className="mt-1 text-xs text-muted-foreground">{fmt(t.shell.dashboard.plannedWas, { date: formatDay(locale, delivery) })}</p> : null}
              </section>
              <section className="p-4 sm:p-5">
                <div className="mb-2 flex items-baseline justify-between gap-3">
                  <h2 className="flex items-center gap-1.5 text-xs font-medium text-muted-foreground">
                    <ListTodoIcon className="size-3.5" aria-hidden />
                    {w.progress}
                  </h2>
                  <span className="text-lg leading-tight font-semibold tracking-tight tabular-nums">{project.progress.percent} %</span>
                </div>
                <ProgressBar percent={project.progress.percent} label={w.progress} className="h-1.5" />
                <p className="mt-2 text-[13px] text-muted-foreground">
                  {project.progress.total ? fmt(w.progressTasks, { done: project.progress.done, total: project.progress.total }) : w.progressNoTasks}
                </p>
                <p className="mt-1 text-[13px]">
                  <span className="text-muted-foreground">
                    {w.currentPhase.trim()}
                    {t.common.colon}
                  </span>
                  <span className="font-medium" data-testid="current-phase">
                    {d.currentPhase ?? w.noCurrentPhase}
                  </span>
                </p>
              </section>
            </div>
            <div className="flex items-start gap-2 border-t bg-surface/60 px-4 py-2.5 text-[13px] text-muted-foreground sm:px-5" data-testid="last-update">
              <ClockIcon className="mt-0.5 size-3.5 shrink-0" aria-hidden />
              <p className="min-w-0">
                <span className="font-medium text-foreground">{w.lastUpdate}</span>
                {t.common.colon}
                {d.lastUpdate ? (
                  <>
                    <LocalTime iso={d.lastUpdate.at} /> · {fmt(w.lastUpdateBy, { name: d.lastUpdate.actorName || t.work.activity.someone })}
                    {last ? <span className="hidden md:inline"> — {last}</span> : null}
                  </>
                ) : (
                  <LocalTime iso={project.updatedAt} />
                )}
              </p>
            </div>
          </Card>

          <PhasesCard workspace={slug} project={id} phases={d.phases} canEdit={isAdmin} />
          <ApprovalsCard workspace={slug} project={id} approvals={d.approvals} historyTotal={d.approvalHistoryTotal} isAdmin={isAdmin} readOnly={preview} />
        </div>

        {/* Not an <aside>: the sidebar is the page's only complementary landmark. */}
        <div className="grid min-w-0 content-start gap-6 lg:col-start-2 lg:row-start-2">
          {isAdmin ? (
            <AdminFold title={t.shell.dashboard.adminTools} hint={t.shell.dashboard.adminToolsHint}>
              <PilotPanel key={`${project.updatedAt}`} workspace={slug} project={project} />
              {notes ? <NotesPanel workspace={slug} project={id} notes={notes} /> : null}
              {people ? <PeoplePanel workspace={slug} project={id} people={people} /> : null}
            </AdminFold>
          ) : null}
          <Card>
            <CardHeader className="pb-3 sm:pb-3">
              <CardTitle>{w.about}</CardTitle>
            </CardHeader>
            <CardContent>
              {project.description ? (
                <p className="text-sm leading-relaxed whitespace-pre-line text-foreground/90">{project.description}</p>
              ) : (
                <p className="text-sm text-muted-foreground">{t.project.noDescription}</p>
              )}
              <p className="mt-4 border-t pt-3 text-xs text-muted-foreground">
                {fmtNode(t.project.createdAt, { date: <LocalTime iso={project.createdAt} dateOnly /> })}
              </p>
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}

function ballLine(t: Dictionary, days: number, items: number, isAdmin: boolean) {
  const w = t.work.dashboard;
  const what = isAdmin ? (items === 1 ? w.ballItemsAdminOne : fmt(w.ballItemsAdmin, { n: items })) : items === 1 ? w.ballItemsClientOne : fmt(w.ballItemsClient, { n: items });
  if (days <= 0) return what;
  // « Livraison +4 jours » is the admin's shorthand; the client reads a plain fact, not a reproach.
  const shift = isAdmin ? (days === 1 ? w.ballDaysOne : fmt(w.ballDays, { n: days })) : days === 1 ? w.ballDaysClientOne : fmt(w.ballDaysClient, { n: days });
  return `${shift}${t.common.colon}${what}`;
}
