"use client";

import { useEffect, useState } from "react";
import { formatDateTime } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { intlTag } from "@/lib/dates";

/**
 * A UTC instant shown in the viewer's own time zone. The server renders the
 * app's reference zone (Europe/Paris) so that hydration matches, then the
 * browser switches to its own zone.
 */
export function LocalTime({ iso, className, dateOnly = false, timeOnly = false }: { iso: string; className?: string; dateOnly?: boolean; timeOnly?: boolean }) {
  const { locale } = useI18n();
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => {
    const opts: Intl.DateTimeFormatOptions = timeOnly
      ? { hour: "2-digit", minute: "2-digit" }
      : dateOnly
        ? { day: "numeric", month: "long", year: "numeric" }
        : { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" };
    setLocal(new Intl.DateTimeFormat(intlTag(locale), opts).format(new Date(iso)));
  }, [iso, locale, dateOnly, timeOnly]);
  const server = timeOnly
    ? new Intl.DateTimeFormat(intlTag(locale), { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" }).format(new Date(iso))
    : dateOnly
      ? new Intl.DateTimeFormat(intlTag(locale), { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" }).format(new Date(iso))
      : formatDateTime(locale, iso);
  return (
    <time dateTime={iso} className={className} suppressHydrationWarning>
      {local ?? server}
    </time>
  );
}
