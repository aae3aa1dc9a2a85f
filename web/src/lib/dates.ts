// Calendar dates (YYYY-MM-DD, no time) and small date helpers for the work pages.
import type { AppLocale } from "@/i18n";
import { dateFormat } from "@/lib/intl";

const intlLocale: Record<AppLocale, string> = { fr: "fr-FR", en: "en-GB" };

/** A calendar date as "31 mars 2026": read in UTC so that no time zone shifts the day. */
export function formatDay(locale: AppLocale, day: string | null | undefined, opts: { short?: boolean } = {}): string {
  if (!day) return "";
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  const f = dateFormat(intlLocale[locale], {
    day: "numeric",
    month: opts.short ? "short" : "long",
    ...(opts.short ? {} : { year: "numeric" }),
    timeZone: "UTC",
  });
  return locale === "fr" ? frenchFirst(f, d) : f.format(d);
}

/**
 * Formats with French's ordinal for the first day of the month: « 1er décembre »,
 * « 2 décembre ». Intl writes « 1 décembre ».
 */
export function frenchFirst(f: Intl.DateTimeFormat, d: Date): string {
  return f
    .formatToParts(d)
    .map((p) => (p.type === "day" && Number(p.value) === 1 ? "1er" : p.value))
    .join("");
}

/** Today as YYYY-MM-DD in Paris (the app's reference zone for calendar dates). */
export function todayISO(): string {
  return dateFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
}

export function intlTag(locale: AppLocale) {
  return intlLocale[locale];
}
