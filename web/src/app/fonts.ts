import localFont from "next/font/local";

// Inter (latin subset, variable weight), self-hosted by next/font: the file
// is preloaded from the document's head and gets an immutable hashed URL,
// and a metric-matched Arial fallback keeps the swap from moving text.
// Issue 10: loaded from the stylesheet instead, the font was requested only
// after the first layout and held the first frame on a mobile profile.
export const inter = localFont({
  src: "../../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  weight: "100 900",
  style: "normal",
  display: "swap",
  variable: "--font-inter",
  adjustFontFallback: "Arial",
  fallback: ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "sans-serif"],
});
