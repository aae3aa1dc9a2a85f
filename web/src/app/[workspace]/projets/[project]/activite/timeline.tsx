"use client";

import Link from "@/components/link";
import { useState } from "react";
import { ArrowUpDownIcon, CheckCircle2Icon, ChevronDownIcon, FileIcon, FolderKanbanIcon, HistoryIcon, ListTodoIcon, LockIcon, MailIcon, MilestoneIcon, StampIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/work/local-time";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { problemMessage } from "@/lib/api/errors";
import type { ActivityEntry, ActivityFamily } from "@/lib/api/types";
import { call } from "@/lib/api-call";
import { approvalHref, describeActivity, fileHref, projectHref, taskHref } from "@/lib/work";
import { cn } from "@/lib/utils";
import { foldLabel, groupActivity } from "@/lib/activity-days";

const PAGE = 20;

const icons: Record<string, React.ComponentType<{ className?: string }>> = {
  project: FolderKanbanIcon,
  phase: MilestoneIcon,
  task: ListTodoIcon,
  approval: StampIcon,
  note: LockIcon,
  invitation: MailIcon,
  file: FileIcon,
  folder: FileIcon,
  user: MailIcon,
};

/** The project's journal with family filters and "Voir plus" pagination. */
export function ActivityTimeline({
  workspace,
  project,
  initial,
  isAdmin,
  asClient = false,
}: {
  workspace: string;
  project: string;
  initial: { entries: ActivityEntry[]; nextBefore: number | null };
  isAdmin: boolean;
  /** An admin's client preview: every page is asked for as the client sees it. */
  asClient?: boolean;
}) {
  const { t, locale } = useI18n();
  const a = t.work.activity;
  // One "now" per mount, so that « Aujourd'hui » does not change under the reader.
  const [now] = useState(() => new Date());
  const [unfolded, setUnfolded] = useState<Set<string>>(() => new Set());
  const [family, setFamily] = useState<ActivityFamily>("all");
  const [entries, setEntries] = useState(initial.entries);
  const [nextBefore, setNextBefore] = useState(initial.nextBefore);
  const [loading, setLoading] = useState(false);
  // Invitations and notes are admin-only entries: a client never has any.
  const families: ActivityFamily[] = ["all", "task", "approval", "phase", "project", ...(isAdmin ? (["invitation"] as const) : []), "file", ...(isAdmin ? (["note"] as const) : [])];

  async function load(f: ActivityFamily, before?: number) {
    setLoading(true);
    const r = await call(
      api.GET("/api/v1/w/{workspace}/projects/{project}/activity", {
        params: { path: { workspace, project }, query: { family: f, limit: PAGE, ...(before ? { before } : {}), ...(asClient ? { as: "client" as const } : {}) } },
      }),
    );
    setLoading(false);
    if (!r.data) {
      toast.error(r.response ? problemMessage(t, r.error, r.response) : t.common.networkError);
      return;
    }
    const got = r.data.entries ?? [];
    setEntries((prev) => (before ? [...prev, ...got] : got));
    setNextBefore(r.data.nextBefore ?? null);
  }

  function choose(f: ActivityFamily) {
    if (f === family) return;
    setFamily(f);
    void load(f);
  }

  const link = (e: ActivityEntry) => {
    if (e.objectType === "task" && e.action !== "task.deleted") return taskHref(workspace, project, e.objectId);
    if (e.objectType === "approval") return approvalHref(workspace, project, e.objectId);
    if (e.objectType === "file" && e.action !== "file.deleted") return fileHref(workspace, project, e.objectId);
    if (e.objectType === "file" || e.objectType === "folder") return `${projectHref(workspace, project)}/fichiers`;
    if (e.action.startsWith("phase") || e.objectType === "project") return projectHref(workspace, project);
    return null;
  };

  function toggle(key: string) {
    setUnfolded((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }

  // A plain render function (not a component defined in render): entries keep their DOM across re-renders.
  function renderEntry(e: ActivityEntry, last: boolean) {
    const { text, comment } = describeActivity(t, e, isAdmin ? "admin" : "client");
    const family = e.action.split(".")[0] ?? "";
    const Icon = e.action === "approval.approved" ? CheckCircle2Icon : (icons[family] ?? icons[e.objectType] ?? HistoryIcon);
    const href = link(e);
    return (
      <li key={e.id} className={cn("relative flex gap-3", last ? "pb-1" : "pb-5")} data-testid="activity-entry" data-action={e.action}>
        {!last ? <span aria-hidden className="absolute top-8 bottom-0 left-[15px] w-px bg-border" /> : null}
        <span
          className={cn(
            "relative z-10 flex size-8 shrink-0 items-center justify-center rounded-full border bg-card text-muted-foreground",
            e.action === "approval.approved" && "border-emerald-200 bg-emerald-50 text-emerald-600 dark:border-emerald-900 dark:bg-emerald-950/50",
            (e.action === "task.blocked" || e.action === "approval.changes_requested") && "border-amber-200 bg-amber-50 text-amber-700 dark:border-amber-900 dark:bg-amber-950/50",
          )}
        >
          <Icon className="size-4" aria-hidden />
        </span>
        <div className="min-w-0 flex-1 pt-1">
          <p className="text-sm text-pretty">
            {href ? (
              <Link href={href} className="rounded font-medium hover:underline focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none">
                {text}
              </Link>
            ) : (
              <span className="font-medium">{text}</span>
            )}
          </p>
          {comment ? <p className="mt-1.5 border-l-2 pl-2.5 text-[13px] whitespace-pre-line text-muted-foreground">{comment}</p> : null}
          <p className="mt-1 text-xs text-muted-foreground">
            {e.actorName || a.someone} · <LocalTime iso={e.at} timeOnly />
          </p>
        </div>
      </li>
    );
  }

  return (
    <div>
      <div role="radiogroup" aria-label={a.title} className="-mx-1 mb-6 flex gap-1 overflow-x-auto px-1 pb-1" data-testid="activity-filter">
        {families.map((f) => (
          <button
            key={f}
            type="button"
            role="radio"
            aria-checked={family === f}
            onClick={() => choose(f)}
            className={cn(
              "shrink-0 cursor-pointer rounded-full border px-3 py-1 text-[13px] font-medium text-muted-foreground transition-colors hover:text-foreground focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none",
              family === f && "border-foreground/20 bg-foreground text-background hover:text-background",
            )}
          >
            {a.families[f]}
          </button>
        ))}
      </div>

      {entries.length === 0 && !loading ? (
        <div className="flex flex-col items-center rounded-xl border border-dashed px-6 py-14 text-center">
          <HistoryIcon className="size-6 text-muted-foreground/60" aria-hidden />
          <p className="mt-3 text-sm text-muted-foreground">{a.empty}</p>
        </div>
      ) : (
        <div className={cn("grid gap-6", loading && "opacity-60")} data-testid="activity-list" aria-busy={loading}>
          {groupActivity(t, locale, entries, now).map((day) => (
            <section key={day.key} aria-labelledby={`day-${day.key}`} data-testid="activity-day">
              <h2 id={`day-${day.key}`} className="mb-3 text-[13px] font-semibold text-foreground first-letter:uppercase">
                {day.label}
              </h2>
              <ol className="relative grid gap-0">
                {day.rows.map((row, i) => {
                  const lastRow = i === day.rows.length - 1;
                  if (row.kind === "fold") {
                    const open = unfolded.has(row.key);
                    return (
                      <li key={row.key} className="relative pb-4" data-testid="activity-fold">
                        {!lastRow || open ? <span aria-hidden className="absolute top-8 bottom-0 left-[15px] w-px bg-border" /> : null}
                        <button
                          type="button"
                          aria-expanded={open}
                          onClick={() => toggle(row.key)}
                          className="flex cursor-pointer items-center gap-3 rounded-md text-left text-[13px] text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-brand"
                        >
                          <span className="relative z-10 flex size-8 shrink-0 items-center justify-center rounded-full border border-dashed bg-background">
                            <ArrowUpDownIcon className="size-3.5" aria-hidden />
                          </span>
                          {foldLabel(t, row.entries.length)}
                          <ChevronDownIcon className={cn("size-3.5 transition-transform", open && "rotate-180")} aria-hidden />
                        </button>
                        {open ? (
                          <ol className="mt-3 grid gap-0">
                            {row.entries.map((e, j) => renderEntry(e, lastRow && j === row.entries.length - 1))}
                          </ol>
                        ) : null}
                      </li>
                    );
                  }
                  return renderEntry(row.entry, lastRow);
                })}
              </ol>
            </section>
          ))}
        </div>
      )}
      {nextBefore ? (
        <div className="mt-2 flex justify-center">
          <Button variant="secondary" onClick={() => load(family, nextBefore)} disabled={loading}>
            {loading ? a.loading : a.more}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
