"use client";

import { createContext, useContext, useMemo } from "react";
import { LOCALE_COOKIE, type AppLocale, type Dictionary } from "./index";

const I18nContext = createContext<{ locale: AppLocale; t: Dictionary } | null>(null);

/** The root layout passes the reader's dictionary: only that one travels to the browser. */
export function I18nProvider({ locale, t, children }: { locale: AppLocale; t: Dictionary; children: React.ReactNode }) {
  // One value while the language is (see components/theme).
  const value = useMemo(() => ({ locale, t }), [locale, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n outside I18nProvider");
  return ctx;
}

export function setLocaleCookie(locale: AppLocale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
