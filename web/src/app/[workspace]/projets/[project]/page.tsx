import type { Metadata } from "next";
import Link from "next/link";
import {
  ArrowLeftIcon,
  ArrowRightIcon,
  CalendarClockIcon,
  CircleAlertIcon,
  ClockIcon,
  FlagIcon,
  FolderOpenIcon,
  HandIcon,
  HistoryIcon,
  KanbanSquareIcon,
  ListTodoIcon,
  StampIcon,
} from "lucide-react";
import { StatusBadge } from "@/components/status-badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { fmtNode } from "@/components/work/fmt-node";
import { LocalTime } from "@/components/work/local-time";
import { ProgressBar } from "@/components/work/progress-bar";
import { fmt, type Dictionary } from "@/i18n";
import { getT } from "@/i18n/server";
import { getDashboard, getPeople, getProjectNotes, getWorkspace } from "@/lib/api/queries";
import type { WaitingItem } from "@/lib/api/types";
import { formatDay } from "@/lib/dates";
import { approvalHref, describeActivity, projectHref, taskHref, waitingSince } from "@/lib/work";
import { ApprovalsCard } from "./approvals-card";
import { NotesPanel } from "./notes-panel";
import { PeoplePanel } from "./people-panel";
import { PhasesCard } from "./phases-card";
import { PilotPanel } from "./pilot-panel";
import { ProjectAdminActions } from "./project-admin-actions";

type Params = { params: Promise<{ workspace: string; project: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { workspace, project } = await params;
  const d = await getDashboard(workspace, project);
  return { title: d.project.name };
}

/** The 10-second dashboard: where the project stands, what comes next, what waits on the client. */
export default async function ProjectPage({ params }: Params) {
  const { workspace: slug, project: id } = await params;
  const { t, locale } = await getT();
  // One API call for the whole dashboard (the workspace is the layout's, cached).
  const [workspace, d] = await Promise.all([getWorkspace(slug), getDashboard(slug, id)]);
  const isAdmin = workspace.role === "admin";
  const [people, notes] = isAdmin ? await Promise.all([getPeople(slug, id), getProjectNotes(slug, id)]) : [null, null];
  const { project, ballInCourt: ball } = d;
  const base = projectHref(slug, id);
  const w = t.work.dashboard;
  const actHref = (item: WaitingItem) => (item.kind === "approval" ? approvalHref(slug, id, item.id) : taskHref(slug, id, item.id));
  const last = d.lastUpdate
    ? describeActivity(t, { id: 0, action: d.lastUpdate.action, actorName: d.lastUpdate.actorName, objectType: "", objectId: "", data: d.lastUpdate.data, at: d.lastUpdate.at }, isAdmin ? "admin" : "client").text
    : null;
  const delivery = ball.plannedDelivery ?? project.estimatedDelivery;

  // Quick actions: only pages that exist.
  const quickLinks = [
    { href: `${base}/tableau`, label: w.board, hint: w.boardHint, icon: KanbanSquareIcon },
    { href: `${base}/activite`, label: w.activity, hint: w.activityHint, icon: HistoryIcon },
    { href: `${base}/fichiers`, label: t.files.open, hint: t.files.quickHint, icon: FolderOpenIcon },
  ];

  return (
    <>
      <Link href={`/${slug}`} className="mb-6 inline-flex items-center gap-1.5 rounded text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeftIcon className="size-4" aria-hidden />
        {t.project.back}
      </Link>
      <div className="mb-6 flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
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
          <p className="mt-1.5 text-sm text-muted-foreground">
            <span className="sr-only">{t.project.client}{t.common.colon}</span>
            {project.clientName}
          </p>
        </div>
        {isAdmin ? <ProjectAdminActions workspace={slug} project={project} /> : null}
      </div>

      {d.waiting.length > 0 ? (
        <section
          aria-labelledby="waiting-title"
          data-testid="waiting-banner"
          className="mb-6 rounded-xl border border-amber-200 bg-amber-50/70 p-4 sm:p-5 dark:border-amber-900/50 dark:bg-amber-950/25"
        >
          <h2 id="waiting-title" className="flex items-center gap-2 text-sm font-semibold text-amber-900 dark:text-amber-200">
            <HandIcon className="size-4" aria-hidden />
            {isAdmin ? w.waitingTitleAdmin : w.waitingTitleClient}
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
                    <span className="block text-sm font-medium">
                      {item.kind === "approval" ? item.title : `${isAdmin ? t.work.waiting.kindTask : t.work.waiting.kindTaskClient} · ${item.title}`}
                    </span>
                    {item.detail ? <span className="mt-0.5 block text-[13px] text-muted-foreground">{item.detail}</span> : null}
                    <span className="mt-0.5 block text-xs text-muted-foreground sm:hidden">{waitingSince(t, item.days)}</span>
                  </span>
                  <span className="hidden shrink-0 text-xs whitespace-nowrap text-muted-foreground sm:block">{waitingSince(t, item.days)}</span>
                  <ArrowRightIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground transition-transform group-hover:translate-x-0.5" aria-hidden />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="grid min-w-0 content-start gap-6">
          {/* At a glance */}
          <div className="grid gap-4 sm:grid-cols-3">
            <GlanceCard icon={FlagIcon} title={w.nextStep} testId="next-step">
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
            </GlanceCard>
            <GlanceCard icon={HandIcon} title={isAdmin ? w.clientAction : w.clientActionYou} testId="client-action" highlight={Boolean(d.clientAction)}>
              {d.clientAction ? (
                <>
                  <p className="text-sm font-medium text-pretty">{d.clientAction.title}</p>
                  {d.clientAction.detail ? <p className="mt-0.5 line-clamp-2 text-[13px] text-muted-foreground">{d.clientAction.detail}</p> : null}
                  <Link href={actHref(d.clientAction)} className="mt-2 inline-flex items-center gap-1 rounded text-[13px] font-medium text-brand hover:underline">
                    {w.actNow}
                    <ArrowRightIcon className="size-3.5" aria-hidden />
                  </Link>
                </>
              ) : (
                <p className="text-sm text-muted-foreground">{isAdmin ? w.noClientAction : w.noClientActionYou}</p>
              )}
            </GlanceCard>
            <GlanceCard icon={ClockIcon} title={w.lastUpdate} testId="last-update">
              {d.lastUpdate ? (
                <>
                  <p className="text-sm font-medium">
                    <LocalTime iso={d.lastUpdate.at} />
                  </p>
                  <p className="mt-0.5 text-[13px] text-muted-foreground">{fmt(w.lastUpdateBy, { name: d.lastUpdate.actorName || t.work.activity.someone })}</p>
                  {last ? <p className="mt-1 line-clamp-2 text-[13px] text-muted-foreground">{last}</p> : null}
                </>
              ) : (
                <p className="text-sm font-medium">
                  <LocalTime iso={project.updatedAt} />
                </p>
              )}
            </GlanceCard>
          </div>

          {/* Progress, current phase, delivery and ball in court */}
          <Card data-testid="progress">
            <CardContent className="grid gap-5 pt-5 sm:grid-cols-2 sm:pt-6">
              <div>
                <div className="flex items-baseline justify-between gap-3">
                  <h2 className="text-sm font-medium">{w.progress}</h2>
                  <span className="text-2xl font-semibold tracking-tight tabular-nums">{project.progress.percent} %</span>
                </div>
                <ProgressBar percent={project.progress.percent} label={w.progress} className="mt-3 h-2" />
                <p className="mt-2 text-[13px] text-muted-foreground">
                  {project.progress.total ? fmt(w.progressTasks, { done: project.progress.done, total: project.progress.total }) : w.progressNoTasks}
                </p>
                <p className="mt-3 flex items-center gap-2 text-sm">
                  <ListTodoIcon className="size-4 text-muted-foreground" aria-hidden />
                  <span className="text-muted-foreground">{w.currentPhase.trim()}{t.common.colon.trimEnd()}</span>
                  <span className="font-medium" data-testid="current-phase">
                    {d.currentPhase ?? w.noCurrentPhase}
                  </span>
                </p>
              </div>
              <div className="sm:border-l sm:pl-5">
                <h2 className="flex items-center gap-2 text-sm font-medium">
                  <CalendarClockIcon className="size-4 text-muted-foreground" aria-hidden />
                  {w.estimatedDelivery}
                </h2>
                <p className="mt-2 text-lg font-semibold tracking-tight">{delivery ? formatDay(locale, delivery) : <span className="text-base font-normal text-muted-foreground">{w.noDelivery}</span>}</p>
                {ball.items > 0 ? (
                  <div className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-[13px] text-amber-900 dark:bg-amber-950/40 dark:text-amber-200" data-testid="ball-in-court">
                    <p className="font-medium">{ballLine(t, ball.days, ball.items, isAdmin)}</p>
                    {ball.shiftedDelivery && ball.days > 0 ? <p className="mt-0.5">{fmt(w.shiftedDelivery, { date: formatDay(locale, ball.shiftedDelivery) })}</p> : null}
                  </div>
                ) : null}
              </div>
            </CardContent>
          </Card>

          <PhasesCard workspace={slug} project={id} phases={d.phases} canEdit={isAdmin} />
          <ApprovalsCard workspace={slug} project={id} approvals={d.approvals} isAdmin={isAdmin} />
        </div>

        {/* Not an <aside>: the sidebar is the page's only complementary landmark. */}
        <div className="grid min-w-0 content-start gap-6">
          <Card>
            <CardHeader className="pb-3 sm:pb-3">
              <CardTitle>{w.quickActions}</CardTitle>
            </CardHeader>
            <CardContent>
              <ul className="grid gap-1" data-testid="quick-actions">
                {quickLinks.map((q) => (
                  <li key={q.href}>
                    <Link
                      href={q.href}
                      className="group flex items-center gap-3 rounded-lg px-2 py-2 transition-colors hover:bg-muted focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none"
                    >
                      <span className="flex size-8 shrink-0 items-center justify-center rounded-md border bg-surface text-muted-foreground group-hover:text-foreground">
                        <q.icon className="size-4" aria-hidden />
                      </span>
                      <span className="min-w-0 flex-1">
                        <span className="block text-sm font-medium">{q.label}</span>
                        <span className="block truncate text-xs text-muted-foreground">{q.hint}</span>
                      </span>
                      <ArrowRightIcon className="size-4 text-muted-foreground/60 transition-transform group-hover:translate-x-0.5" aria-hidden />
                    </Link>
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
          {isAdmin ? <PilotPanel key={`${project.updatedAt}`} workspace={slug} project={project} /> : null}
          {notes ? <NotesPanel workspace={slug} project={id} notes={notes} /> : null}
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
          {people ? <PeoplePanel workspace={slug} project={id} people={people} /> : null}
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

function GlanceCard({
  icon: Icon,
  title,
  children,
  testId,
  highlight = false,
}: {
  icon: React.ComponentType<{ className?: string; "aria-hidden"?: boolean }>;
  title: string;
  children: React.ReactNode;
  testId: string;
  highlight?: boolean;
}) {
  return (
    <section
      data-testid={testId}
      className={
        highlight
          ? "rounded-xl border border-amber-200 bg-card p-4 shadow-xs ring-1 ring-amber-200/60 dark:border-amber-900/60 dark:ring-amber-900/30"
          : "rounded-xl border bg-card p-4 shadow-xs"
      }
    >
      <h2 className="mb-2 flex items-center gap-1.5 text-xs font-medium tracking-wide text-muted-foreground uppercase">
        <Icon className="size-3.5" aria-hidden />
        {title}
      </h2>
      {children}
    </section>
  );
}
