// Payments (issue 12): wire types, amounts and links shared by the pages.
import type { AppLocale } from "@/i18n";
import type { paths } from "@/lib/api/schema";
import { projectHref } from "@/lib/work";
import { numberFormat } from "@/lib/intl";

type JsonOf<R> = R extends { content: { "application/json": infer T } } ? T : never;
type P = "/api/v1/w/{workspace}/projects/{project}/payments";

export type PaymentsList = JsonOf<paths[P]["get"]["responses"][200]>;
export type Payment = NonNullable<PaymentsList["payments"]>[number];
export type PaymentSummary = PaymentsList["summary"];
export type PaymentStatus = Payment["status"];
export type PaymentKind = Payment["kind"];

const intlLocale: Record<AppLocale, string> = { fr: "fr-FR", en: "en-GB" };

/** Integer cents as the viewer reads money: « 1 200,00 € », “€1,200.00”. */
export function euros(locale: AppLocale, cents: number): string {
  return numberFormat(intlLocale[locale], { style: "currency", currency: "EUR" }).format(cents / 100);
}

/**
 * What was typed in an amount field, in cents, or null when it is not an
 * amount with at most two decimals (« 1 200,50 », « 1200.5 »).
 */
export function parseEuros(input: string): number | null {
  const s = input.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ""] = s.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

export function paymentsHref(slug: string, project: string) {
  return `${projectHref(slug, project)}/paiements`;
}

export function paymentHref(slug: string, project: string, payment: string) {
  return `${paymentsHref(slug, project)}#paiement-${payment}`;
}

/** A payment still waits on the client (pending, or failed and payable again). */
export function isPayable(status: PaymentStatus) {
  return status === "pending" || status === "failed";
}
