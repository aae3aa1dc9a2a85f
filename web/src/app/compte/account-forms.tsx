"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { AlertCircleIcon, LogOutIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { PasswordInput } from "@/components/password-input";
import { fmt, isLocale, type AppLocale } from "@/i18n";
import { setLocaleCookie, useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { fieldErrors, problemMessage } from "@/lib/api/errors";
import type { ErrorCode, User } from "@/lib/api/types";

type Result = { error?: unknown; response: Response };

/** Shared submit plumbing: pending flag, per-field errors, form-level error. */
function useSubmit() {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  async function run(call: () => Promise<Result>, onOk: () => void, codeFields: Partial<Record<ErrorCode, string>> = {}) {
    setPending(true);
    setErrors({});
    setFormError(null);
    try {
      const { error, response } = await call();
      if (response.ok) onOk();
      else {
        const fe = fieldErrors(t, error, codeFields);
        setErrors(fe);
        if (Object.keys(fe).length === 0) setFormError(problemMessage(t, error, response));
      }
    } catch {
      setFormError(t.common.networkError);
    }
    setPending(false);
  }
  return { pending, errors, setErrors, formError, run };
}

function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert variant="destructive">
      <AlertCircleIcon />
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}

export function AccountForms({ user }: { user: User }) {
  return (
    <div className="grid gap-6">
      <ProfileCard user={user} />
      <PasswordCard />
      <EmailCard user={user} />
      <SessionsCard />
    </div>
  );
}

function ProfileCard({ user }: { user: User }) {
  const { t } = useI18n();
  const router = useRouter();
  const [name, setName] = useState(user.name);
  const [locale, setLocale] = useState<AppLocale>(user.locale);
  const s = useSubmit();
  return (
    <Card>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void s.run(
            () => api.PATCH("/api/v1/me", { body: { name: name.trim(), locale } }),
            () => {
              setLocaleCookie(locale);
              toast.success(t.account.saved);
              router.refresh();
            },
          );
        }}
      >
        <CardHeader>
          <CardTitle>{t.account.profile}</CardTitle>
          <CardDescription>{t.account.profileHint}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5 sm:grid-cols-2">
          <FormError message={s.formError} />
          <Field label={t.common.name} error={s.errors.name}>
            <Input name="name" autoComplete="name" maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label={t.account.language} hint={t.account.languageHint} error={s.errors.locale}>
            <NativeSelect name="locale" value={locale} onChange={(e) => isLocale(e.target.value) && setLocale(e.target.value)}>
              <option value="fr" lang="fr">
                Français
              </option>
              <option value="en" lang="en">
                English
              </option>
            </NativeSelect>
          </Field>
        </CardContent>
        <CardFooter>
          <Button type="submit" disabled={s.pending}>
            {s.pending ? t.common.saving : t.common.save}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}

function PasswordCard() {
  const { t } = useI18n();
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [endOtherSessions, setEnd] = useState(true);
  const s = useSubmit();
  return (
    <Card>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void s.run(
            () => api.POST("/api/v1/me/password", { body: { currentPassword, newPassword, endOtherSessions } }),
            () => {
              setCurrent("");
              setNew("");
              toast.success(t.account.passwordChanged);
            },
            { wrong_password: "currentPassword", password_too_common: "newPassword" },
          );
        }}
      >
        <CardHeader>
          <CardTitle>{t.account.passwordTitle}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-5">
          <FormError message={s.formError} />
          <input type="text" name="username" autoComplete="username" hidden readOnly />
          <div className="grid gap-5 sm:grid-cols-2">
            <Field label={t.account.currentPassword} error={s.errors.currentPassword}>
              <PasswordInput name="currentPassword" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />
            </Field>
            <Field label={t.account.newPassword} hint={t.reset.hint} error={s.errors.newPassword}>
              <PasswordInput name="newPassword" autoComplete="new-password" maxLength={128} value={newPassword} onChange={(e) => setNew(e.target.value)} />
            </Field>
          </div>
          <div className="flex items-center gap-2.5">
            <Checkbox id="end-other-sessions" checked={endOtherSessions} onCheckedChange={(v) => setEnd(v === true)} />
            <Label htmlFor="end-other-sessions" className="font-normal">
              {t.account.endOtherSessions}
            </Label>
          </div>
        </CardContent>
        <CardFooter>
          <Button type="submit" disabled={s.pending}>
            {s.pending ? t.common.saving : t.account.changePassword}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}

function EmailCard({ user }: { user: User }) {
  const { t } = useI18n();
  const router = useRouter();
  const [newEmail, setNewEmail] = useState("");
  const [password, setPassword] = useState("");
  const s = useSubmit();
  return (
    <Card>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void s.run(
            () => api.POST("/api/v1/me/email", { body: { newEmail: newEmail.trim(), password } }),
            () => {
              setNewEmail("");
              setPassword("");
              toast.success(t.account.emailChanged);
              router.refresh();
            },
            { wrong_password: "password", email_taken: "newEmail" },
          );
        }}
      >
        <CardHeader>
          <CardTitle>{t.account.emailTitle}</CardTitle>
          <CardDescription>{fmt(t.account.emailHint, { email: user.email })}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5 sm:grid-cols-2">
          <FormError message={s.formError} />
          <Field label={t.account.newEmail} error={s.errors.newEmail}>
            <Input name="newEmail" type="email" inputMode="email" autoComplete="email" value={newEmail} onChange={(e) => setNewEmail(e.target.value)} />
          </Field>
          <Field label={t.account.confirmWithPassword} error={s.errors.password}>
            <PasswordInput name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </Field>
        </CardContent>
        <CardFooter>
          <Button type="submit" disabled={s.pending}>
            {s.pending ? t.common.saving : t.account.changeEmail}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}

function SessionsCard() {
  const { t } = useI18n();
  const s = useSubmit();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t.account.sessionsTitle}</CardTitle>
        <CardDescription>{t.account.sessionsHint}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <FormError message={s.formError} />
        <div>
          <Button
            variant="secondary"
            disabled={s.pending}
            onClick={() => void s.run(() => api.POST("/api/v1/me/sessions/revoke-others"), () => toast.success(t.account.loggedOutEverywhere))}
          >
            <LogOutIcon />
            {t.account.logoutEverywhere}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
