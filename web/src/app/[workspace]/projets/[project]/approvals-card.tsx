"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import Link from "@/components/link";
import { CheckCircle2Icon, CheckIcon, MessageSquareWarningIcon, PaperclipIcon, PlusIcon, StampIcon, XCircleIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { fieldErrors, problemMessage } from "@/lib/api/errors";
import type { Approval, ApprovalKind } from "@/lib/api/types";
import { call } from "@/lib/api-call";
import { fmtNode } from "@/components/work/fmt-node";
import { ApprovalFilePicker } from "./approval-file-picker";
import { LocalTime } from "@/components/work/local-time";
import { cn } from "@/lib/utils";
import { fileHref } from "@/lib/work";
import { useViewedInBell } from "@/lib/viewed";

const kinds: ApprovalKind[] = ["maquette", "contenu", "livraison", "custom"];
const statusVariant = { pending: "waiting", approved: "done", changes_requested: "outline", cancelled: "outline" } as const;

/**
 * « À valider »: pending approvals (clients decide), the request dialog and the history (admins).
 * `readOnly` (an admin's client preview) shows the client's card without its buttons.
 */
export function ApprovalsCard({
  workspace,
  project,
  approvals,
  historyTotal,
  isAdmin,
  readOnly = false,
}: {
  workspace: string;
  project: string;
  approvals: Approval[];
  historyTotal: number;
  isAdmin: boolean;
  readOnly?: boolean;
}) {
  const { t } = useI18n();
  useViewedInBell(workspace, project, "approval", !readOnly);
  const pending = approvals.filter((a) => a.status === "pending");
  const latest = approvals.filter((a) => a.status !== "pending");
  // Older decisions, fetched a page at a time when asked for.
  const [older, setOlder] = useState<{ items: Approval[]; next: string | null } | null>(null);
  const [loading, setLoading] = useState(false);
  const history = [...latest, ...(older?.items ?? []).filter((a) => !latest.some((l) => l.id === a.id))];
  const next = older ? older.next : history.length < historyTotal ? (latest.at(-1)?.id ?? null) : null;
  async function more() {
    if (!next) return;
    setLoading(true);
    const r = await call(api.GET("/api/v1/w/{workspace}/projects/{project}/approvals", { params: { path: { workspace, project }, query: { decided: true, before: next, limit: 20 } } }));
    setLoading(false);
    const data = r.data;
    if (!data) {
      toast.error(!r.response ? t.common.networkError : problemMessage(t, r.error, r.response));
      return;
    }
    setOlder((o) => ({ items: [...(o?.items ?? []), ...data.approvals], next: data.nextBefore ?? null }));
  }
  return (
    <Card id="a-valider" data-testid="approvals" className="scroll-mt-20">
      <CardHeader className="flex flex-row items-start justify-between gap-3">
        <div className="grid gap-1.5">
          <CardTitle className="flex items-center gap-2">
            <StampIcon className="size-4 text-muted-foreground" aria-hidden />
            {t.work.approvals.title}
            {pending.length ? <Badge variant="waiting">{pending.length}</Badge> : null}
          </CardTitle>
          <CardDescription>{isAdmin ? t.work.approvals.subtitleAdmin : t.work.approvals.subtitleClient}</CardDescription>
        </div>
        {isAdmin ? <RequestApprovalDialog workspace={workspace} project={project} /> : null}
      </CardHeader>
      <CardContent className="grid gap-4">
        {pending.length === 0 ? (
          <p className="rounded-lg border border-dashed px-4 py-5 text-center text-sm text-muted-foreground">{t.work.approvals.none}</p>
        ) : (
          <ul className="grid gap-3">
            {pending.map((a) => (
              <PendingApproval key={a.id} workspace={workspace} project={project} approval={a} isAdmin={isAdmin} readOnly={readOnly} />
            ))}
          </ul>
        )}
        {history.length ? (
          <details className="group" open={isAdmin}>
            <summary className="cursor-pointer rounded text-[13px] font-medium text-muted-foreground select-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none">
              {t.work.approvals.history} ({Math.max(historyTotal, history.length)})
            </summary>
            <ul className="mt-3 grid gap-2" data-testid="approval-history">
              {history.map((a) => (
                <li key={a.id} className="rounded-lg border px-3 py-2.5 text-sm">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-medium">{a.title}</span>
                    <Badge variant={statusVariant[a.status]}>
                      {a.status === "approved" ? <CheckIcon className="size-3" aria-hidden /> : a.status === "changes_requested" ? <MessageSquareWarningIcon className="size-3" aria-hidden /> : <XCircleIcon className="size-3" aria-hidden />}
                      {t.work.approvals.status[a.status]}
                    </Badge>
                  </div>
                  <p className="mt-1 text-xs text-muted-foreground">
                    {fmtNode(t.work.approvals.requestedBy, { name: a.requestedByName, date: <LocalTime iso={a.requestedAt} /> })}
                    {a.decidedAt ? (
                      <>
                        {" · "}
                        {fmtNode(t.work.approvals.decidedBy, { name: a.decidedByName || t.work.activity.someone, date: <LocalTime iso={a.decidedAt} /> })}
                      </>
                    ) : null}
                  </p>
                  <ApprovalFile workspace={workspace} project={project} approval={a} />
                  {a.comment ? <p className="mt-2 border-l-2 pl-2.5 text-[13px] whitespace-pre-line">{a.comment}</p> : null}
                </li>
              ))}
            </ul>
            {next ? (
              <Button variant="ghost" size="sm" className="mt-2 w-full text-muted-foreground" onClick={more} disabled={loading} data-testid="approval-history-more">
                {t.work.approvals.historyMore}
              </Button>
            ) : null}
          </details>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** The exact file version an approval cites (v2 of the mockup…), linking to the project's files. */
function ApprovalFile({ workspace, project, approval: a }: { workspace: string; project: string; approval: Approval }) {
  const { t } = useI18n();
  if (!a.file) return null;
  const label = fmt(t.work.approvals.file, { name: a.file.name, version: a.file.version });
  return (
    <p className="mt-2 flex items-center gap-1.5 text-[13px]" title={`SHA-256 ${a.file.sha256}`}>
      <PaperclipIcon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
      {a.file.fileId ? (
        <Link href={fileHref(workspace, project, a.file.fileId)} className="truncate rounded font-medium text-brand hover:underline">
          {label}
        </Link>
      ) : (
        <span className="truncate text-muted-foreground">{label}</span>
      )}
    </p>
  );
}

function PendingApproval({ workspace, project, approval: a, isAdmin, readOnly }: { workspace: string; project: string; approval: Approval; isAdmin: boolean; readOnly: boolean }) {
  const { t } = useI18n();
  const router = useRouter();
  const [mode, setMode] = useState<null | "approved" | "changes_requested">(null);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const path = { workspace, project, approval: a.id };

  async function decide(e: React.FormEvent) {
    e.preventDefault();
    if (!mode) return;
    if (mode === "changes_requested" && !comment.trim()) return setError(t.errors.comment_required);
    setBusy(true);
    setError(null);
    const r = await call(
      api.POST("/api/v1/w/{workspace}/projects/{project}/approvals/{approval}/decision", { params: { path }, body: { decision: mode, comment: comment.trim() } }),
    );
    setBusy(false);
    if (r.data) {
      toast.success(mode === "approved" ? fmt(t.work.approvals.approved, { title: a.title }) : t.work.approvals.changesSent);
      setMode(null);
      router.refresh();
      return;
    }
    const fe = fieldErrors(t, r.error, { comment_required: "comment" });
    setError(!r.response ? t.common.networkError : (fe.comment ?? problemMessage(t, r.error, r.response)));
    if (r.response?.status === 409) router.refresh();
  }

  async function cancel() {
    setBusy(true);
    const r = await call(api.POST("/api/v1/w/{workspace}/projects/{project}/approvals/{approval}/cancel", { params: { path } }));
    setBusy(false);
    if (r.data) {
      toast.success(t.work.approvals.cancelled);
      router.refresh();
    } else toast.error(r.response ? problemMessage(t, r.error, r.response) : t.common.networkError);
  }

  return (
    <li
      id={`validation-${a.id}`}
      data-testid="pending-approval"
      className="scroll-mt-24 rounded-lg border border-amber-200 bg-amber-50/50 p-4 target:ring-2 target:ring-brand dark:border-amber-900/50 dark:bg-amber-950/20"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium">{a.title}</p>
          <p className="mt-0.5 text-xs text-muted-foreground">
            {t.work.approvals.kinds[a.kind]} · {a.requestedByName} · <LocalTime iso={a.requestedAt} />
          </p>
        </div>
        <Badge variant="waiting">{t.work.approvals.status.pending}</Badge>
      </div>
      {a.description ? <p className="mt-2 text-sm whitespace-pre-line text-foreground/90">{a.description}</p> : null}
      <ApprovalFile workspace={workspace} project={project} approval={a} />
      {readOnly ? null : isAdmin ? (
        <div className="mt-3 flex justify-end">
          <Button variant="ghost" size="sm" onClick={cancel} disabled={busy}>
            {t.work.approvals.cancel}
          </Button>
        </div>
      ) : mode ? (
        <form onSubmit={decide} noValidate className="mt-3 grid gap-3">
          <Field label={mode === "approved" ? t.work.approvals.comment : t.work.approvals.commentRequired} error={error ?? undefined}>
            <Textarea
              value={comment}
              autoFocus
              maxLength={5000}
              className="min-h-20 bg-background"
              placeholder={mode === "approved" ? t.work.approvals.commentPlaceholder : t.work.approvals.changesPlaceholder}
              onChange={(e) => setComment(e.target.value)}
            />
          </Field>
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="ghost" size="sm" onClick={() => (setMode(null), setError(null))}>
              {t.common.cancel}
            </Button>
            <Button type="submit" size="sm" disabled={busy} variant={mode === "approved" ? "default" : "secondary"}>
              {mode === "approved" ? t.work.approvals.confirmApprove : t.work.approvals.confirmChanges}
            </Button>
          </div>
        </form>
      ) : (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button size="sm" onClick={() => setMode("approved")}>
            <CheckCircle2Icon />
            {t.work.approvals.approve}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setMode("changes_requested")}>
            <MessageSquareWarningIcon />
            {t.work.approvals.requestChanges}
          </Button>
        </div>
      )}
    </li>
  );
}

function RequestApprovalDialog({ workspace, project }: { workspace: string; project: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [v, setV] = useState({ kind: "maquette" as ApprovalKind, title: "", description: "", fileVersionId: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    if (v.kind === "custom" && !v.title.trim()) return setErrors({ title: t.fields.required });
    setPending(true);
    const r = await call(
      api.POST("/api/v1/w/{workspace}/projects/{project}/approvals", {
        params: { path: { workspace, project } },
        body: {
          kind: v.kind,
          title: v.kind === "custom" ? v.title.trim() : "",
          description: v.description.trim(),
          ...(v.fileVersionId ? { fileVersionId: v.fileVersionId } : {}),
        },
      }),
    );
    setPending(false);
    if (r.data) {
      toast.success(t.work.approvals.requested);
      setOpen(false);
      router.refresh();
      return;
    }
    if (!r.response) return setFormError(t.common.networkError);
    const fe = fieldErrors(t, r.error, { unknown_file_version: "fileVersionId" });
    setErrors(fe);
    if (Object.keys(fe).length === 0) setFormError(problemMessage(t, r.error, r.response));
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) {
          setV({ kind: "maquette", title: "", description: "", fileVersionId: "" });
          setErrors({});
          setFormError(null);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm">
          <PlusIcon />
          <span className="hidden sm:inline">{t.work.approvals.request}</span>
          <span className="sr-only sm:hidden">{t.work.approvals.request}</span>
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t.common.close}>
        <DialogHeader>
          <DialogTitle>{t.work.approvals.requestTitle}</DialogTitle>
          <DialogDescription>{t.work.approvals.requestDescription}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <Field label={t.work.approvals.kind} error={errors.kind}>
            <NativeSelect value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value as ApprovalKind })}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t.work.approvals.kinds[k]}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <div className={cn(v.kind !== "custom" && "hidden")}>
            <Field label={t.work.approvals.customTitle} error={errors.title}>
              <Input value={v.title} maxLength={120} placeholder={t.work.approvals.customTitlePlaceholder} onChange={(e) => setV({ ...v, title: e.target.value })} />
            </Field>
          </div>
          <Field label={t.work.approvals.description} error={errors.description}>
            <Textarea value={v.description} maxLength={5000} placeholder={t.work.approvals.descriptionPlaceholder} onChange={(e) => setV({ ...v, description: e.target.value })} />
          </Field>
          <ApprovalFilePicker
            workspace={workspace}
            project={project}
            error={errors.fileVersionId}
            onChange={(fileVersionId) => setV((cur) => ({ ...cur, fileVersionId }))}
          />
          {formError ? (
            <p role="alert" className="text-[13px] font-medium text-destructive">
              {formError}
            </p>
          ) : null}
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="secondary">
                {t.common.cancel}
              </Button>
            </DialogClose>
            <Button type="submit" disabled={pending}>
              {pending ? t.common.saving : t.work.approvals.send}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
