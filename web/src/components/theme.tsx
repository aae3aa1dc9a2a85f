"use client";

import { createContext, useCallback, useContext, useState } from "react";
import { Toaster } from "sonner";

import { THEME_COOKIE, type Theme } from "@/lib/theme";

export type { Theme };

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
  return (
    <ThemeContext.Provider value={{ theme, setTheme }}>
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
