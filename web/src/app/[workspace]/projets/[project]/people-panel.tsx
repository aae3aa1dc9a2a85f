"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { AlertCircleIcon, MailIcon, RotateCwIcon, SendIcon, UserMinusIcon, XIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Separator } from "@/components/ui/separator";
import { Avatar } from "@/components/avatar";
import { fmt, formatDate, isLocale, locales, type AppLocale } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { fieldErrors, problemMessage } from "@/lib/api/errors";
import type { Member, PendingInvitation } from "@/lib/api/types";
import { ClientNotesDialog } from "./notes-panel";

export function PeoplePanel({ workspace, project, people }: { workspace: string; project: string; people: { members: Member[]; invitations: PendingInvitation[] } }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [email, setEmail] = useState("");
  // The invitee has no account yet: the admin's language unless chosen otherwise.
  const [inviteLocale, setInviteLocale] = useState<AppLocale>(locale);
  const [pending, setPending] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);

  async function invite(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setErrors({});
    setFormError(null);
    try {
      const { data, error, response } = await api.POST("/api/v1/w/{workspace}/projects/{project}/invitations", {
        params: { path: { workspace, project } },
        body: { email: email.trim(), locale: inviteLocale },
      });
      if (data) {
        toast.success(fmt(t.project.people.invited, { email: data.email }));
        setEmail("");
        router.refresh();
      } else {
        const fe = fieldErrors(t, error, { already_member: "email" });
        setErrors(fe);
        if (Object.keys(fe).length === 0) setFormError(problemMessage(t, error, response));
      }
    } catch {
      setFormError(t.common.networkError);
    }
    setPending(false);
  }

  async function act(key: string, call: () => Promise<{ error?: unknown; response: Response }>, success: string) {
    setBusy(key);
    try {
      const { error, response } = await call();
      if (response.ok) {
        toast.success(success);
        router.refresh();
      } else {
        toast.error(problemMessage(t, error, response));
      }
    } catch {
      toast.error(t.common.networkError);
    }
    setBusy(null);
  }

  return (
    <Card className="h-fit min-w-0" data-testid="people-panel">
      <CardHeader>
        <CardTitle>{t.project.people.title}</CardTitle>
        <CardDescription>{t.project.people.subtitle}</CardDescription>
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-6">
        <section aria-labelledby="members-h">
          <h3 id="members-h" className="mb-2 text-xs font-medium text-muted-foreground">
            {t.project.people.members}
          </h3>
          {people.members.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t.project.people.noMembers}</p>
          ) : (
            <ul className="grid grid-cols-1 gap-1">
              {people.members.map((m) => (
                <li key={m.userId} className="group flex items-center gap-3 rounded-lg py-1.5">
                  <Avatar name={m.name || m.email} className="size-8" />
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm font-medium">{m.name}</p>
                    <p className="truncate text-xs text-muted-foreground">{m.email}</p>
                  </div>
                  <ClientNotesDialog workspace={workspace} user={m.userId} name={m.name || m.email} />
                  <Button variant="ghost" size="icon-sm" aria-label={`${t.project.people.removeMember}${t.common.colon}${m.name}`} onClick={() => setRemoving(m)}>
                    <UserMinusIcon />
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="pending-h">
          <h3 id="pending-h" className="mb-2 text-xs font-medium text-muted-foreground">
            {t.project.people.pending}
          </h3>
          {people.invitations.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t.project.people.noPending}</p>
          ) : (
            <ul className="grid grid-cols-1 gap-2" data-testid="pending-invitations">
              {people.invitations.map((inv) => (
                <li key={inv.id} className="rounded-lg border bg-surface p-3">
                  <div className="flex items-center gap-2">
                    <MailIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                    <p className="min-w-0 flex-1 truncate text-sm font-medium" title={inv.email}>{inv.email}</p>
                  </div>
                  <p className="mt-1 text-xs text-muted-foreground">
                    {fmt(t.project.people.sentAt, { date: formatDate(locale, inv.createdAt) })} · {fmt(t.project.people.expiresAt, { date: formatDate(locale, inv.expiresAt) })}
                  </p>
                  <div className="mt-2 flex gap-1">
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={busy === `resend-${inv.id}`}
                      onClick={() =>
                        act(`resend-${inv.id}`, () => api.POST("/api/v1/w/{workspace}/invitations/{invitation}/resend", { params: { path: { workspace, invitation: inv.id } } }), t.project.people.resent)
                      }
                    >
                      <RotateCwIcon />
                      {t.project.people.resend}
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      className="text-destructive hover:text-destructive"
                      disabled={busy === `revoke-${inv.id}`}
                      onClick={() =>
                        act(`revoke-${inv.id}`, () => api.DELETE("/api/v1/w/{workspace}/invitations/{invitation}", { params: { path: { workspace, invitation: inv.id } } }), t.project.people.revoked)
                      }
                    >
                      <XIcon />
                      {t.project.people.revoke}
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>

        <Separator />

        <form onSubmit={invite} noValidate className="grid grid-cols-1 gap-3" aria-labelledby="invite-h">
          <h3 id="invite-h" className="text-sm font-semibold">
            {t.project.people.invite}
          </h3>
          {formError ? (
            <Alert variant="destructive">
              <AlertCircleIcon />
              <AlertDescription>{formError}</AlertDescription>
            </Alert>
          ) : null}
          <Field label={t.common.email} hint={t.project.people.inviteHint} error={errors.email}>
            <Input name="email" type="email" inputMode="email" autoComplete="off" required placeholder={t.project.people.emailPlaceholder} value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <Field label={t.project.people.language} hint={t.project.people.languageHint}>
            <NativeSelect name="locale" value={inviteLocale} onChange={(e) => isLocale(e.target.value) && setInviteLocale(e.target.value)}>
              {locales.map((l) => (
                <option key={l} value={l} lang={l}>
                  {t.project.people.languages[l]}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Button type="submit" disabled={pending} className="w-full">
            <SendIcon />
            {pending ? t.project.people.sending : t.project.people.send}
          </Button>
        </form>
      </CardContent>

      <Dialog open={removing !== null} onOpenChange={(o) => !o && setRemoving(null)}>
        <DialogContent closeLabel={t.common.close} className="max-w-md">
          <DialogHeader>
            <DialogTitle>{t.project.people.removeMember}</DialogTitle>
            <DialogDescription>{fmt(t.project.people.removeConfirm, { name: removing?.name ?? "" })}</DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">{t.common.cancel}</Button>
            </DialogClose>
            <Button
              variant="destructive"
              disabled={busy === "remove"}
              onClick={async () => {
                const m = removing;
                if (!m) return;
                await act("remove", () => api.DELETE("/api/v1/w/{workspace}/projects/{project}/members/{user}", { params: { path: { workspace, project, user: m.userId } } }), t.project.people.removed);
                setRemoving(null);
              }}
            >
              {t.project.people.removeMember}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </Card>
  );
}
