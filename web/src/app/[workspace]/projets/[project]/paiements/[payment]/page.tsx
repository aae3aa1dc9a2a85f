import type { Metadata } from "next";
import { getT } from "@/i18n/server";
import { getProject } from "@/lib/api/queries";
import { getPayment } from "../data";
import { PaymentReturn } from "./payment-return";

type Params = { params: Promise<{ workspace: string; project: string; payment: string }> };
type PageProps = Params & { searchParams: Promise<{ retour?: string | string[] }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { workspace, project } = await params;
  const [{ t }, p] = await Promise.all([getT(), getProject(workspace, project)]);
  return { title: `${t.payments.title} · ${p.name}` };
}

/** Stripe's (or the simulated checkout's) return page: it says what is true, not what the URL claims. */
export default async function PaymentReturnPage({ params, searchParams }: PageProps) {
  const { workspace, project, payment } = await params;
  const back = (await searchParams).retour;
  const initial = await getPayment(workspace, project, payment);
  return <PaymentReturn workspace={workspace} project={project} initial={initial} cancelled={back === "annule"} />;
}
