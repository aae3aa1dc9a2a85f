import type { Metadata } from "next";
import { fmt } from "@/i18n";
import { getT } from "@/i18n/server";
import { getTicket, getTickets } from "@/lib/api/queries";
import { getViewer } from "@/lib/viewer";
import { RequestThread } from "./request-thread";

type Props = { params: Promise<{ workspace: string; project: string; request: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { workspace, project, request } = await params;
  const [{ t }, th] = await Promise.all([getT(), getTicket(workspace, project, request)]);
  return { title: `${fmt(t.requests.number, { n: th.ticket.number })} · ${th.ticket.title}` };
}

export default async function RequestPage({ params }: Props) {
  const { workspace: slug, project: id, request } = await params;
  const { isAdmin, preview } = await getViewer(slug, id);
  // The admin's « Doublon » picks among the project's other requests.
  const [thread, list] = await Promise.all([getTicket(slug, id, request), isAdmin ? getTickets(slug, id) : Promise.resolve(null)]);
  const others = (list?.tickets ?? []).filter((tk) => tk.id !== request).map((tk) => ({ id: tk.id, number: tk.number, title: tk.title }));
  return <RequestThread workspace={slug} project={id} thread={thread} isAdmin={isAdmin} others={others} readOnly={preview} />;
}
