"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocaleCookie, useI18n } from "@/i18n/client";
import { locales, type AppLocale } from "@/i18n";
import { api } from "@/lib/api/client";
import { cn } from "@/lib/utils";

/** FR / EN toggle. When `persist` is set, the choice is also saved to the user's profile. */
export function LocaleSwitch({ persist = false, className }: { persist?: boolean; className?: string }) {
  const { locale, t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  async function choose(l: AppLocale) {
    if (l === locale) return;
    setLocaleCookie(l);
    if (persist) await api.PATCH("/api/v1/me", { body: { locale: l } });
    start(() => router.refresh());
  }
  return (
    <div role="group" aria-label={t.nav.language} className={cn("inline-flex rounded-lg border bg-card p-0.5 text-xs font-medium", pending && "opacity-60", className)}>
      {locales.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          onClick={() => choose(l)}
          className={cn(
            "cursor-pointer rounded-md px-2.5 py-1 uppercase transition-colors focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none",
            l === locale ? "bg-muted text-foreground" : "text-muted-foreground hover:text-foreground",
          )}
        >
          {l}
        </button>
      ))}
    </div>
  );
}
