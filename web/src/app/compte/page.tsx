import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { TopShell } from "@/components/top-shell";
import { getT } from "@/i18n/server";
import { requireMe } from "@/lib/api/server";
import { AccountForms } from "./account-forms";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t.account.title };
}

export default async function AccountPage() {
  const me = await requireMe();
  const { t } = await getT();
  return (
    <TopShell user={me.user}>
      <PageHeader title={t.account.title} description={t.account.subtitle} />
      <AccountForms user={me.user} />
    </TopShell>
  );
}
