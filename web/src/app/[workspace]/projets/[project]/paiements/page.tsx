import type { Metadata } from "next";
import { getT } from "@/i18n/server";
import { getProject } from "@/lib/api/queries";
import { getViewer } from "@/lib/viewer";
import { getPayments } from "./data";
import { PaymentsView } from "./payments-view";

type Params = { params: Promise<{ workspace: string; project: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { workspace, project } = await params;
  const [{ t }, p] = await Promise.all([getT(), getProject(workspace, project)]);
  return { title: `${t.payments.title} · ${p.name}` };
}

export default async function PaymentsPage({ params }: Params) {
  const { workspace: slug, project: id } = await params;
  const { t } = await getT();
  const [viewer, list] = await Promise.all([getViewer(slug, id), getPayments(slug, id)]);
  const { isAdmin, preview } = viewer;
  return (
    <div className="max-w-3xl">
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">{t.payments.title}</h1>
        <p className="mt-1.5 text-sm text-muted-foreground">{isAdmin ? t.payments.subtitleAdmin : t.payments.subtitleClient}</p>
      </div>
      <PaymentsView workspace={slug} project={id} summary={list.summary} payments={list.payments ?? []} isAdmin={isAdmin} readOnly={preview} />
    </div>
  );
}
