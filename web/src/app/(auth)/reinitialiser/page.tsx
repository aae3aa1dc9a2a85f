import type { Metadata } from "next";
import Link from "@/components/link";
import { AuthCard, AuthShell } from "@/components/auth-shell";
import { buttonVariants } from "@/components/ui/button";
import { getT } from "@/i18n/server";
import { ResetForm } from "./reset-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t.reset.title };
}

export default async function ResetPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { t } = await getT();
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  return (
    <AuthShell>
      <AuthCard title={t.reset.title} subtitle={token ? t.reset.subtitle : undefined}>
        {token ? (
          <ResetForm token={token} />
        ) : (
          <div className="grid gap-5">
            <p className="text-sm text-muted-foreground">{t.reset.missingToken}</p>
            <Link href="/mot-de-passe-oublie" className={buttonVariants({ className: "w-full" })}>
              {t.reset.requestNew}
            </Link>
          </div>
        )}
      </AuthCard>
    </AuthShell>
  );
}
