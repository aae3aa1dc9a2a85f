"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { frenchFirst, intlTag } from "@/lib/dates";

/**
 * A UTC instant shown in the viewer's own time zone. The server renders the
 * app's reference zone (Europe/Paris) so that hydration matches, then the
 * browser switches to its own zone.
 */
export function LocalTime({ iso, className, dateOnly = false, timeOnly = false }: { iso: string; className?: string; dateOnly?: boolean; timeOnly?: boolean }) {
  const { locale } = useI18n();
  // False while rendering on the server and hydrating, true afterwards.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const opts: Intl.DateTimeFormatOptions = timeOnly
    ? { hour: "2-digit", minute: "2-digit" }
    : dateOnly
      ? { day: "numeric", month: "long", year: "numeric" }
      : { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" };
  const local = hydrated ? dayFirst(locale, new Intl.DateTimeFormat(intlTag(locale), opts), new Date(iso)) : null;
  const server = timeOnly
    ? new Intl.DateTimeFormat(intlTag(locale), { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" }).format(new Date(iso))
    : dateOnly
      ? dayFirst(locale, new Intl.DateTimeFormat(intlTag(locale), { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" }), new Date(iso))
      : formatDateTime(locale, iso);
  return (
    <time dateTime={iso} className={className} suppressHydrationWarning>
      {local ?? server}
    </time>
  );
}

function noSubscription() {
  return () => {};
}

/** « 1er décembre » in French, Intl's « 1 December » otherwise. */
function dayFirst(locale: string, f: Intl.DateTimeFormat, d: Date) {
  return locale === "fr" ? frenchFirst(f, d) : f.format(d);
}
