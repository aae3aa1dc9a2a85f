import type { Metadata } from "next";
import { getT } from "@/i18n/server";
import { getMessages, getProject } from "@/lib/api/queries";
import { getViewer } from "@/lib/viewer";
import { Conversation } from "./conversation";

type Props = { params: Promise<{ workspace: string; project: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { workspace, project } = await params;
  const [{ t }, p] = await Promise.all([getT(), getProject(workspace, project)]);
  return { title: `${t.messages.title} · ${p.name}` };
}

export default async function MessagesPage({ params }: Props) {
  const { workspace: slug, project: id } = await params;
  const [{ t }, viewer] = await Promise.all([getT(), getViewer(slug, id)]);
  const first = await getMessages(slug, id, viewer.preview);
  return (
    <>
      <div className="mb-4 sm:mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">{t.messages.title}</h1>
        <p className="mt-1.5 max-w-2xl text-sm text-muted-foreground">{viewer.isAdmin ? t.messages.subtitleAdmin : t.messages.subtitleClient}</p>
      </div>
      <Conversation workspace={slug} project={id} first={first} isAdmin={viewer.isAdmin} readOnly={viewer.preview} />
    </>
  );
}
