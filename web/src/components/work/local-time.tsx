"use client";

import { useSyncExternalStore } from "react";
import { useI18n } from "@/i18n/client";
import { frenchFirst, intlTag } from "@/lib/dates";
import { dateFormat } from "@/lib/intl";

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
  // The server's text (Paris) until hydrated, then the viewer's zone.
  const text = dayFirst(locale, dateFormat(intlTag(locale), hydrated ? opts : { ...opts, timeZone: "Europe/Paris" }), new Date(iso));
  return (
    <time dateTime={iso} className={className} suppressHydrationWarning>
      {text}
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
