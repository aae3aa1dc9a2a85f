import type { Metadata } from "next";
import { getT } from "@/i18n/server";
import { getBoard, getDashboard } from "@/lib/api/queries";
import { getViewer } from "@/lib/viewer";
import { Board } from "./lazy-board";

type Props = { params: Promise<{ workspace: string; project: string }>; searchParams: Promise<{ tache?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { workspace, project } = await params;
  const [{ t }, d] = await Promise.all([getT(), getDashboard(workspace, project)]);
  return { title: `${t.work.board.title} · ${d.project.name}` };
}

export default async function BoardPage({ params, searchParams }: Props) {
  const { workspace: slug, project: id } = await params;
  const { tache } = await searchParams;
  const { t } = await getT();
  const [apiBoard, d, viewer] = await Promise.all([getBoard(slug, id), getDashboard(slug, id), getViewer(slug, id)]);
  // A client preview is read-only: the client's board (no handles, the client's column names).
  const board = viewer.preview ? { ...apiBoard, canEdit: false } : apiBoard;
  const openTaskId = typeof tache === "string" && /^[0-9a-f-]{36}$/i.test(tache) ? tache : null;
  return (
    <>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">{t.work.board.title}</h1>
        <p className="mt-1.5 text-sm text-muted-foreground">{board.canEdit ? t.work.board.subtitleAdmin : t.work.board.subtitleClient}</p>
      </div>
      <Board workspace={slug} project={id} initial={board} phases={d.phases} openTaskId={openTaskId} markRead={!viewer.preview} />
    </>
  );
}
