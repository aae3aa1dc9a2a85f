import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { getT } from "@/i18n/server";
import { getPaymentSettings } from "@/lib/api/queries";
import { SettingsNav } from "../settings-nav";
import { PaymentSettingsView } from "./payment-settings-view";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: `${t.payments.settings.title} · ${t.nav.settings}` };
}

/** The workspace's payment settings (admins only: the parent layout answers 404 to anyone else). */
export default async function PaymentSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const { t } = await getT();
  const settings = await getPaymentSettings(workspace);
  return (
    <div className="max-w-3xl">
      <PageHeader title={t.settings.title} description={t.settings.subtitle} />
      <SettingsNav workspace={workspace} current="payments" />
      <PaymentSettingsView workspace={workspace} settings={settings} />
    </div>
  );
}
