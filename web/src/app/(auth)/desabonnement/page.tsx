import type { Metadata } from "next";
import { AuthCard, AuthShell } from "@/components/auth-shell";
import { getT } from "@/i18n/server";
import { UnsubscribeForm } from "./unsubscribe-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t.notify.unsubscribe.title };
}

/**
 * The page an email's « Ne plus recevoir ces emails » link opens. Opening it
 * changes nothing (no GET changes state): the button confirms. Mail clients
 * that support RFC 8058 POST the List-Unsubscribe URL themselves.
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { t } = await getT();
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  return (
    <AuthShell>
      <AuthCard title={t.notify.unsubscribe.title}>
        {token ? <UnsubscribeForm token={token} /> : <p className="text-sm text-muted-foreground">{t.notify.unsubscribe.missing}</p>}
      </AuthCard>
    </AuthShell>
  );
}
