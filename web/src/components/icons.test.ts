import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import * as lucide from "lucide-react";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as server from "./icons";

// Each server icon must render exactly what lucide-react renders for the
// same props, so swapping one for the other changes nothing on screen (and a
// lucide-react upgrade that changes its markup or its exports fails here).
const cases: Record<string, unknown>[] = [
  {},
  { className: "size-4 text-brand" },
  { className: "size-4", "aria-hidden": true },
  { "aria-label": "Alerte", className: "size-3.5" },
  // An attribute set to undefined is absent: the icon stays decorative.
  { "aria-label": undefined, role: null, className: "size-3.5" },
  { role: "img", title: "Titre" },
  // Classes merged as lucide does: trimmed, repeats dropped.
  { className: "  lucide size-4   size-4 text-brand " },
  { color: "#b91c1c", strokeWidth: 1.5 },
];

describe("server icons", () => {
  for (const [name, Icon] of Object.entries(server)) {
    if (typeof Icon !== "function") continue;
    it(`${name} renders as lucide-react's`, () => {
      const Lucide = (lucide as unknown as Record<string, ComponentType<Record<string, unknown>>>)[name];
      if (!Lucide) throw new Error(`lucide-react has no ${name}`);
      for (const props of cases) {
        const ours = renderToStaticMarkup(createElement(Icon as ComponentType<Record<string, unknown>>, props));
        expect(ours).toBe(renderToStaticMarkup(createElement(Lucide, props)));
      }
    });
  }
});

// A module without "use client" may be rendered as a server component, and
// lucide-react's icons are client components: each would be hydrated in the
// browser. Such modules draw their icons from ./icons instead.
describe("server modules", () => {
  it("import no icon from lucide-react", () => {
    const src = path.resolve(__dirname, "..");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) {
          const text = fs.readFileSync(p, "utf8");
          if (/^\s*["']use client["']/.test(text)) continue;
          if (/from\s+["']lucide-react["']/.test(text)) offenders.push(path.relative(src, p));
        }
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
  });
});
