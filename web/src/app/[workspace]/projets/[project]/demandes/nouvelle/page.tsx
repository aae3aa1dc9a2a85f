import type { Metadata } from "next";
import { getT } from "@/i18n/server";
import { getProject, getTickets } from "@/lib/api/queries";
import { RequestForm } from "./request-form";

type Props = { params: Promise<{ workspace: string; project: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { workspace, project } = await params;
  const [{ t }, p] = await Promise.all([getT(), getProject(workspace, project)]);
  return { title: `${t.requests.form.title} · ${p.name}` };
}

export default async function NewRequestPage({ params }: Props) {
  const { workspace: slug, project: id } = await params;
  const [{ t }, list] = await Promise.all([getT(), getTickets(slug, id)]);
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-semibold tracking-tight">{t.requests.form.title}</h1>
      <p className="mt-1.5 text-sm text-muted-foreground">{t.requests.form.subtitle}</p>
      <RequestForm workspace={slug} project={id} folder={list.attachmentsFolderId} maxBytes={list.maxBytes} />
    </div>
  );
}
