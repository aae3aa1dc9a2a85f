"use client";

import { useState, useSyncExternalStore } from "react";
import { useI18n } from "@/i18n/client";
import { frenchFirst, intlTag, parisWallClock } from "@/lib/dates";
import { dateFormat } from "@/lib/intl";

/**
 * A UTC instant shown in the viewer's own time zone. The server renders the
 * app's reference zone (Europe/Paris), then the browser switches to its own
 * zone when it differs.
 *
 * Hydration formats nothing: the server's text stays in the page (the
 * <time> suppresses the hydration check of its own text), and after
 * hydration it is replaced only if the viewer's clock does not read as
 * Paris's at that instant. Most viewers are in Paris's zone, so most pages
 * never build an Intl formatter while loading (the first one costs
 * 40–55 ms, ~200 ms on Lighthouse's slowed phone).
 */
export function LocalTime({ iso, className, dateOnly = false, timeOnly = false }: { iso: string; className?: string; dateOnly?: boolean; timeOnly?: boolean }) {
  const { locale } = useI18n();
  // False while rendering on the server and hydrating, true afterwards.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  // What the server's text in the page shows (null when this time was
  // first rendered in the browser, e.g. after a client-side navigation).
  const shown = `${locale} ${iso} ${dateOnly} ${timeOnly}`;
  const [fromServer, setFromServer] = useState(hydrated ? null : shown);
  // Once the instant or the language changed, the server's text is gone
  // for good (an empty text would then blank the time).
  if (fromServer !== null && fromServer !== shown) setFromServer(null);
  const keepServerText = typeof window !== "undefined" && fromServer === shown && (!hydrated || parisWallClock(new Date(iso)));
  const opts: Intl.DateTimeFormatOptions = timeOnly
    ? { hour: "2-digit", minute: "2-digit" }
    : dateOnly
      ? { day: "numeric", month: "long", year: "numeric" }
      : { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" };
  // An empty text leaves the server's in place: React neither checks nor
  // patches it, and re-renders keep it while nothing changes.
  const text = keepServerText
    ? ""
    : dayFirst(locale, dateFormat(intlTag(locale), hydrated ? opts : { ...opts, timeZone: "Europe/Paris" }), new Date(iso));
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
