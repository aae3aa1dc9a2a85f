// Calendar dates (YYYY-MM-DD, no time) and small date helpers for the work pages.
import type { AppLocale } from "@/i18n";
import { dateFormat } from "@/lib/intl";

const intlLocale: Record<AppLocale, string> = { fr: "fr-FR", en: "en-GB" };

/**
 * A calendar date as "31 mars 2026" (short: "31 mars"): read in UTC so that
 * no time zone shifts the day. Written from the month names below, not by
 * Intl: the first Intl formatter on a page costs 40–55 ms (ICU's data), and
 * client components write these dates while hydrating. The names are
 * Intl's (a test compares every day of eleven years).
 */
export function formatDay(locale: AppLocale, day: string | null | undefined, opts: { short?: boolean } = {}): string {
  if (!day) return "";
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  const n = d.getUTCDate();
  const dayText = locale === "fr" && n === 1 ? "1er" : String(n);
  const month = monthNames[locale][opts.short ? 1 : 0][d.getUTCMonth()];
  return opts.short ? `${dayText} ${month}` : `${dayText} ${month} ${d.getUTCFullYear()}`;
}

const monthNames: Record<AppLocale, [long: string[], short: string[]]> = {
  fr: [
    ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
  ],
  en: [
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"],
  ],
};

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

/**
 * Paris's offset from UTC in minutes at an instant (60, or 120 in summer),
 * by the EU rule in force since 1996: summer time from the last Sunday of
 * March to the last Sunday of October, 01:00 UTC. Computed without Intl,
 * whose first use on a page costs 40–55 ms (ICU's data), so that a page
 * can tell whether the server's Paris text is already right for the
 * viewer. NaN before 1996 (another rule).
 */
export function parisOffsetMinutes(d: Date): number {
  const year = d.getUTCFullYear();
  if (Number.isNaN(year) || year < 1996) return Number.NaN;
  const t = d.getTime();
  return t >= lastSundayAt1UTC(year, 2) && t < lastSundayAt1UTC(year, 9) ? 120 : 60;
}

function lastSundayAt1UTC(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0)); // the month's last day
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
}

/** Whether the viewer's clock reads as Paris's at this instant (same offset). */
export function parisWallClock(d: Date): boolean {
  return -d.getTimezoneOffset() === parisOffsetMinutes(d);
}
