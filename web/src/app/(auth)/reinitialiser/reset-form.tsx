"use client";

import Link from "@/components/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { AlertCircleIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PasswordInput } from "@/components/password-input";
import { setLocaleCookie, useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { asProblem, fieldErrors, problemMessage } from "@/lib/api/errors";

export function ResetForm({ token }: { token: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [linkDead, setLinkDead] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setFormError(null);
    setErrors({});
    if (password !== confirm) {
      setErrors({ confirm: t.fields.passwordsDiffer });
      return;
    }
    setPending(true);
    try {
      const { data, error, response } = await api.POST("/api/v1/auth/password-reset/confirm", { body: { token, password } });
      if (data) {
        setLocaleCookie(data.user.locale);
        toast.success(t.reset.success);
        router.replace("/");
        router.refresh();
        return;
      }
      const code = asProblem(error).code;
      if (code === "token_invalid" || code === "token_expired" || code === "token_used") setLinkDead(true);
      const fe = fieldErrors(t, error, { password_too_common: "password" });
      setErrors(fe);
      if (Object.keys(fe).length === 0) setFormError(problemMessage(t, error, response));
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
          <AlertDescription>
            {formError}
            {linkDead ? (
              <>
                {" "}
                <Link href="/mot-de-passe-oublie" className="font-medium underline underline-offset-2">
                  {t.reset.requestNew}
                </Link>
              </>
            ) : null}
          </AlertDescription>
        </Alert>
      ) : null}
      <Field label={t.reset.newPassword} hint={t.reset.hint} error={errors.password}>
        <PasswordInput name="password" autoComplete="new-password" required minLength={8} maxLength={128} autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <Field label={t.reset.confirmPassword} error={errors.confirm}>
        <PasswordInput name="confirm" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
      </Field>
      <Button type="submit" size="lg" disabled={pending} className="w-full">
        {pending ? t.reset.submitting : t.reset.submit}
      </Button>
    </form>
  );
}
