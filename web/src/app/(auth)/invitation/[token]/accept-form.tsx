"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { AlertCircleIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PasswordInput } from "@/components/password-input";
import { setLocaleCookie, useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { fieldErrors, problemMessage } from "@/lib/api/errors";

export function AcceptForm({ token, email, existingUser }: { token: string; email: string; existingUser: boolean }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setFormError(null);
    setErrors({});
    try {
      // A new account speaks the language the page was read in; an existing one keeps its own.
      const body = existingUser ? { password } : { name: name.trim(), password, locale };
      const { data, error, response } = await api.POST("/api/v1/invitations/{token}/accept", { params: { path: { token } }, body });
      if (data) {
        setLocaleCookie(data.me.user.locale);
        toast.success(t.invitation.accepted);
        router.replace(`/${data.workspaceSlug}`);
        router.refresh();
        return;
      }
      const fe = fieldErrors(t, error, { password_too_common: "password", wrong_password: "password" });
      setErrors(fe);
      if (Object.keys(fe).length === 0) setFormError(problemMessage(t, error, response));
    } catch {
      setFormError(t.common.networkError);
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-5">
      <p className="text-sm text-muted-foreground">{existingUser ? t.invitation.existingUserHint : t.invitation.newUserHint}</p>
      {formError ? (
        <Alert variant="destructive">
          <AlertCircleIcon />
          <AlertDescription>{formError}</AlertDescription>
        </Alert>
      ) : null}
      {/* Lets password managers associate the new password with the invited address. */}
      <input type="email" name="email" autoComplete="username" value={email} readOnly hidden />
      {existingUser ? null : (
        <Field label={t.invitation.yourName} error={errors.name}>
          <Input name="name" autoComplete="name" required maxLength={120} autoFocus value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
      )}
      <Field
        label={existingUser ? t.invitation.currentPassword : t.invitation.choosePassword}
        hint={existingUser ? undefined : t.reset.hint}
        error={errors.password}
      >
        <PasswordInput
          name="password"
          autoComplete={existingUser ? "current-password" : "new-password"}
          required
          maxLength={128}
          autoFocus={existingUser}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <Button type="submit" size="lg" disabled={pending} className="w-full">
        {pending ? t.invitation.submitting : t.invitation.submit}
      </Button>
    </form>
  );
}
