import type { Metadata } from "next";
import { getT } from "@/i18n/server";
import { getActivity, getDashboard } from "@/lib/api/queries";
import { getViewer } from "@/lib/viewer";
import { ActivityTimeline } from "./timeline";

type Params = { params: Promise<{ workspace: string; project: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { workspace, project } = await params;
  const [{ t }, d] = await Promise.all([getT(), getDashboard(workspace, project)]);
  return { title: `${t.work.activity.title} · ${d.project.name}` };
}

export default async function ActivityPage({ params }: Params) {
  const { workspace: slug, project: id } = await params;
  const { t } = await getT();
  const viewer = await getViewer(slug, id);
  const first = await getActivity(slug, id, 20, viewer.preview);
  return (
    <div className="max-w-3xl">
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">{t.work.activity.title}</h1>
        <p className="mt-1.5 text-sm text-muted-foreground">{t.work.activity.subtitle}</p>
      </div>
      <ActivityTimeline workspace={slug} project={id} initial={first} isAdmin={viewer.isAdmin} asClient={viewer.preview} />
    </div>
  );
}
