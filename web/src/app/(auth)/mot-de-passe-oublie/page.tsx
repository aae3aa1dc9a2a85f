import type { Metadata } from "next";
import { AuthCard, AuthShell } from "@/components/auth-shell";
import { getT } from "@/i18n/server";
import { ForgotForm } from "./forgot-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t.forgot.title };
}

export default async function ForgotPage() {
  const { t } = await getT();
  return (
    <AuthShell>
      <AuthCard title={t.forgot.title} subtitle={t.forgot.subtitle}>
        <ForgotForm />
      </AuthCard>
    </AuthShell>
  );
}
