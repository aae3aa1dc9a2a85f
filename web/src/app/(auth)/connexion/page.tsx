import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard, AuthShell } from "@/components/auth-shell";
import { getMe } from "@/lib/api/server";
import { getT } from "@/i18n/server";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t.login.title };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).next;
  // Only same-site paths: never an absolute or protocol-relative URL (open redirect).
  const next = typeof raw === "string" && /^\/(?![/\\])/.test(raw) ? raw : "/";
  // Already signed in: go straight to the portal. If the API is unreachable, still show the form.
  const me = await getMe().catch(() => null);
  if (me) redirect(next);
  const { t } = await getT();
  return (
    <AuthShell>
      <AuthCard title={t.login.title} subtitle={t.login.subtitle}>
        <LoginForm next={next} />
      </AuthCard>
    </AuthShell>
  );
}
