"use client";

import { useState } from "react";
import Link from "@/components/link";
import { useParams } from "next/navigation";
import { CalendarIcon, CircleAlertIcon, InboxIcon, Trash2Icon, UserIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { DateInput } from "@/components/ui/date-input";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Sheet, SheetContent, SheetDescription, SheetTitle } from "@/components/ui/sheet";
import { Textarea } from "@/components/ui/textarea";
import { useI18n } from "@/i18n/client";
import type { ColumnKey, Phase, Task } from "@/lib/api/types";
import { Markdown } from "@/components/work/lazy-markdown";
import { formatDay } from "@/lib/dates";
import { boardColumns, requestHref } from "@/lib/work";
import { cn } from "@/lib/utils";
import { AttachmentList } from "@/components/requests/attachments";


export type TaskValues = {
  title: string;
  description: string;
  column: ColumnKey;
  phaseId: string;
  dueDate: string;
  assigneeLabel: string;
  blockedByClient: boolean;
  blockedReason: string;
};

export function emptyTask(column: ColumnKey = "backlog"): TaskValues {
  return { title: "", description: "", column, phaseId: "", dueDate: "", assigneeLabel: "", blockedByClient: column === "waiting_client", blockedReason: "" };
}

export function taskValues(t: Task): TaskValues {
  return {
    title: t.title,
    description: t.description,
    column: t.column,
    phaseId: t.phaseId ?? "",
    dueDate: t.dueDate ?? "",
    assigneeLabel: t.assigneeLabel,
    blockedByClient: t.blocked.byClient,
    blockedReason: t.blocked.reason,
  };
}

/**
 * The column and the block go together, as on the server: a task in « En attente client »
 * waits on the client; leaving that column, or being done, lifts the block.
 */
export function columnChange(v: TaskValues, column: ColumnKey): Partial<TaskValues> {
  if (column === "waiting_client") return { column, blockedByClient: true };
  if (column === "done" || v.column === "waiting_client") return { column, blockedByClient: false, blockedReason: "" };
  return { column };
}

/** Client-side checks before the API's: a title, and a reason when blocked by the client. */
export function validateTask(t: ReturnType<typeof useI18n>["t"], v: TaskValues): Record<string, string> {
  const e: Record<string, string> = {};
  if (!v.title.trim()) e.title = t.fields.required;
  if (v.blockedByClient && !v.blockedReason.trim()) e.blockedReason = t.work.board.blockedReasonRequired;
  return e;
}

/** The task form, shared by the create dialog and the edit sheet. */
export function TaskFields({
  values: v,
  onChange,
  errors,
  phases,
  idPrefix,
}: {
  values: TaskValues;
  onChange: (v: TaskValues) => void;
  errors: Record<string, string>;
  phases: Phase[];
  idPrefix: string;
}) {
  const { t } = useI18n();
  const b = t.work.board;
  const [tab, setTab] = useState<"write" | "preview">("write");
  const set = (patch: Partial<TaskValues>) => onChange({ ...v, ...patch });
  return (
    <div className="grid gap-4">
      <Field label={b.taskTitle} error={errors.title} id={`${idPrefix}-title`}>
        <Input value={v.title} maxLength={200} placeholder={b.taskTitlePlaceholder} onChange={(e) => set({ title: e.target.value })} />
      </Field>
      <div className="grid gap-2">
        <div className="flex items-center justify-between gap-2">
          <Label htmlFor={`${idPrefix}-description`}>{b.taskDescription}</Label>
          <div role="tablist" aria-label={b.taskDescription} className="inline-flex rounded-md border bg-muted/60 p-0.5 text-xs">
            {(["write", "preview"] as const).map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                aria-selected={tab === k}
                onClick={() => setTab(k)}
                className={cn(
                  "cursor-pointer rounded px-2 py-1 font-medium text-muted-foreground focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none",
                  tab === k && "bg-background text-foreground shadow-xs",
                )}
              >
                {k === "write" ? b.write : b.preview}
              </button>
            ))}
          </div>
        </div>
        {tab === "write" ? (
          <Textarea
            id={`${idPrefix}-description`}
            value={v.description}
            maxLength={20000}
            className="min-h-32 font-mono text-[13px] sm:text-[13px]"
            aria-invalid={errors.description ? true : undefined}
            onChange={(e) => set({ description: e.target.value })}
          />
        ) : (
          <div className="min-h-32 rounded-lg border bg-surface px-3 py-2" data-testid="markdown-preview">
            {v.description.trim() ? <Markdown>{v.description}</Markdown> : <p className="text-sm text-muted-foreground">{b.nothingToPreview}</p>}
          </div>
        )}
        {errors.description ? (
          <p className="text-[13px] font-medium text-destructive">{errors.description}</p>
        ) : (
          <p className="text-[13px] text-muted-foreground">{b.descriptionHint}</p>
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={b.column} error={errors.column} id={`${idPrefix}-column`}>
          <NativeSelect value={v.column} onChange={(e) => set(columnChange(v, e.target.value as ColumnKey))}>
            {boardColumns.map((c) => (
              <option key={c} value={c}>
                {b.columns[c]}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field label={b.phase} error={errors.phaseId} id={`${idPrefix}-phase`}>
          <NativeSelect value={v.phaseId} onChange={(e) => set({ phaseId: e.target.value })}>
            <option value="">{b.noPhase}</option>
            {phases.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field label={b.dueDate} error={errors.dueDate} id={`${idPrefix}-due`}>
          <DateInput value={v.dueDate} onChange={(e) => set({ dueDate: e.target.value })} />
        </Field>
        <Field label={b.assignee} error={errors.assigneeLabel} id={`${idPrefix}-assignee`}>
          <Input value={v.assigneeLabel} maxLength={80} placeholder={b.assigneePlaceholder} onChange={(e) => set({ assigneeLabel: e.target.value })} />
        </Field>
      </div>
      <div
        className={cn(
          "grid gap-3 rounded-lg border p-3 transition-colors",
          v.blockedByClient && "border-amber-300 bg-amber-50/60 dark:border-amber-900/60 dark:bg-amber-950/20",
        )}
      >
        <div className="flex items-start gap-2.5">
          <Checkbox
            id={`${idPrefix}-blocked`}
            checked={v.blockedByClient}
            disabled={v.column === "waiting_client"}
            onCheckedChange={(c) => set({ blockedByClient: c === true })}
            className="mt-0.5"
          />
          <div className="grid gap-1">
            <Label htmlFor={`${idPrefix}-blocked`}>{b.blockedByClient}</Label>
            <p className="text-[13px] text-muted-foreground">{v.column === "waiting_client" ? b.waitingColumnBlocked : b.blockedHint}</p>
            {errors.blockedByClient ? <p className="text-[13px] text-destructive">{errors.blockedByClient}</p> : null}
          </div>
        </div>
        {v.blockedByClient ? (
          <Field label={b.blockedReason} error={errors.blockedReason} id={`${idPrefix}-reason`}>
            <Input value={v.blockedReason} maxLength={500} placeholder={b.blockedReasonPlaceholder} onChange={(e) => set({ blockedReason: e.target.value })} />
          </Field>
        ) : null}
      </div>
    </div>
  );
}

/** Task details: an edit form for admins, a read-only view for clients. */
export function TaskSheet({
  task,
  phases,
  canEdit,
  onClose,
  onSave,
  onDelete,
}: {
  task: Task | null;
  phases: Phase[];
  canEdit: boolean;
  onClose: () => void;
  onSave: (task: Task, values: TaskValues) => Promise<Record<string, string> | null>;
  onDelete: (task: Task) => void;
}) {
  const { t } = useI18n();
  return (
    <Sheet open={task !== null} onOpenChange={(o) => (o ? null : onClose())}>
      <SheetContent closeLabel={t.common.close} side="right" className="w-full max-w-full overflow-y-auto sm:max-w-lg">
        {task ? (
          canEdit ? (
            <EditTask key={task.id + task.updatedAt} task={task} phases={phases} onSave={onSave} onDelete={onDelete} onClose={onClose} />
          ) : (
            <ViewTask task={task} phases={phases} />
          )
        ) : null}
      </SheetContent>
    </Sheet>
  );
}

function EditTask({
  task,
  phases,
  onSave,
  onDelete,
  onClose,
}: {
  task: Task;
  phases: Phase[];
  onSave: (task: Task, values: TaskValues) => Promise<Record<string, string> | null>;
  onDelete: (task: Task) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState(() => taskValues(task));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const local = validateTask(t, values);
    setErrors(local);
    if (Object.keys(local).length) return;
    setPending(true);
    const errs = await onSave(task, values);
    setPending(false);
    if (errs) setErrors(errs);
  }

  return (
    <form onSubmit={submit} noValidate className="flex min-h-full flex-col" data-testid="task-sheet">
      <div className="border-b px-5 py-4 pr-12">
        <SheetTitle className="text-base font-semibold">{t.work.board.edit}</SheetTitle>
        <SheetDescription className="sr-only">{task.title}</SheetDescription>
        <RequestLink task={task} />
      </div>
      <div className="flex-1 px-5 py-5">
        <TaskFields values={values} onChange={setValues} errors={errors} phases={phases} idPrefix={`task-${task.id}`} />
        {errors._form ? (
          <p role="alert" className="mt-4 text-[13px] font-medium text-destructive">
            {errors._form}
          </p>
        ) : null}
      </div>
      <div className="sticky bottom-0 flex items-center justify-between gap-2 border-t bg-surface px-5 py-3">
        <Button type="button" variant="ghost" className="text-destructive hover:bg-destructive/10" onClick={() => onDelete(task)}>
          <Trash2Icon />
          {t.work.board.delete}
        </Button>
        <div className="flex gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            {t.common.cancel}
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? t.common.saving : t.common.save}
          </Button>
        </div>
      </div>
    </form>
  );
}

/** A task made from a client request links back to it (« Voir la demande »). */
function RequestLink({ task }: { task: Task }) {
  const { t } = useI18n();
  const params = useParams<{ workspace: string; project: string }>();
  if (!task.requestId) return null;
  return (
    <>
      <Link href={requestHref(params.workspace, params.project, task.requestId)} className="mt-1.5 inline-flex items-center gap-1 text-sm font-medium text-brand hover:underline" data-testid="task-request-link">
        <InboxIcon className="size-3.5" aria-hidden />
        {t.requests.task.link}
      </Link>
      <AttachmentList scope={{ workspace: params.workspace, project: params.project }} items={task.attachments ?? []} />
    </>
  );
}

function ViewTask({ task, phases }: { task: Task; phases: Phase[] }) {
  const { t, locale } = useI18n();
  const b = t.work.board;
  const phase = phases.find((p) => p.id === task.phaseId);
  return (
    <div className="grid gap-5 px-5 py-5" data-testid="task-view">
      <div className="pr-8">
        <div className="mb-2 flex flex-wrap gap-1.5">
          <Badge variant={task.origin === "request" ? "brand" : "outline"}>{task.origin === "request" ? b.badgeRequest : b.badgeProject}</Badge>
          <Badge>{b.columnsClient[task.column]}</Badge>
        </div>
        <SheetTitle className="text-lg font-semibold tracking-tight">{task.title}</SheetTitle>
        <SheetDescription className="sr-only">{b.view}</SheetDescription>
        <RequestLink task={task} />
      </div>
      {task.blocked.byClient ? (
        <div className="flex gap-2.5 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2.5 text-sm text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/30 dark:text-amber-200">
          <CircleAlertIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
          <div>
            <p className="font-medium">{b.blockedClient}</p>
            {task.blocked.reason ? <p className="mt-0.5">{task.blocked.reason}</p> : null}
          </div>
        </div>
      ) : null}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-muted-foreground">{b.phase}</dt>
        <dd>{phase?.name ?? "—"}</dd>
        <dt className="text-muted-foreground">{b.dueDate}</dt>
        <dd className="inline-flex items-center gap-1.5">
          {task.dueDate ? (
            <>
              <CalendarIcon className="size-3.5 text-muted-foreground" aria-hidden />
              {formatDay(locale, task.dueDate)}
            </>
          ) : (
            "—"
          )}
        </dd>
        <dt className="text-muted-foreground">{b.assignee}</dt>
        <dd className="inline-flex items-center gap-1.5">
          {task.assigneeLabel ? (
            <>
              <UserIcon className="size-3.5 text-muted-foreground" aria-hidden />
              {task.assigneeLabel}
            </>
          ) : (
            "—"
          )}
        </dd>
      </dl>
      <div className="border-t pt-4">
        <h3 className="mb-2 text-sm font-medium">{b.taskDescription}</h3>
        {task.description.trim() ? <Markdown>{task.description}</Markdown> : <p className="text-sm text-muted-foreground">{b.noDescription}</p>}
      </div>
    </div>
  );
}
