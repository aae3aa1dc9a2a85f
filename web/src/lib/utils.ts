import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs));
}

/** Initials for avatars: "Maison Lumière" → "ML". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [name.trim()[0], name.trim()[1]];
  return letters.filter(Boolean).join("").toUpperCase() || "?";
}

const HEX = /^#[0-9a-fA-F]{6}$/;
export const DEFAULT_ACCENT = "#4F46E5";

export function isHexColor(v: string): boolean {
  return HEX.test(v);
}

/** Text colour readable on the given background (WCAG relative luminance). */
export function readableOn(hex: string): "#ffffff" | "#09090b" {
  if (!isHexColor(hex)) return "#ffffff";
  const ch = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const l = 0.2126 * ch[0]! + 0.7152 * ch[1]! + 0.0722 * ch[2]!;
  // Contrast against white vs near-black; pick the higher.
  return (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.0545) ? "#ffffff" : "#09090b";
}

/** CSS custom properties that theme the UI with a workspace's accent colour. */
export function accentStyle(hex: string | undefined | null): React.CSSProperties {
  const c = hex && isHexColor(hex) ? hex : DEFAULT_ACCENT;
  return { "--brand": c, "--brand-foreground": readableOn(c) } as React.CSSProperties;
}

/** Same-origin URL of a workspace's logo (served by the API through the /api rewrite). */
export function logoUrl(slug: string, hasLogo: boolean, version?: string | number): string | null {
  if (!hasLogo) return null;
  return `/api/v1/w/${encodeURIComponent(slug)}/logo${version ? `?v=${version}` : ""}`;
}
