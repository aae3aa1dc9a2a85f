"use client";

import Link from "@/components/link";
import { useState } from "react";
import { AlertCircleIcon, ArrowLeftIcon, MailCheckIcon } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { fieldErrors, problemMessage } from "@/lib/api/errors";

/** `login`: where « Retour à la connexion » leads (the workspace's own login when known). */
export function ForgotForm({ login = "/connexion" }: { login?: string }) {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setFormError(null);
    setErrors({});
    try {
      const { error, response } = await api.POST("/api/v1/auth/password-reset", { body: { email: email.trim() } });
      if (response.ok) {
        setSentTo(email.trim());
      } else {
        const fe = fieldErrors(t, error);
        setErrors(fe);
        if (Object.keys(fe).length === 0) setFormError(problemMessage(t, error, response));
      }
    } catch {
      setFormError(t.common.networkError);
    }
    setPending(false);
  }

  if (sentTo) {
    return (
      <div className="grid gap-5" role="status">
        <div className="flex gap-3 rounded-lg border bg-surface p-4">
          <MailCheckIcon className="mt-0.5 size-5 shrink-0 text-brand" aria-hidden />
          <div>
            <p className="text-sm font-medium">{t.forgot.sentTitle}</p>
            <p className="mt-1 text-sm text-muted-foreground">{fmt(t.forgot.sent, { email: sentTo })}</p>
          </div>
        </div>
        <BackLink href={login} label={t.common.backToLogin} />
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-5">
      {formError ? (
        <Alert variant="destructive">
          <AlertCircleIcon />
          <AlertDescription>{formError}</AlertDescription>
        </Alert>
      ) : null}
      <Field label={t.common.email} error={errors.email}>
        <Input name="email" type="email" autoComplete="email" inputMode="email" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <Button type="submit" size="lg" disabled={pending} className="w-full">
        {pending ? t.forgot.submitting : t.forgot.submit}
      </Button>
      <BackLink href={login} label={t.common.backToLogin} />
    </form>
  );
}

function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className="inline-flex items-center justify-center gap-1.5 rounded text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeftIcon className="size-4" aria-hidden />
      {label}
    </Link>
  );
}
