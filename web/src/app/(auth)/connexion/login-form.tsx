"use client";

import Link from "@/components/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { AlertCircleIcon } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PasswordInput } from "@/components/password-input";
import { setLocaleCookie, useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { fieldErrors, problemMessage } from "@/lib/api/errors";

/** `espace`: the workspace whose own login this is (the forgotten-password page keeps its identity). */
export function LoginForm({ next = "/", espace }: { next?: string; espace?: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [remember, setRemember] = useState(false);
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setFormError(null);
    setErrors({});
    try {
      const { data, error, response } = await api.POST("/api/v1/auth/login", { body: { email: email.trim(), password, remember } });
      if (data) {
        setLocaleCookie(data.user.locale);
        router.replace(next);
        router.refresh();
        return;
      }
      const fe = fieldErrors(t, error);
      setErrors(fe);
      if (Object.keys(fe).length === 0 || response.status !== 422) setFormError(problemMessage(t, error, response));
    } catch {
      setFormError(t.common.networkError);
    }
    setPending(false);
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
        <Input name="email" type="email" autoComplete="username" inputMode="email" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <Field
        label={t.common.password}
        error={errors.password}
        labelExtra={
          <Link href={espace ? `/mot-de-passe-oublie?espace=${encodeURIComponent(espace)}` : "/mot-de-passe-oublie"} className="rounded text-[13px] font-medium text-brand hover:underline">
            {t.login.forgot}
          </Link>
        }
      >
        <PasswordInput name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <div className="flex items-center gap-2.5">
        <Checkbox id="remember" checked={remember} onCheckedChange={(v) => setRemember(v === true)} />
        <Label htmlFor="remember" className="font-normal text-muted-foreground">
          {t.login.remember}
        </Label>
      </div>
      <Button type="submit" size="lg" disabled={pending} className="w-full">
        {pending ? t.login.submitting : t.login.submit}
      </Button>
    </form>
  );
}
