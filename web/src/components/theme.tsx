"use client";

import dynamic from "next/dynamic";
import { createContext, useCallback, useContext, useMemo, useState } from "react";

import { loadSonner } from "@/lib/toast";

import { THEME_COOKIE, type Theme } from "@/lib/theme";

export type { Theme };

// The toaster is not in the first load (issue 10): it mounts right after
// hydration; toasts wait for it (lib/toast).
const Toaster = dynamic(() => loadSonner().then((m) => m.Toaster), { ssr: false });

const ThemeContext = createContext<{ theme: Theme; setTheme: (t: Theme) => void } | null>(null);

/** Theme lives in a cookie so the server renders the right class on <html> (no flash). */
export function ThemeProvider({ initial, children }: { initial: Theme; children: React.ReactNode }) {
  const [theme, setThemeState] = useState<Theme>(initial);
  const setTheme = useCallback((t: Theme) => {
    document.cookie = `${THEME_COOKIE}=${t}; Path=/; Max-Age=31536000; SameSite=Lax`;
    const html = document.documentElement;
    html.classList.remove("light", "dark", "system");
    html.classList.add(t);
    setThemeState(t);
  }, []);
  // One value while the theme is: a new one would reach every part of the
  // page still waiting to hydrate (components/island).
  const value = useMemo(() => ({ theme, setTheme }), [theme, setTheme]);
  return (
    <ThemeContext.Provider value={value}>
      {children}
      <Toaster theme={theme} position="bottom-right" richColors closeButton toastOptions={{ className: "font-sans" }} />
    </ThemeContext.Provider>
  );
}

export function useTheme() {
  const ctx = useContext(ThemeContext);
  if (!ctx) throw new Error("useTheme outside ThemeProvider");
  return ctx;
}
