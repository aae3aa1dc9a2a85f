// French typography of the dictionaries: a non-breaking space before « : ; ! ? »
// and inside guillemets, so that no line of the UI starts with « : » or « » »,
// and typographic apostrophes. English is checked for the same keys only.
import { describe, expect, it } from "vitest";
import { en } from "./en";
import { fr } from "./fr";

/** Every string of a dictionary with its dotted key. */
function strings(node: unknown, path = ""): [string, string][] {
  if (typeof node === "string") return [[path, node]];
  if (node && typeof node === "object") {
    return Object.entries(node).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  }
  return [];
}

/** What is wrong with one French string, or [] when it is right. */
export function frenchTypographyProblems(s: string): string[] {
  const problems: string[] = [];
  if (/[ \t][:;!?]/.test(s)) problems.push("plain space before : ; ! ?");
  if (/[^\s\u00a0\u202f({][:;!?](?:\s|$)/u.test(s) && !/https?:/.test(s)) problems.push("no space before : ; ! ?");
  if (/«(?![\u00a0\u202f])/.test(s)) problems.push("« not followed by a non-breaking space");
  if (/(?<![\u00a0\u202f])»/.test(s)) problems.push("» not preceded by a non-breaking space");
  if (s.includes("'")) problems.push("straight apostrophe (use ’)");
  return problems;
}

describe("French dictionaries", () => {
  const all = strings(fr);

  it("are not empty", () => {
    expect(all.length).toBeGreaterThan(300);
  });

  it("use non-breaking spaces before : ; ! ? and inside « », and typographic apostrophes", () => {
    const bad = all.flatMap(([key, s]) => frenchTypographyProblems(s).map((p) => `${key}: ${p} — ${JSON.stringify(s)}`));
    expect(bad).toEqual([]);
  });

  it("the checker itself catches what it must", () => {
    expect(frenchTypographyProblems("Mot de passe oublié ?")).toContain("plain space before : ; ! ?");
    expect(frenchTypographyProblems("« Maquette » validée")).toEqual(
      expect.arrayContaining(["« not followed by a non-breaking space", "» not preceded by a non-breaking space"]),
    );
    expect(frenchTypographyProblems("Vous n'avez pas accès")).toContain("straight apostrophe (use ’)");
    expect(frenchTypographyProblems("Bienvenue\u00a0!")).toEqual([]);
    expect(frenchTypographyProblems("«\u00a0{title}\u00a0» validée")).toEqual([]);
  });
});

describe("English dictionary", () => {
  it("has exactly the French keys", () => {
    expect(strings(en).map(([k]) => k).sort()).toEqual(strings(fr).map(([k]) => k).sort());
  });
});
