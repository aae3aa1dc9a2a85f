"use client";

import Link from "@/components/link";
import { useEffect, useState } from "react";
import { CheckCircle2Icon, CircleAlertIcon, Loader2Icon, XCircleIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { call } from "@/lib/api-call";
import { euros, isPayable, paymentsHref, type Payment } from "@/lib/payments";

/**
 * « Paiement en cours de confirmation » until the webhook has arrived, then
 * « Payé »: the page polls the request; the browser's return never pays.
 */
export function PaymentReturn({ workspace, project, initial, cancelled }: { workspace: string; project: string; initial: Payment; cancelled: boolean }) {
  const { t, locale } = useI18n();
  const r = t.payments.returnPage;
  const [payment, setPayment] = useState(initial);
  const waiting = payment.status === "pending" && !cancelled;

  useEffect(() => {
    if (!waiting) return;
    let stop = false;
    const timer = setInterval(async () => {
      const res = await call(
        api.GET("/api/v1/w/{workspace}/projects/{project}/payments/{payment}", { params: { path: { workspace, project, payment: initial.id } } }),
      );
      if (!stop && res.data) setPayment(res.data);
    }, 1500);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [waiting, workspace, project, initial.id]);

  let icon = <Loader2Icon className="size-8 animate-spin text-muted-foreground motion-reduce:animate-none" aria-hidden />;
  let title = r.confirming;
  let hint = r.confirmingHint;
  if (payment.status === "paid") {
    icon = <CheckCircle2Icon className="size-8 text-emerald-600" aria-hidden />;
    title = r.paid;
    hint = fmt(r.paidHint, { amount: euros(locale, payment.amountCents) });
  } else if (isPayable(payment.status) && cancelled) {
    icon = <CircleAlertIcon className="size-8 text-amber-600" aria-hidden />;
    title = r.abandoned;
    hint = r.abandonedHint;
  } else if (payment.status === "failed") {
    icon = <XCircleIcon className="size-8 text-destructive" aria-hidden />;
    title = r.failed;
    hint = r.failedHint;
  } else if (payment.status !== "pending") {
    icon = <CircleAlertIcon className="size-8 text-muted-foreground" aria-hidden />;
    title = t.payments.status[payment.status];
    hint = fmt(r.other, { status: t.payments.status[payment.status] });
  }

  return (
    <div className="mx-auto grid max-w-md justify-items-center gap-3 rounded-xl border bg-card p-8 text-center shadow-xs" data-testid="payment-return" data-status={payment.status}>
      {icon}
      <h1 className="text-xl font-semibold tracking-tight" aria-live="polite">
        {title}
      </h1>
      <p className="text-sm text-muted-foreground">
        {payment.title} · {euros(locale, payment.amountCents)}
      </p>
      <p className="text-sm">{hint}</p>
      <Button asChild variant="secondary" className="mt-2">
        <Link href={paymentsHref(workspace, project)}>{r.back}</Link>
      </Button>
    </div>
  );
}
