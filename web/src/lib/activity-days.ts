// The journal grouped by day (« Aujourd'hui », « Hier », « lundi 30 novembre »),
// with the board's internal bookkeeping (a card re-ordered within its column)
// folded into one line, so a reader sees what happened to the project.
import { fmt, type AppLocale, type Dictionary } from "@/i18n";
import type { ActivityEntry } from "@/lib/api/types";
import { intlTag } from "@/lib/dates";
import { dateFormat } from "@/lib/intl";

// Days are cut in the app's reference zone, like every calendar date it shows,
// so that the server and the browser group the same way.
const ZONE = "Europe/Paris";

export type ActivityRow = { kind: "entry"; entry: ActivityEntry } | { kind: "fold"; key: string; entries: ActivityEntry[] };
export type ActivityDay = { key: string; label: string; rows: ActivityRow[] };

/** A card moved within the column it was already in: a change of order only. */
export function isReorder(e: ActivityEntry): boolean {
  if (e.action !== "task.moved") return false;
  const d = (e.data ?? {}) as Record<string, unknown>;
  return typeof d.from === "string" && d.from === d.to;
}

export function dayKey(iso: string | Date): string {
  return dateFormat("en-CA", { timeZone: ZONE }).format(typeof iso === "string" ? new Date(iso) : iso);
}

export function dayLabel(t: Dictionary, locale: AppLocale, key: string, now: Date): string {
  const today = dayKey(now);
  const yesterday = dayKey(new Date(now.getTime() - 86_400_000));
  if (key === today) return t.shell.activity.today;
  if (key === yesterday) return t.shell.activity.yesterday;
  const d = new Date(`${key}T12:00:00Z`);
  const sameYear = key.slice(0, 4) === today.slice(0, 4);
  return dateFormat(intlTag(locale), { weekday: "long", day: "numeric", month: "long", ...(sameYear ? {} : { year: "numeric" }), timeZone: "UTC" }).format(d);
}

/** Entries (newest first) → days, each with its rows; runs of re-orderings become one fold. */
export function groupActivity(t: Dictionary, locale: AppLocale, entries: ActivityEntry[], now: Date): ActivityDay[] {
  const days: ActivityDay[] = [];
  for (const entry of entries) {
    const key = dayKey(entry.at);
    let day = days[days.length - 1];
    if (!day || day.key !== key) {
      day = { key, label: dayLabel(t, locale, key, now), rows: [] };
      days.push(day);
    }
    const prev = day.rows[day.rows.length - 1];
    if (isReorder(entry)) {
      if (prev?.kind === "fold") prev.entries.push(entry);
      else day.rows.push({ kind: "fold", key: `fold-${entry.id}`, entries: [entry] });
    } else {
      day.rows.push({ kind: "entry", entry });
    }
  }
  return days;
}

export function foldLabel(t: Dictionary, n: number): string {
  return n === 1 ? t.shell.activity.reorderOne : fmt(t.shell.activity.reorders, { n });
}
