import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import "./globals.css";
import { I18nProvider } from "@/i18n/client";
import { getT } from "@/i18n/server";
import { ThemeProvider } from "@/components/theme";
import { parseTheme, THEME_COOKIE } from "@/lib/theme";
import { productName } from "@/lib/brand";
import { inter } from "./fonts";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  // Outside a workspace only: the workspace layout and the pages outside it set their own titles.
  const name = productName();
  return {
    title: { default: name, template: `%s · ${name}` },
    description: t.meta.description,
    robots: { index: false, follow: false },
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const jar = await cookies();
  const theme = parseTheme(jar.get(THEME_COOKIE)?.value);
  const { locale, t } = await getT();
  return (
    <html lang={locale} className={`${theme} ${inter.variable}`} suppressHydrationWarning>
      <body className="min-h-dvh font-sans">
        <I18nProvider locale={locale} t={t}>
          <ThemeProvider initial={theme}>{children}</ThemeProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
