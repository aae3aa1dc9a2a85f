import { frenchFirst } from "@/lib/dates";
import { dateFormat } from "@/lib/intl";
import type { Dictionary } from "./fr";

export type { Dictionary };
export const locales = ["fr", "en"] as const;
export type AppLocale = (typeof locales)[number];
export const defaultLocale: AppLocale = "fr";
export const LOCALE_COOKIE = "parvis_locale";

export function isLocale(v: unknown): v is AppLocale {
  return v === "fr" || v === "en";
}

/** Fills {name} placeholders. */
export function fmt(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

const intlLocale: Record<AppLocale, string> = { fr: "fr-FR", en: "en-GB" };

// A fixed time zone keeps server and browser rendering identical (no hydration mismatch).
const TIME_ZONE = "Europe/Paris";

export function formatDate(locale: AppLocale, iso: string): string {
  const f = dateFormat(intlLocale[locale], { day: "numeric", month: "long", year: "numeric", timeZone: TIME_ZONE });
  const d = new Date(iso);
  // French writes the first of the month as an ordinal: « 1er décembre 2026 ».
  return locale === "fr" ? frenchFirst(f, d) : f.format(d);
}

/** `one` when n is 1, else `many` with {n} filled: French and English both use the singular for exactly 1 here. */
export function plural(n: number, one: string, many: string): string {
  return n === 1 ? fmt(one, { n }) : fmt(many, { n });
}

export function formatDateTime(locale: AppLocale, iso: string): string {
  const f = dateFormat(intlLocale[locale], { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: TIME_ZONE });
  return locale === "fr" ? frenchFirst(f, new Date(iso)) : f.format(new Date(iso));
}
