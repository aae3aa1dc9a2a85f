import type { Metadata } from "next";
import Link from "@/components/link";
import { LinkIcon } from "@/components/icons";
import { cache } from "react";
import { AuthBrand, AuthCard, AuthShell } from "@/components/auth-shell";
import { buttonVariants } from "@/components/ui/button";
import { fmt, formatDate } from "@/i18n";
import { I18nProvider } from "@/i18n/client";
import { getLocale, getT } from "@/i18n/server";
import { serverApi } from "@/lib/api/server";
import { asProblem } from "@/lib/api/errors";
import { publicLogoUrl } from "@/lib/brand";
import { AcceptForm } from "./accept-form";

type Props = { params: Promise<{ token: string }> };

const getInvitation = cache(async (token: string) => {
  const api = await serverApi();
  return api.GET("/api/v1/invitations/{token}", { params: { path: { token } } });
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { token } = await params;
  const { data: inv } = await getInvitation(token);
  // The workspace is known: its name, never the product's.
  return { title: inv ? { absolute: `Invitation · ${inv.workspace.name}` } : "Invitation", referrer: "no-referrer" };
}

export default async function InvitationPage({ params }: Props) {
  const { token } = await params;
  const { data: inv, error, response } = await getInvitation(token);
  // The invitation's language (its email's), unless the visitor chose another.
  const { t, locale } = await getT(inv?.locale);

  if (!inv) {
    if (response.status !== 404 && response.status !== 410 && response.status !== 422 && response.status !== 400) {
      throw new Error(`GET invitation failed with status ${response.status}`);
    }
    const code = asProblem(error).code;
    const [title, body] =
      code === "invitation_expired"
        ? [t.invitation.expiredTitle, t.invitation.expiredBody]
        : code === "invitation_used"
          ? [t.invitation.usedTitle, t.invitation.usedBody]
          : [t.invitation.invalidTitle, t.invitation.invalidBody];
    return (
      <AuthShell>
        <AuthCard
          title={title}
          icon={
            <span className="flex size-10 items-center justify-center rounded-full border bg-surface text-muted-foreground">
              <LinkIcon className="size-5" aria-hidden />
            </span>
          }
        >
          <p className="text-sm leading-relaxed text-muted-foreground" data-testid="invitation-error">
            {body}
          </p>
          <Link href="/connexion" className={buttonVariants({ variant: "secondary", className: "mt-6 w-full" })}>
            {t.common.backToLogin}
          </Link>
        </AuthCard>
      </AuthShell>
    );
  }

  const page = (
    <>
      <AuthShell top={<AuthBrand name={inv.workspace.name} accentColor={inv.workspace.accentColor} logoUrl={publicLogoUrl(inv.workspace)} />}>
        <AuthCard title={fmt(t.invitation.title, { workspace: inv.workspace.name })} subtitle={fmt(t.invitation.invitedBy, { name: inv.inviterName })}>
          <div className="mb-6 grid gap-3 rounded-lg border bg-surface p-4 text-sm">
            {/* The expiry line is not a term/definition pair: it sits beside the <dl>, not inside. */}
            <dl className="grid gap-3">
            {inv.projectName ? (
              <div className="grid gap-0.5 sm:flex sm:items-baseline sm:justify-between sm:gap-4">
                <dt className="shrink-0 text-muted-foreground">{t.invitation.project}</dt>
                <dd className="min-w-0 font-medium [overflow-wrap:anywhere] sm:text-right">{inv.projectName}</dd>
              </div>
            ) : null}
            <div className="grid gap-0.5 sm:flex sm:items-baseline sm:justify-between sm:gap-4">
              <dt className="shrink-0 text-muted-foreground">{t.invitation.invitedEmail}</dt>
              <dd className="min-w-0 font-medium [overflow-wrap:anywhere] sm:text-right">{inv.email}</dd>
            </div>
            </dl>
            <p className="text-xs text-muted-foreground">{fmt(t.invitation.expires, { date: formatDate(locale, inv.expiresAt) })}</p>
          </div>
          <AcceptForm token={token} email={inv.email} existingUser={inv.existingUser} />
        </AuthCard>
      </AuthShell>
    </>
  );
  // Read in another language than the rest of the site would be (no cookie,
  // an English invitation): the page's client parts follow it.
  if (locale === (await getLocale())) return page;
  return (
    <I18nProvider locale={locale} t={t}>
      <div lang={locale} className="contents">
        {page}
      </div>
    </I18nProvider>
  );
}
