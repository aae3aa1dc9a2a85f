// Shared by the server (root layout) and the client theme switcher.
export type Theme = "light" | "dark" | "system";
export const THEME_COOKIE = "parvis_theme";

export function parseTheme(v: string | undefined): Theme {
  return v === "light" || v === "dark" ? v : "system";
}
