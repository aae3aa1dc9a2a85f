"use client";

import * as React from "react";
import { Input } from "@/components/ui/input";
import { useI18n } from "@/i18n/client";
import { formatDay } from "@/lib/dates";

/**
 * A native date input plus the chosen date written in the viewer's language
 * (« 1er décembre 2026 »): Chromium shows the field in the browser's own
 * locale, whatever the page's `lang`, so the line below is what always reads
 * right. Takes every prop of an <input>, which it forwards (so `Field` can
 * give it its id and aria attributes).
 */
export function DateInput({ value, className, ...props }: Omit<React.ComponentProps<"input">, "type" | "value"> & { value: string }) {
  const { locale } = useI18n();
  return (
    <span className="grid gap-1">
      <Input type="date" lang={locale} value={value} className={className} {...props} />
      {value ? (
        <span className="text-xs text-muted-foreground" aria-hidden data-testid="date-input-text">
          {formatDay(locale, value)}
        </span>
      ) : null}
    </span>
  );
}
