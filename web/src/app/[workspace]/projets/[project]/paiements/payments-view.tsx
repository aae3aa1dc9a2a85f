"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { CreditCardIcon, FileTextIcon, PlusIcon, ReceiptIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { DateInput } from "@/components/ui/date-input";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { LocalTime } from "@/components/work/local-time";
import { fmtNode } from "@/components/work/fmt-node";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { fieldErrors, problemMessage } from "@/lib/api/errors";
import { call } from "@/lib/api-call";
import { startCheckout } from "@/lib/checkout";
import { formatDay } from "@/lib/dates";
import { euros, isPayable, parseEuros, type Payment, type PaymentKind, type PaymentSummary } from "@/lib/payments";
import { cn } from "@/lib/utils";
import { useViewedInBell } from "@/lib/viewed";

const statusVariant = { pending: "waiting", failed: "waiting", paid: "done", cancelled: "outline", expired: "outline", refunded: "outline" } as const;

/** « Paiements »: what was paid, what is pending, the remaining amount, and the requests. */
export function PaymentsView(props: { workspace: string; project: string; summary: PaymentSummary; payments: Payment[]; isAdmin: boolean; readOnly?: boolean }) {
  const { workspace, project, summary, payments, isAdmin, readOnly = false } = props;
  const { t, locale } = useI18n();
  useViewedInBell(workspace, project, "payment", !readOnly);
  const p = t.payments;
  const open = payments.filter((x) => isPayable(x.status));
  const closed = payments.filter((x) => !isPayable(x.status));
  return (
    <div className="grid gap-6">
      <section aria-label={p.title} data-testid="payment-summary" className="grid gap-3 sm:grid-cols-3">
        {[
          { key: "paid", label: p.summary.paid, value: summary.paidCents },
          { key: "pending", label: p.summary.pending, value: summary.pendingCents },
          { key: "remaining", label: p.summary.remaining, value: summary.remainingCents },
        ].map((s) => (
          <div key={s.key} data-testid={`summary-${s.key}`} className={cn("rounded-xl border bg-card p-4 shadow-xs", s.key === "remaining" && "border-brand/40")}>
            <p className="text-[13px] text-muted-foreground">{s.label}</p>
            <p className="mt-1 text-xl font-semibold tabular-nums">{euros(locale, s.value)}</p>
            {s.key === "paid" && summary.refundedCents > 0 ? (
              <p className="mt-0.5 text-xs text-muted-foreground" data-testid="summary-refunded">
                {fmt(p.summaryRefunded, { amount: euros(locale, summary.refundedCents) })}
              </p>
            ) : null}
          </div>
        ))}
        <p className="text-xs text-muted-foreground sm:col-span-3">
          {summary.budgetCents != null ? fmt(p.summary.budget, { amount: euros(locale, summary.budgetCents) }) : p.summary.noBudget}
        </p>
      </section>

      {isAdmin ? <BudgetForm workspace={workspace} project={project} budget={summary.budgetCents ?? null} /> : null}

      <Card>
        <CardHeader className="flex flex-row items-center justify-between gap-3">
          <CardTitle className="flex items-center gap-2">
            <CreditCardIcon className="size-4 text-muted-foreground" aria-hidden />
            {p.title}
            {open.length ? <Badge variant="waiting">{open.length}</Badge> : null}
          </CardTitle>
          {isAdmin ? <RequestPaymentDialog workspace={workspace} project={project} /> : null}
        </CardHeader>
        <CardContent className="grid gap-4">
          {payments.length === 0 ? (
            <p className="rounded-lg border border-dashed px-4 py-5 text-center text-sm text-muted-foreground">{p.none}</p>
          ) : null}
          {open.length ? (
            <ul className="grid gap-3">
              {open.map((x) => (
                <PaymentRow key={x.id} workspace={workspace} project={project} payment={x} isAdmin={isAdmin} readOnly={readOnly} />
              ))}
            </ul>
          ) : null}
          {closed.length ? (
            <div className="grid gap-2">
              <h2 className="text-[13px] font-medium text-muted-foreground">{p.history}</h2>
              <ul className="grid gap-2" data-testid="payment-history">
                {closed.map((x) => (
                  <PaymentRow key={x.id} workspace={workspace} project={project} payment={x} isAdmin={isAdmin} readOnly={readOnly} />
                ))}
              </ul>
            </div>
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}

function PaymentRow({ workspace, project, payment: x, isAdmin, readOnly }: { workspace: string; project: string; payment: Payment; isAdmin: boolean; readOnly: boolean }) {
  const { t, locale } = useI18n();
  const p = t.payments;
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const path = { workspace, project, payment: x.id };
  const payable = isPayable(x.status);

  async function pay() {
    setBusy(true);
    const r = await startCheckout(workspace, project, x.id);
    if (!r) return;
    setBusy(false);
    toast.error(r.response ? problemMessage(t, r.error, r.response) : t.common.networkError);
    if (r.response?.status === 409) router.refresh();
  }

  async function cancel() {
    setBusy(true);
    const r = await call(api.POST("/api/v1/w/{workspace}/projects/{project}/payments/{payment}/cancel", { params: { path } }));
    setBusy(false);
    if (r.data) {
      toast.success(p.cancelled);
      router.refresh();
    } else toast.error(r.response ? problemMessage(t, r.error, r.response) : t.common.networkError);
  }

  return (
    <li
      id={`paiement-${x.id}`}
      data-testid="payment"
      data-status={x.status}
      className={cn(
        "scroll-mt-24 rounded-lg border p-4 target:ring-2 target:ring-brand",
        payable && "border-amber-200 bg-amber-50/50 dark:border-amber-900/50 dark:bg-amber-950/20",
      )}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium">{x.title}</p>
          <p className="mt-0.5 text-xs text-muted-foreground">
            {p.kinds[x.kind]} · {fmtNode(p.requestedOn, { date: <LocalTime iso={x.requestedAt} dateOnly /> })}
            {x.dueDate ? ` · ${fmt(p.dueOn, { date: formatDay(locale, x.dueDate) })}` : null}
            {x.paidAt ? <> · {fmtNode(p.paidOn, { date: <LocalTime iso={x.paidAt} dateOnly /> })}</> : null}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-semibold tabular-nums">{euros(locale, x.amountCents)}</span>
          <Badge variant={statusVariant[x.status]}>{p.status[x.status]}</Badge>
          {x.status === "paid" && x.refundedCents > 0 ? (
            <Badge variant="outline" data-testid="refunded-part">
              {fmt(p.refundedPart, { amount: euros(locale, x.refundedCents) })}
            </Badge>
          ) : null}
        </div>
      </div>
      {x.description ? <p className="mt-2 text-sm whitespace-pre-line text-foreground/90">{x.description}</p> : null}
      {x.receiptUrl || x.invoiceUrl || x.invoicePdfUrl ? (
        <p className="mt-2 flex flex-wrap gap-3 text-[13px]">
          {x.receiptUrl ? (
            <a href={x.receiptUrl} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 rounded font-medium text-brand hover:underline">
              <ReceiptIcon className="size-3.5" aria-hidden />
              {p.receipt}
            </a>
          ) : null}
          {x.invoiceUrl ? (
            <a href={x.invoiceUrl} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 rounded font-medium text-brand hover:underline">
              <FileTextIcon className="size-3.5" aria-hidden />
              {p.invoice}
            </a>
          ) : null}
          {x.invoicePdfUrl ? (
            <a href={x.invoicePdfUrl} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 rounded font-medium text-brand hover:underline">
              {p.invoicePdf}
            </a>
          ) : null}
        </p>
      ) : null}
      {payable && !readOnly ? (
        <div className="mt-3 flex flex-wrap justify-end gap-2">
          {isAdmin ? (
            <Button variant="ghost" size="sm" onClick={cancel} disabled={busy}>
              {p.cancel}
            </Button>
          ) : (
            <Button size="sm" onClick={pay} disabled={busy}>
              <CreditCardIcon />
              {busy ? p.redirecting : x.status === "failed" ? p.retry : p.pay}
            </Button>
          )}
        </div>
      ) : null}
    </li>
  );
}

function BudgetForm({ workspace, project, budget }: { workspace: string; project: string; budget: number | null }) {
  const { t } = useI18n();
  const p = t.payments;
  const router = useRouter();
  const [value, setValue] = useState(budget == null ? "" : String(budget / 100).replace(".", ","));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const cents = value.trim() === "" ? null : parseEuros(value);
    if (value.trim() !== "" && cents === null) return setError(p.amountInvalid);
    setBusy(true);
    const r = await call(api.PUT("/api/v1/w/{workspace}/projects/{project}/budget", { params: { path: { workspace, project } }, body: { budgetCents: cents } }));
    setBusy(false);
    if (r.data) {
      toast.success(p.budget.saved);
      router.refresh();
    } else setError(r.response ? problemMessage(t, r.error, r.response) : t.common.networkError);
  }

  return (
    <form onSubmit={save} noValidate className="flex flex-wrap items-end gap-3" data-testid="budget-form">
      <Field label={p.budget.label} hint={p.budget.hint} error={error ?? undefined} className="min-w-56 flex-1">
        <Input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
      </Field>
      <Button type="submit" variant="secondary" disabled={busy}>
        {busy ? t.common.saving : p.budget.save}
      </Button>
    </form>
  );
}

const kinds: Exclude<PaymentKind, "ticket">[] = ["acompte", "jalon", "solde"];

function RequestPaymentDialog({ workspace, project }: { workspace: string; project: string }) {
  const { t } = useI18n();
  const p = t.payments;
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const empty = { kind: "acompte" as (typeof kinds)[number], title: "", amount: "", dueDate: "", description: "" };
  const [v, setV] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    const cents = parseEuros(v.amount);
    const errs: Record<string, string> = {};
    if (!v.title.trim()) errs.title = t.fields.required;
    if (cents === null || cents < 50 || cents > 100_000_000) errs.amountCents = p.amountInvalid;
    if (Object.keys(errs).length) return setErrors(errs);
    setPending(true);
    const r = await call(
      api.POST("/api/v1/w/{workspace}/projects/{project}/payments", {
        params: { path: { workspace, project } },
        body: { kind: v.kind, title: v.title.trim(), amountCents: cents!, description: v.description.trim(), ...(v.dueDate ? { dueDate: v.dueDate } : {}) },
      }),
    );
    setPending(false);
    if (r.data) {
      toast.success(p.requested);
      setOpen(false);
      router.refresh();
      return;
    }
    if (!r.response) return setFormError(t.common.networkError);
    const fe = fieldErrors(t, r.error);
    setErrors(fe);
    if (Object.keys(fe).length === 0) setFormError(problemMessage(t, r.error, r.response));
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) {
          setV(empty);
          setErrors({});
          setFormError(null);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm">
          <PlusIcon />
          {p.request}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t.common.close}>
        <DialogHeader>
          <DialogTitle>{p.request}</DialogTitle>
          <DialogDescription>{p.requestDescription}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <Field label={p.kind} error={errors.kind}>
            <NativeSelect value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value as (typeof kinds)[number] })}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {p.kinds[k]}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field label={p.fieldTitle} error={errors.title}>
            <Input value={v.title} maxLength={120} placeholder={p.fieldTitlePlaceholder} onChange={(e) => setV({ ...v, title: e.target.value })} />
          </Field>
          <Field label={p.fieldAmount} hint={p.fieldAmountHint} error={errors.amountCents}>
            <Input inputMode="decimal" value={v.amount} onChange={(e) => setV({ ...v, amount: e.target.value })} />
          </Field>
          <Field label={p.fieldDue} error={errors.dueDate}>
            <DateInput value={v.dueDate} onChange={(e) => setV({ ...v, dueDate: e.target.value })} />
          </Field>
          <Field label={p.fieldDescription} error={errors.description}>
            <Textarea value={v.description} maxLength={5000} onChange={(e) => setV({ ...v, description: e.target.value })} />
          </Field>
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
              {pending ? t.common.saving : p.send}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
