import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { getT } from "@/i18n/server";
import { getWorkspace } from "@/lib/api/queries";
import { SettingsForm } from "./settings-form";
import { LogoCard } from "./logo-card";
import { MembersCard } from "./members-card";
import { SettingsNav } from "./settings-nav";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t.nav.settings };
}

export default async function SettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { t } = await getT();
  const workspace = await getWorkspace(slug);
  if (workspace.role !== "admin") notFound();
  return (
    <div className="max-w-3xl">
      <PageHeader title={t.settings.title} description={t.settings.subtitle} />
      <SettingsNav workspace={slug} current="general" />
      <div className="grid gap-6">
        <SettingsForm workspace={workspace} />
        <LogoCard workspace={workspace} />
        <MembersCard workspace={slug} />
      </div>
    </div>
  );
}
