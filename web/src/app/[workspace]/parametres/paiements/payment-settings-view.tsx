"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { AlertCircleIcon, AlertTriangleIcon, CheckIcon, CopyIcon, CreditCardIcon, FlaskConicalIcon, KeyRoundIcon, PlugZapIcon, WebhookIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { fieldErrors, problemMessage } from "@/lib/api/errors";
import type { paths } from "@/lib/api/schema";
import { call } from "@/lib/api-call";
import { cn } from "@/lib/utils";

type PaymentSettings = paths["/api/v1/w/{workspace}/payment-settings"]["get"]["responses"][200]["content"]["application/json"];

const PATH = "/api/v1/w/{workspace}/payment-settings" as const;

/** The last characters of a key hint such as « rk_live_…a1b2 ». */
function lastChars(hint: string) {
  const i = hint.lastIndexOf("…");
  return i >= 0 ? hint.slice(i + 1) : hint;
}

export function PaymentSettingsView({ workspace, settings: s }: { workspace: string; settings: PaymentSettings }) {
  const { t } = useI18n();
  const ps = t.payments.settings;
  const connected = s.mode === "stripe";
  const live = s.keyMode === "live";
  const modeHint = connected ? (live ? ps.modeHint.stripeLive : ps.modeHint.stripeTest) : s.mode === "simulated" ? ps.modeHint.simulated : ps.modeHint.off;
  const ModeIcon = connected ? CreditCardIcon : s.mode === "simulated" ? FlaskConicalIcon : PlugZapIcon;

  return (
    <div className="grid gap-6">
      <Card data-testid="payment-mode" data-mode={s.mode} data-key-mode={s.keyMode || undefined}>
        <CardHeader>
          <CardTitle>{ps.modeTitle}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-5">
          <div className="flex items-start gap-4">
            <span
              aria-hidden
              className={cn(
                "flex size-11 shrink-0 items-center justify-center rounded-xl",
                connected ? (live ? "bg-emerald-50 text-emerald-700 dark:bg-emerald-950/50 dark:text-emerald-300" : "bg-blue-50 text-blue-700 dark:bg-blue-950/50 dark:text-blue-300") : "bg-amber-50 text-amber-800 dark:bg-amber-950/50 dark:text-amber-300",
              )}
            >
              <ModeIcon className="size-5" />
            </span>
            <div className="grid min-w-0 gap-1.5">
              <div className="flex flex-wrap items-center gap-2">
                <span className="text-lg font-semibold tracking-tight">{ps.modes[s.mode]}</span>
                {connected && s.keyMode ? <Badge variant={live ? "done" : "progress"}>{ps.keyModes[s.keyMode as "test" | "live"]}</Badge> : null}
              </div>
              <p className="text-sm text-pretty text-muted-foreground">{modeHint}</p>
            </div>
          </div>
          <dl className="grid gap-3 rounded-lg border bg-surface p-4 text-sm sm:grid-cols-2">
            <div className="grid gap-0.5">
              <dt className="text-muted-foreground">{ps.secretKey}</dt>
              <dd className="font-medium" data-testid="key-status">
                {s.secretKeyHint ? fmt(ps.configured, { last: `…${lastChars(s.secretKeyHint)}` }) : ps.notConfigured}
              </dd>
            </div>
            <div className="grid gap-0.5">
              <dt className="text-muted-foreground">{ps.webhookSecret}</dt>
              <dd className="font-medium" data-testid="webhook-status">
                {s.hasWebhookSecret ? ps.configuredSecret : ps.notConfiguredSecret}
              </dd>
            </div>
          </dl>
          {connected && !s.hasWebhookSecret ? (
            <Alert variant="destructive">
              <AlertTriangleIcon />
              <AlertDescription>{ps.missingWebhook}</AlertDescription>
            </Alert>
          ) : null}
        </CardContent>
      </Card>

      <ConnectForm workspace={workspace} settings={s} />
      <WebhookCard settings={s} />
      {connected ? <DisconnectCard workspace={workspace} simulatedAllowed={s.simulatedAllowed} /> : null}
    </div>
  );
}

function ConnectForm({ workspace, settings: s }: { workspace: string; settings: PaymentSettings }) {
  const { t } = useI18n();
  const ps = t.payments.settings;
  const router = useRouter();
  const connected = s.mode === "stripe";
  const [secretKey, setSecretKey] = useState("");
  const [webhookSecret, setWebhookSecret] = useState("");
  const [invoice, setInvoice] = useState(s.invoiceCreation);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    const key = secretKey.trim();
    if (!connected && !key) {
      setErrors({ secretKey: ps.keyRequired });
      return;
    }
    setPending(true);
    const res = await call(
      api.PUT(PATH, {
        params: { path: { workspace } },
        body: { secretKey: key || undefined, webhookSecret: webhookSecret.trim() || undefined, invoiceCreation: invoice },
      }),
    );
    setPending(false);
    if (res.data) {
      setSecretKey("");
      setWebhookSecret("");
      toast.success(key ? ps.connected : ps.saved);
      router.refresh();
      return;
    }
    if (!res.response) {
      setFormError(t.common.networkError);
      return;
    }
    const fe = fieldErrors(t, res.error);
    setErrors(fe);
    if (Object.keys(fe).length === 0) setFormError(problemMessage(t, res.error, res.response));
  }

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate aria-label={connected ? ps.save : ps.connect}>
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            <KeyRoundIcon className="size-4 text-muted-foreground" aria-hidden />
            {connected ? ps.title : ps.connect}
          </CardTitle>
          <CardDescription>{ps.subtitle}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          {formError ? (
            <Alert variant="destructive">
              <AlertCircleIcon />
              <AlertDescription>{formError}</AlertDescription>
            </Alert>
          ) : null}
          <Field label={ps.secretKey} hint={connected ? `${ps.secretKeyKeep} ${ps.secretKeyHint}` : ps.secretKeyHint} error={errors.secretKey}>
            <Input
              name="secretKey"
              type="password"
              autoComplete="off"
              spellCheck={false}
              maxLength={255}
              className="font-mono"
              placeholder={connected ? s.secretKeyHint : ps.secretKeyPlaceholder}
              value={secretKey}
              onChange={(e) => setSecretKey(e.target.value)}
            />
          </Field>
          <Field label={ps.webhookSecret} hint={s.hasWebhookSecret ? `${ps.webhookSecretKeep} ${ps.webhookSecretHint}` : ps.webhookSecretHint} error={errors.webhookSecret}>
            <Input
              name="webhookSecret"
              type="password"
              autoComplete="off"
              spellCheck={false}
              maxLength={255}
              className="font-mono"
              placeholder={s.hasWebhookSecret ? "whsec_••••••••" : "whsec_…"}
              value={webhookSecret}
              onChange={(e) => setWebhookSecret(e.target.value)}
            />
          </Field>
          <div className="flex items-start gap-3">
            <Checkbox id="invoice-creation" checked={invoice} onCheckedChange={(v) => setInvoice(v === true)} aria-describedby="invoice-creation-hint" className="mt-0.5" />
            <div className="grid gap-1">
              <Label htmlFor="invoice-creation">{ps.invoice}</Label>
              <p id="invoice-creation-hint" className="text-sm text-muted-foreground">
                {ps.invoiceHint}
              </p>
            </div>
          </div>
        </CardContent>
        <CardFooter>
          <Button type="submit" disabled={pending}>
            {pending ? ps.checking : connected ? ps.save : ps.connect}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}

function CopyButton({ value, label }: { value: string; label: string }) {
  const { t } = useI18n();
  const ps = t.payments.settings;
  const [done, setDone] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setDone(true);
      toast.success(ps.copied);
      setTimeout(() => setDone(false), 2000);
    } catch {
      toast.error(ps.copyFailed);
    }
  }
  return (
    <Button type="button" variant="outline" size="sm" onClick={copy} aria-label={`${ps.copy} · ${label}`}>
      {done ? <CheckIcon aria-hidden /> : <CopyIcon aria-hidden />}
      {done ? ps.copied : ps.copy}
    </Button>
  );
}

function WebhookCard({ settings: s }: { settings: PaymentSettings }) {
  const { t } = useI18n();
  const ps = t.payments.settings;
  const steps = [ps.steps.one, ps.steps.two, ps.steps.three, ps.steps.four, ps.steps.five];
  const events = s.events ?? [];
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <WebhookIcon className="size-4 text-muted-foreground" aria-hidden />
          {ps.webhookTitle}
        </CardTitle>
        <CardDescription>{ps.webhookDescription}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <ol className="grid gap-2 text-sm">
          {steps.map((step, i) => (
            <li key={i} className="flex gap-3">
              <span aria-hidden className="flex size-5 shrink-0 items-center justify-center rounded-full bg-brand/10 text-xs font-semibold text-brand">
                {i + 1}
              </span>
              <span className="text-pretty">{step}</span>
            </li>
          ))}
        </ol>
        <div className="grid gap-2">
          <Label asChild>
            <span>{ps.webhookUrl}</span>
          </Label>
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <code data-testid="webhook-url" className="min-w-0 flex-1 rounded-lg border bg-surface px-3 py-2 font-mono text-sm break-all">
              {s.webhookUrl}
            </code>
            <CopyButton value={s.webhookUrl} label={ps.webhookUrl} />
          </div>
        </div>
        <div className="grid gap-2">
          <Label asChild>
            <span>{ps.apiVersion}</span>
          </Label>
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <code data-testid="api-version" className="min-w-0 flex-1 rounded-lg border bg-surface px-3 py-2 font-mono text-sm break-all">
              {s.apiVersion}
            </code>
            <CopyButton value={s.apiVersion} label={ps.apiVersion} />
          </div>
        </div>
        <div className="grid gap-2">
          <Label asChild>
            <span>{ps.events}</span>
          </Label>
          <ul data-testid="webhook-events" className="flex flex-wrap gap-2">
            {events.map((e) => (
              <li key={e}>
                <code className="inline-flex rounded-md border bg-surface px-2 py-1 font-mono text-xs">{e}</code>
              </li>
            ))}
          </ul>
        </div>
      </CardContent>
    </Card>
  );
}

function DisconnectCard({ workspace, simulatedAllowed }: { workspace: string; simulatedAllowed: boolean }) {
  const { t } = useI18n();
  const ps = t.payments.settings;
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hint = simulatedAllowed ? ps.disconnectHintSimulated : ps.disconnectHintOff;

  async function disconnect() {
    setPending(true);
    setError(null);
    const res = await call(api.PUT(PATH, { params: { path: { workspace } }, body: { secretKey: "-" } }));
    setPending(false);
    if (res.data) {
      setOpen(false);
      toast.success(ps.disconnected);
      router.refresh();
    } else setError(res.response ? problemMessage(t, res.error, res.response) : t.common.networkError);
  }

  return (
    <Card className="border-destructive/30">
      <CardHeader>
        <CardTitle>{ps.disconnectTitle}</CardTitle>
        <CardDescription>{hint}</CardDescription>
      </CardHeader>
      <CardFooter>
        <Dialog open={open} onOpenChange={setOpen}>
          <DialogTrigger asChild>
            <Button variant="outline" className="text-destructive hover:text-destructive">
              {ps.disconnect}
            </Button>
          </DialogTrigger>
          <DialogContent closeLabel={ps.cancel}>
            <DialogHeader>
              <DialogTitle>{ps.disconnectConfirm}</DialogTitle>
              <DialogDescription>{hint}</DialogDescription>
            </DialogHeader>
            {error ? (
              <Alert variant="destructive">
                <AlertCircleIcon />
                <AlertDescription>{error}</AlertDescription>
              </Alert>
            ) : null}
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="outline">{ps.cancel}</Button>
              </DialogClose>
              <Button variant="destructive" onClick={disconnect} disabled={pending}>
                {ps.disconnect}
              </Button>
            </DialogFooter>
          </DialogContent>
        </Dialog>
      </CardFooter>
    </Card>
  );
}
