import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { getT } from "@/i18n/server";
import { getAllProjects, getNotificationPreferences } from "@/lib/api/queries";
import { PreferencesForm } from "../preferences-form";
import { NotificationTabs } from "../tabs";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: `${t.bell.tabPreferences} · ${t.notify.title}` };
}

/** The caller's own email notification preferences in this workspace (admins and clients alike). */
export default async function NotificationPreferencesPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const { t } = await getT();
  const [prefs, projects] = await Promise.all([getNotificationPreferences(workspace), getAllProjects(workspace)]);
  return (
    <div className="max-w-3xl">
      <PageHeader title={t.notify.title} description={t.notify.subtitle} />
      <NotificationTabs workspace={workspace} current="preferences" labels={{ activity: t.bell.tabActivity, preferences: t.bell.tabPreferences, nav: t.notify.title }} />
      <PreferencesForm workspace={workspace} initial={prefs} projects={projects.map(({ id, name }) => ({ id, name }))} />
    </div>
  );
}
