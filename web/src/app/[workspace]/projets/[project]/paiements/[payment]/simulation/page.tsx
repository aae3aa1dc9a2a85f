import type { Metadata } from "next";
import { getT } from "@/i18n/server";
import { getPayment } from "../../data";
import { SimulatedCheckout } from "./simulated-checkout";

type Params = { params: Promise<{ workspace: string; project: string; payment: string }> };
type PageProps = Params & { searchParams: Promise<{ session?: string | string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t.payments.simulated.title };
}

/** The simulated provider's checkout (development, no Stripe key). */
export default async function SimulatedCheckoutPage({ params, searchParams }: PageProps) {
  const { workspace, project, payment } = await params;
  const s = (await searchParams).session;
  const initial = await getPayment(workspace, project, payment);
  return <SimulatedCheckout workspace={workspace} project={project} payment={initial} session={typeof s === "string" ? s : ""} />;
}
