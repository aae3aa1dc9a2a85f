// Calendar dates (YYYY-MM-DD, no time) and small date helpers for the work pages.
import type { AppLocale } from "@/i18n";

const intlLocale: Record<AppLocale, string> = { fr: "fr-FR", en: "en-GB" };

// Building an Intl formatter costs 0.1 to 1 ms (it loads ICU data); using
// one costs microseconds. A page formats dozens of dates while it hydrates,
// so each formatter is built once per locale and options.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(kind: string, tag: string, opts: object, make: () => T): T {
  const key = `${kind}|${tag}|${JSON.stringify(opts)}`;
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f as T;
}

/** new Intl.DateTimeFormat(tag, opts), built once. */
export function dateFormat(tag: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached("d", tag, opts, () => new Intl.DateTimeFormat(tag, opts));
}

/** new Intl.NumberFormat(tag, opts), built once. */
export function numberFormat(tag: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached("n", tag, opts, () => new Intl.NumberFormat(tag, opts));
}

/** new Intl.RelativeTimeFormat(tag, opts), built once. */
export function relativeFormat(tag: string, opts: Intl.RelativeTimeFormatOptions): Intl.RelativeTimeFormat {
  return cached("r", tag, opts, () => new Intl.RelativeTimeFormat(tag, opts));
}

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
