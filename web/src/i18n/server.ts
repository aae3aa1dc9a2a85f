// Locale resolution on the server: the cookie wins, then the user's profile, then French.
import { cookies } from "next/headers";
import { getDictionary } from "./dictionaries";
import { defaultLocale, isLocale, LOCALE_COOKIE, type AppLocale } from "./index";

export async function getLocale(profileLocale?: string | null): Promise<AppLocale> {
  const jar = await cookies();
  const c = jar.get(LOCALE_COOKIE)?.value;
  if (isLocale(c)) return c;
  if (isLocale(profileLocale)) return profileLocale;
  return defaultLocale;
}

export async function getT(profileLocale?: string | null) {
  const locale = await getLocale(profileLocale);
  return { locale, t: getDictionary(locale) };
}
