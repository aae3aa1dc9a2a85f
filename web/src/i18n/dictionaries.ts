// Both dictionaries, for the server only: the browser receives the one it
// needs from the root layout (I18nProvider), not both in its JavaScript.
import type { AppLocale, Dictionary } from "./index";
import { en } from "./en";
import { fr } from "./fr";

const dictionaries: Record<AppLocale, Dictionary> = { fr, en };

export function getDictionary(locale: AppLocale): Dictionary {
  return dictionaries[locale];
}
