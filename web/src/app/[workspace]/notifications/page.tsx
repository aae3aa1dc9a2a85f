import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { getT } from "@/i18n/server";
import { getInbox } from "@/lib/api/queries";
import { InboxList } from "./inbox-list";
import { NotificationTabs } from "./tabs";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t.notify.title };
}

const PAGE = 30;

/** Everything the bell told the caller in this workspace, newest first; the preferences in the other tab. */
export default async function NotificationsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const { t } = await getT();
  const first = await getInbox(workspace, PAGE);
  return (
    <div className="max-w-3xl">
      <PageHeader title={t.notify.title} description={t.bell.pageSubtitle} />
      <NotificationTabs workspace={workspace} current="activity" labels={{ activity: t.bell.tabActivity, preferences: t.bell.tabPreferences, nav: t.notify.title }} />
      <InboxList workspace={workspace} initial={first} pageSize={PAGE} />
    </div>
  );
}
