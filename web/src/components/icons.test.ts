import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import * as lucide from "lucide-react";
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
