"use client";

import { useState } from "react";
import { AlertCircleIcon, CheckCircle2Icon } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";

type Outcome = { ok: true; family: string; workspace: string } | { ok: false; message: string };

export function UnsubscribeForm({ token }: { token: string }) {
  const { t } = useI18n();
  const u = t.notify.unsubscribe;
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function confirm() {
    setPending(true);
    try {
      // A plain route of the API (RFC 8058 one-click), outside the typed client.
      const res = await fetch(`/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token)}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      });
      const body = (await res.json().catch(() => ({}))) as { family?: string; workspaceName?: string; code?: string };
      if (res.ok) {
        const family = (body.family ?? "") as keyof typeof t.notify.families;
        setOutcome({ ok: true, family: t.notify.families[family]?.label ?? body.family ?? "", workspace: body.workspaceName ?? "" });
      } else {
        const message = body.code === "unsubscribe_expired" ? u.expired : body.code === "unsubscribe_used" ? u.used : u.invalid;
        setOutcome({ ok: false, message });
      }
    } catch {
      setOutcome({ ok: false, message: t.common.networkError });
    }
    setPending(false);
  }

  if (outcome?.ok) {
    return (
      <Alert>
        <CheckCircle2Icon />
        <AlertDescription>{fmt(u.done, { family: outcome.family, workspace: outcome.workspace })}</AlertDescription>
      </Alert>
    );
  }
  return (
    <div className="grid gap-5">
      {outcome && !outcome.ok ? (
        <Alert variant="destructive">
          <AlertCircleIcon />
          <AlertDescription>{outcome.message}</AlertDescription>
        </Alert>
      ) : (
        <p className="text-sm text-muted-foreground">{u.confirm}</p>
      )}
      {outcome ? null : (
        <Button onClick={() => void confirm()} disabled={pending} className="w-full">
          {u.button}
        </Button>
      )}
    </div>
  );
}
