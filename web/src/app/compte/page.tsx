import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { TopShell } from "@/components/top-shell";
import { getT } from "@/i18n/server";
import { getMe, requireMe } from "@/lib/api/server";
import { knownWorkspace, productName } from "@/lib/brand";
import { AccountForms } from "./account-forms";

// The tab title carries the workspace's name the person came from, not the product's.
export async function generateMetadata(): Promise<Metadata> {
  const [{ t }, me] = await Promise.all([getT(), getMe().catch(() => null)]);
  const brand = me ? await knownWorkspace(me.workspaces) : null;
  return { title: { absolute: `${t.account.title} · ${brand?.name ?? productName()}` } };
}

export default async function AccountPage() {
  const me = await requireMe();
  const { t } = await getT();
  return (
    <TopShell user={me.user} brand={await knownWorkspace(me.workspaces)}>
      <PageHeader title={t.account.title} description={t.account.subtitle} />
      <AccountForms user={me.user} />
    </TopShell>
  );
}
