"use client";

import Link from "next/link";
import { useState } from "react";
import { CheckCircle2Icon, FileIcon, FolderKanbanIcon, HistoryIcon, ListTodoIcon, LockIcon, MailIcon, MilestoneIcon, StampIcon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/work/local-time";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { problemMessage } from "@/lib/api/errors";
import type { ActivityEntry, ActivityFamily } from "@/lib/api/types";
import { call } from "@/lib/api-call";
import { approvalHref, describeActivity, fileHref, projectHref, taskHref } from "@/lib/work";
import { cn } from "@/lib/utils";

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
}: {
  workspace: string;
  project: string;
  initial: { entries: ActivityEntry[]; nextBefore: number | null };
  isAdmin: boolean;
}) {
  const { t } = useI18n();
  const a = t.work.activity;
  const [family, setFamily] = useState<ActivityFamily>("all");
  const [entries, setEntries] = useState(initial.entries);
  const [nextBefore, setNextBefore] = useState(initial.nextBefore);
  const [loading, setLoading] = useState(false);
  const families: ActivityFamily[] = ["all", "task", "approval", "phase", "project", "invitation", "file", ...(isAdmin ? (["note"] as const) : [])];

  async function load(f: ActivityFamily, before?: number) {
    setLoading(true);
    const r = await call(
      api.GET("/api/v1/w/{workspace}/projects/{project}/activity", {
        params: { path: { workspace, project }, query: { family: f, limit: PAGE, ...(before ? { before } : {}) } },
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
        <ol className={cn("relative grid gap-0", loading && "opacity-60")} data-testid="activity-list" aria-busy={loading}>
          {entries.map((e, i) => {
            const { text, comment } = describeActivity(t, e, isAdmin ? "admin" : "client");
            const family = e.action.split(".")[0] ?? "";
            const Icon = e.action === "approval.approved" ? CheckCircle2Icon : (icons[family] ?? icons[e.objectType] ?? HistoryIcon);
            const href = link(e);
            return (
              <li key={e.id} className="relative flex gap-3 pb-5" data-testid="activity-entry" data-action={e.action}>
                {i < entries.length - 1 ? <span aria-hidden className="absolute top-8 bottom-0 left-[15px] w-px bg-border" /> : null}
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
                    {e.actorName || a.someone} · <LocalTime iso={e.at} />
                  </p>
                </div>
              </li>
            );
          })}
        </ol>
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
