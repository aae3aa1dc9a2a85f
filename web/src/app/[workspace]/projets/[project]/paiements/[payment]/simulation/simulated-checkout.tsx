"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FlaskConicalIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { problemMessage } from "@/lib/api/errors";
import { call } from "@/lib/api-call";
import { euros, isPayable, paymentsHref, type Payment } from "@/lib/payments";

type Outcome = "paid" | "failed" | "abandoned";

/**
 * Stands in for Stripe's hosted page: each button makes the server sign the
 * event Stripe would send and post it to the real webhook handler, then
 * returns to the portal's return page, as Stripe would.
 */
export function SimulatedCheckout({ workspace, project, payment, session }: { workspace: string; project: string; payment: Payment; session: string }) {
  const { t, locale } = useI18n();
  const s = t.payments.simulated;
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const back = `${paymentsHref(workspace, project)}/${payment.id}`;

  async function send(outcome: Outcome) {
    setBusy(true);
    const r = await call(
      api.POST("/api/v1/w/{workspace}/projects/{project}/payments/{payment}/simulate", {
        params: { path: { workspace, project, payment: payment.id } },
        body: { session, outcome },
      }),
    );
    if (r.data) {
      router.push(`${back}?retour=${outcome === "abandoned" ? "annule" : "succes"}`);
      return;
    }
    setBusy(false);
    toast.error(r.response ? problemMessage(t, r.error, r.response) : t.common.networkError);
  }

  return (
    <div className="mx-auto grid max-w-md gap-4 rounded-xl border bg-card p-6 shadow-xs" data-testid="simulated-checkout">
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-xl font-semibold tracking-tight">{s.title}</h1>
        <Badge variant="waiting">
          <FlaskConicalIcon className="size-3" aria-hidden />
          {s.badge}
        </Badge>
      </div>
      <p className="text-sm text-muted-foreground">{s.hint}</p>
      <div className="rounded-lg border p-4">
        <p className="font-medium">{payment.title}</p>
        <p className="mt-1 text-2xl font-semibold tabular-nums">{euros(locale, payment.amountCents)}</p>
      </div>
      {isPayable(payment.status) && session ? (
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="ghost" disabled={busy} onClick={() => send("abandoned")}>
            {s.abandon}
          </Button>
          <Button variant="secondary" disabled={busy} onClick={() => send("failed")}>
            {s.fail}
          </Button>
          <Button disabled={busy} onClick={() => send("paid")}>
            {s.pay}
          </Button>
        </div>
      ) : (
        <p role="status" className="text-sm">
          {s.closed}
        </p>
      )}
    </div>
  );
}
