"use client";

import { useEffect, useState } from "react";
import Link from "@/components/link";
import { useRouter } from "next/navigation";
import { ArrowLeftIcon, CopyIcon, LockIcon, SquareKanbanIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { AttachmentList, AttachmentsField, useAttachments } from "@/components/requests/attachments";
import { TicketStatusBadge, TicketTypeBadge } from "@/components/requests/badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { LocalTime } from "@/components/work/local-time";
import { Markdown } from "@/components/work/lazy-markdown";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { fieldErrors, problemMessage } from "@/lib/api/errors";
import type { TicketAction, TicketComment, TicketThread } from "@/lib/api/types";
import { call } from "@/lib/api-call";
import { startCheckout } from "@/lib/checkout";
import { cn } from "@/lib/utils";
import { euros, projectHref, requestHref, taskHref } from "@/lib/work";

type Other = { id: string; number: number; title: string };
const P = "/api/v1/w/{workspace}/projects/{project}/tickets/{ticket}" as const;

/** A request: what was asked, its status, the price block, the thread and (admins) the decisions. */
export function RequestThread({ workspace, project, thread, isAdmin, others, readOnly = false }: { workspace: string; project: string; thread: TicketThread; isAdmin: boolean; others: Other[]; readOnly?: boolean }) {
  const { t } = useI18n();
  const r = t.requests;
  const tk = thread.ticket;
  const path = { workspace, project, ticket: tk.id };
  const scope = { workspace, project };
  // Reading the thread here means its replies need no email (issue 14).
  useEffect(() => {
    if (readOnly) return;
    void api.POST(`${P}/read`, { params: { path: { workspace, project, ticket: tk.id } } }).catch(() => undefined);
  }, [readOnly, workspace, project, tk.id]);
  // A client preview shows what the client reads: no internal notes.
  const comments = readOnly ? thread.comments.filter((c) => !c.internal) : thread.comments;
  const decisions = tk.actions.filter((a) => a !== "accept_price" && a !== "refuse_price") as TicketAction[];
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-8">
      <div className="min-w-0">
        <Link href={`${projectHref(workspace, project)}/demandes`} className="inline-flex items-center gap-1.5 rounded text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeftIcon className="size-3.5" aria-hidden />
          {r.meta.back}
        </Link>
        <p className="mt-3 text-sm text-muted-foreground tabular-nums">{fmt(r.number, { n: tk.number })}</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight break-words">{tk.title}</h1>
        <div className="mt-3 flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
          <TicketStatusBadge status={tk.status} forClient={!isAdmin} />
          <TicketTypeBadge type={tk.type} />
          <span>{tk.mine ? r.meta.byYou : fmt(r.meta.by, { name: tk.authorName })}</span>
          <span aria-hidden>·</span>
          <LocalTime iso={tk.createdAt} />
        </div>
        {tk.taskId || tk.duplicateOf || tk.refusalReason ? (
          <div className="mt-4 flex flex-wrap gap-x-4 gap-y-2 text-sm">
            {tk.taskId ? (
              <Link href={taskHref(workspace, project, tk.taskId)} className="inline-flex items-center gap-1.5 font-medium text-brand hover:underline" data-testid="request-task-link">
                <SquareKanbanIcon className="size-4" aria-hidden />
                {r.meta.task}
              </Link>
            ) : null}
            {tk.duplicateOf ? (
              <Link href={requestHref(workspace, project, tk.duplicateOf.id)} className="inline-flex items-center gap-1.5 font-medium text-brand hover:underline">
                <CopyIcon className="size-4" aria-hidden />
                {fmt(r.meta.duplicateOf, { n: tk.duplicateOf.number })}
              </Link>
            ) : null}
            {tk.refusalReason ? (
              <p className="text-muted-foreground">{fmt(tk.refusedByClient && !isAdmin ? r.meta.refusalClient : r.meta.refusal, { reason: tk.refusalReason })}</p>
            ) : null}
          </div>
        ) : null}

        <section className="mt-6 rounded-xl border bg-card p-4 sm:p-5" aria-label={r.thread.description}>
          {tk.description ? <Markdown>{tk.description}</Markdown> : <p className="text-sm text-muted-foreground">{r.thread.noDescription}</p>}
          <AttachmentList scope={scope} items={thread.attachments} />
        </section>

        {tk.price ? <PriceBlock path={path} thread={thread} isAdmin={isAdmin} readOnly={readOnly} /> : null}

        <section className="mt-8" aria-labelledby="thread-title">
          <h2 id="thread-title" className="text-lg font-semibold tracking-tight">
            {r.thread.title}
          </h2>
          {comments.length === 0 ? <p className="mt-3 text-sm text-muted-foreground">{r.thread.empty}</p> : null}
          <ol className="mt-4 grid gap-3" data-testid="thread">
            {comments.map((c) => (
              <CommentItem key={c.id} comment={c} path={path} isAdmin={isAdmin} scope={scope} readOnly={readOnly} />
            ))}
          </ol>
          {readOnly ? null : (
            <CommentForm path={path} folder={thread.attachmentsFolderId} maxBytes={thread.maxBytes} isAdmin={isAdmin} clarify={tk.status === "clarify" && !isAdmin} />
          )}
        </section>
      </div>

      {isAdmin ? (
        <div className="lg:sticky lg:top-6 lg:self-start">
          <DecisionPanel path={path} number={tk.number} actions={decisions} others={others} />
        </div>
      ) : null}
    </div>
  );
}

function PriceBlock({ path, thread, isAdmin, readOnly }: { path: { workspace: string; project: string; ticket: string }; thread: TicketThread; isAdmin: boolean; readOnly: boolean }) {
  const { t } = useI18n();
  const r = t.requests;
  const router = useRouter();
  const tk = thread.ticket;
  const price = tk.price!;
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState(false);
  const canAnswer = tk.actions.includes("accept_price") && !readOnly;

  async function answer(accept: boolean) {
    setPending(true);
    const res = await call(api.POST(`${P}/price-answer`, { params: { path }, body: { accept, reason: accept ? undefined : reason } }));
    if (res.data) {
      // Accepted: straight on to paying the payment request it made.
      if (accept && res.data.paymentId) return pay(res.data.paymentId);
      setPending(false);
      toast.success(accept ? r.price.accepted : r.price.refused);
      setRefusing(false);
      router.refresh();
    } else {
      setPending(false);
      toast.error(res.response ? problemMessage(t, res.error, res.response) : t.common.networkError);
    }
  }

  async function pay(payment: string) {
    setPending(true);
    const res = await startCheckout(path.workspace, path.project, payment);
    if (!res) return;
    setPending(false);
    toast.error(res.response ? problemMessage(t, res.error, res.response) : t.common.networkError);
    router.refresh();
  }

  return (
    <section className={cn("mt-6 rounded-xl border p-4 sm:p-5", canAnswer ? "border-amber-200 bg-amber-50/60 dark:border-amber-900/60 dark:bg-amber-950/30" : "bg-card")} aria-labelledby="price-title" data-testid="price-block">
      <h2 id="price-title" className="text-sm font-medium text-muted-foreground">
        {r.price.title}
      </h2>
      <p className="mt-1 text-2xl font-semibold tracking-tight tabular-nums">{euros(t, price.cents)}</p>
      <p className="mt-2 text-sm whitespace-pre-line">{price.description}</p>
      {price.delayDays ? <p className="mt-1 text-sm text-muted-foreground">{fmt(r.price.delay, { n: price.delayDays })}</p> : null}
      {tk.status === "payment_pending" ? <p className="mt-3 text-sm font-medium">{isAdmin ? r.price.waitingPaymentAdmin : r.price.waitingPayment}</p> : null}
      {tk.status === "payment_pending" && !isAdmin && tk.paymentId && !readOnly ? (
        <div className="mt-4">
          <Button disabled={pending} onClick={() => void pay(tk.paymentId!)}>
            {pending ? r.price.redirecting : r.price.pay}
          </Button>
        </div>
      ) : null}
      {tk.status === "priced" && isAdmin ? <p className="mt-3 text-sm text-muted-foreground">{r.price.waitingClient}</p> : null}
      {canAnswer && !refusing ? (
        <div className="mt-4 flex flex-col gap-2 sm:flex-row">
          <Button disabled={pending} onClick={() => void answer(true)}>
            {r.price.acceptPay}
          </Button>
          <Button variant="outline" disabled={pending} onClick={() => setRefusing(true)}>
            {r.price.refuse}
          </Button>
        </div>
      ) : null}
      {canAnswer && refusing ? (
        <div className="mt-4 grid gap-3">
          <p className="text-sm font-medium">{r.price.refuseTitle}</p>
          <Field label={r.price.reason} id="price-refusal-reason">
            <Textarea value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <div className="flex flex-col gap-2 sm:flex-row">
            <Button variant="destructive" disabled={pending} onClick={() => void answer(false)}>
              {r.price.confirmRefuse}
            </Button>
            <Button variant="ghost" disabled={pending} onClick={() => setRefusing(false)}>
              {r.panel.cancel}
            </Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function CommentItem({ comment: c, path, isAdmin, scope, readOnly }: { comment: TicketComment; path: { workspace: string; project: string; ticket: string }; isAdmin: boolean; scope: { workspace: string; project: string }; readOnly: boolean }) {
  const { t } = useI18n();
  const r = t.requests;
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(c.body);
  const [error, setError] = useState("");
  const who = c.mine ? r.thread.you : c.authorName || t.work.activity.someone;
  const decidedText = c.decision
    ? c.decision === "paid"
      ? r.decided.paid
      : c.mine
        ? r.decidedMine[c.decision]
        : `${who} ${r.decided[c.decision]}`
    : null;

  async function save() {
    const res = await call(api.PATCH(`${P}/comments/{comment}`, { params: { path: { ...path, comment: c.id } }, body: { body } }));
    if (res.data) {
      toast.success(r.thread.saved);
      setEditing(false);
      router.refresh();
    } else setError(res.response ? problemMessage(t, res.error, res.response) : t.common.networkError);
  }

  return (
    <li
      className={cn(
        "rounded-xl border bg-card p-4",
        c.internal && "border-amber-300 bg-amber-50/50 dark:border-amber-800 dark:bg-amber-950/20",
        c.decision && "border-dashed bg-surface",
        c.mine && !c.decision && !c.internal && "sm:ml-10",
        !c.mine && !c.decision && "sm:mr-10",
      )}
      data-testid="comment"
      data-internal={c.internal ? "true" : undefined}
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        {decidedText ? <span className="font-medium">{decidedText}</span> : <span className="font-medium">{who}</span>}
        {c.decision ? <TicketStatusBadge status={c.decision} forClient={!isAdmin} /> : null}
        {c.internal ? (
          <Badge variant="waiting">
            <LockIcon className="size-3" aria-hidden />
            {r.thread.internal}
          </Badge>
        ) : null}
        <span className="text-xs text-muted-foreground">
          <LocalTime iso={c.createdAt} />
          {c.editedAt ? ` · ${r.thread.edited}` : null}
        </span>
        {c.mine && !c.decision && !editing && !readOnly ? (
          <Button variant="ghost" size="sm" className="ml-auto h-7 px-2 text-xs" onClick={() => setEditing(true)}>
            {r.thread.edit}
          </Button>
        ) : null}
      </div>
      {editing ? (
        <div className="mt-3 grid gap-2">
          <Textarea aria-label={r.thread.label} value={body} maxLength={20000} onChange={(e) => setBody(e.target.value)} />
          {error ? <p className="text-[13px] font-medium text-destructive">{error}</p> : null}
          <div className="flex gap-2">
            <Button size="sm" onClick={() => void save()} disabled={!body.trim()}>
              {r.thread.save}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => { setEditing(false); setBody(c.body); }}>
              {r.thread.cancel}
            </Button>
          </div>
        </div>
      ) : c.body ? (
        <Markdown className="mt-2">{c.body}</Markdown>
      ) : null}
      <AttachmentList scope={scope} items={c.attachments} />
    </li>
  );
}

function CommentForm({ path, folder, maxBytes, isAdmin, clarify }: { path: { workspace: string; project: string; ticket: string }; folder: string; maxBytes: number; isAdmin: boolean; clarify: boolean }) {
  const { t } = useI18n();
  const r = t.requests;
  const router = useRouter();
  const att = useAttachments({ workspace: path.workspace, project: path.project }, folder, maxBytes);
  const [body, setBody] = useState("");
  const [internal, setInternal] = useState(false);
  const [error, setError] = useState("");
  const [pending, setPending] = useState(false);

  async function send(e: React.FormEvent) {
    e.preventDefault();
    if (!body.trim()) return setError(t.fields.required);
    if (att.busy) return setError(r.form.waitUploads);
    setPending(true);
    const res = await call(api.POST(`${P}/comments`, { params: { path }, body: { body, internal: isAdmin && internal, attachments: att.files.map((f) => f.id) } }));
    setPending(false);
    if (res.data) {
      toast.success(clarify ? r.thread.answered : r.thread.sent);
      setBody("");
      setError("");
      setInternal(false);
      att.reset();
      router.refresh();
      return;
    }
    const fe = fieldErrors(t, res.error);
    setError(fe.body ?? fe.attachments ?? (res.response ? problemMessage(t, res.error, res.response) : t.common.networkError));
  }

  return (
    <form onSubmit={send} noValidate className={cn("mt-4 grid gap-3 rounded-xl border bg-card p-4", clarify && "border-amber-300 dark:border-amber-800")}>
      <Label htmlFor="comment-body" className="sr-only">
        {r.thread.label}
      </Label>
      <Textarea
        id="comment-body"
        value={body}
        maxLength={20000}
        placeholder={clarify ? r.thread.placeholderClarify : r.thread.placeholder}
        className="min-h-24"
        aria-invalid={error ? true : undefined}
        onChange={(e) => setBody(e.target.value)}
      />
      <AttachmentsField state={att} maxBytes={maxBytes} compact id="comment-attachments" />
      {error ? (
        <p className="text-[13px] font-medium text-destructive" role="alert">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        {isAdmin ? (
          <label className="inline-flex cursor-pointer items-center gap-2 text-sm">
            <Checkbox checked={internal} onCheckedChange={(v) => setInternal(v === true)} aria-describedby="internal-hint" />
            <span>
              {r.thread.internal}
              <span id="internal-hint" className="block text-xs text-muted-foreground">
                {r.thread.internalHint}
              </span>
            </span>
          </label>
        ) : (
          <span />
        )}
        <Button type="submit" disabled={pending}>
          {pending ? r.thread.sending : r.thread.send}
        </Button>
      </div>
    </form>
  );
}

function DecisionPanel({ path, number, actions, others }: { path: { workspace: string; project: string; ticket: string }; number: number; actions: TicketAction[]; others: Other[] }) {
  const { t } = useI18n();
  const r = t.requests;
  const p = r.panel;
  const router = useRouter();
  const [open, setOpen] = useState<TicketAction | null>(null);
  const [message, setMessage] = useState("");
  const [amount, setAmount] = useState("");
  const [priceDescription, setPriceDescription] = useState("");
  const [delay, setDelay] = useState("");
  const [duplicateOf, setDuplicateOf] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  const labels: Record<TicketAction, string> = { clarify: p.clarify, refuse: p.refuse, accept: p.accept, price: p.price, duplicate: p.duplicate, reopen: p.reopen };

  function choose(a: TicketAction) {
    setOpen(a);
    setErrors({});
  }

  async function confirm() {
    if (!open) return;
    const body: Record<string, unknown> = { action: open };
    if (message.trim()) body.message = message;
    if (open === "price") {
      const cents = Math.round(Number(amount.replace(/\s/g, "").replace(",", ".")) * 100);
      if (!Number.isFinite(cents) || cents < 50 || cents > 100_000_000) return setErrors({ priceCents: p.amountInvalid });
      body.priceCents = cents;
      body.priceDescription = priceDescription;
      if (delay.trim()) body.priceDelayDays = Number(delay);
    }
    if (open === "duplicate" && duplicateOf) body.duplicateOf = duplicateOf;
    setPending(true);
    const res = await call(api.POST(`${P}/decision`, { params: { path }, body: body as never }));
    setPending(false);
    if (res.data) {
      toast.success(fmt(p.done, { n: number, status: r.status[res.data.status] }));
      setOpen(null);
      setMessage("");
      router.refresh();
      return;
    }
    const fe = fieldErrors(t, res.error);
    setErrors(Object.keys(fe).length ? fe : { _form: res.response ? problemMessage(t, res.error, res.response) : t.common.networkError });
  }

  return (
    <Card data-testid="decision-panel">
      <CardHeader>
        <CardTitle>{p.title}</CardTitle>
        <p className="text-[13px] text-muted-foreground">{p.subtitle}</p>
      </CardHeader>
      <CardContent className="grid gap-3">
        {actions.length === 0 ? <p className="text-sm text-muted-foreground">{p.none}</p> : null}
        <div className="flex flex-wrap gap-2">
          {actions.map((a) => (
            <Button key={a} size="sm" variant={open === a ? "default" : "outline"} aria-pressed={open === a} onClick={() => choose(a)}>
              {labels[a]}
            </Button>
          ))}
        </div>
        {open ? (
          <div className="grid gap-3 border-t pt-3">
            {open === "accept" ? <p className="text-[13px] text-muted-foreground">{p.acceptHint}</p> : null}
            {open === "price" ? (
              <>
                <p className="text-[13px] text-muted-foreground">{p.priceHint}</p>
                <Field label={p.amount} error={errors.priceCents} id="decision-amount">
                  <Input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
                </Field>
                <Field label={p.priceDescription} error={errors.priceDescription} id="decision-price-description">
                  <Textarea value={priceDescription} maxLength={2000} onChange={(e) => setPriceDescription(e.target.value)} />
                </Field>
                <Field label={p.delay} error={errors.priceDelayDays} id="decision-delay">
                  <Input inputMode="numeric" value={delay} onChange={(e) => setDelay(e.target.value)} />
                </Field>
              </>
            ) : null}
            {open === "duplicate" ? (
              <Field label={p.duplicateOf} error={errors.duplicateOf} id="decision-duplicate">
                <NativeSelect value={duplicateOf} onChange={(e) => setDuplicateOf(e.target.value)}>
                  <option value="">{p.duplicatePick}</option>
                  {others.map((o) => (
                    <option key={o.id} value={o.id}>
                      {`#${o.number} · ${o.title}`}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
            ) : null}
            {open !== "reopen" ? (
              <Field label={open === "clarify" ? p.question : open === "refuse" ? p.reason : p.message} error={errors.message} id="decision-message">
                <Textarea value={message} maxLength={5000} onChange={(e) => setMessage(e.target.value)} />
              </Field>
            ) : null}
            {errors._form ? (
              <p className="text-[13px] font-medium text-destructive" role="alert">
                {errors._form}
              </p>
            ) : null}
            <div className="flex gap-2">
              <Button size="sm" disabled={pending} onClick={() => void confirm()}>
                {p.confirm} · {labels[open]}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setOpen(null)}>
                {p.cancel}
              </Button>
            </div>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
