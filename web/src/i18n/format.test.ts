import { describe, expect, it } from "vitest";
import { getDictionary } from "./dictionaries";
import { fmt, isLocale, plural } from "./index";

describe("fmt", () => {
  it("fills every placeholder, numbers included", () => {
    expect(fmt("{done} sur {total} tâches terminées", { done: 3, total: 8 })).toBe("3 sur 8 tâches terminées");
  });

  it("leaves unknown placeholders visible rather than inventing a value", () => {
    expect(fmt("Bonjour {name}, {missing}", { name: "Julie" })).toBe("Bonjour Julie, {missing}");
  });

  it("does not interpret the values", () => {
    expect(fmt("« {title} »", { title: "{name}" })).toBe("« {name} »");
  });
});

describe("plural", () => {
  const t = getDictionary("fr").work.cards;
  it("uses the singular sentence for one and fills {n} otherwise", () => {
    expect(plural(1, t.waitingItemsClientOne, t.waitingItemsClient)).toBe("1 élément attend votre retour");
    expect(plural(3, t.waitingItemsClientOne, t.waitingItemsClient)).toBe("3 éléments attendent votre retour");
  });
});

describe("locales", () => {
  it("knows fr and en only", () => {
    expect(isLocale("fr")).toBe(true);
    expect(isLocale("en")).toBe(true);
    expect(isLocale("de")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });

  it("words the project state for the client in the second person", () => {
    expect(getDictionary("fr").statusClient.waiting_client).toBe("En attente de votre retour");
    expect(getDictionary("fr").status.waiting_client).toBe("En attente client");
  });
});
