// First-load JavaScript per route, gzipped, from the last `next build`
// (web/.next): the framework's root files plus every chunk the route's
// layouts, boundaries and page need. `--all` prints every route. Sizes are
// deterministic for a given source tree, so scripts/web-build.sh runs this
// as a test: it fails when a route grows past its ceiling (today's size,
// rounded up). The budget (170 KiB) is printed next to the figure;
// both pages meet it: their menus, cards and board are next/dynamic islands
// (server-rendered, hydrated when their chunk lands) and sonner loads after
// hydration (lib/toast). Lower a ceiling whenever a change makes a page lighter.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const KiB = 1024;
/** Budgets (issue 10): the two pages a client opens most. */
const budgets = {
  "/[workspace]/projets/[project]": 170 * KiB,
  "/[workspace]/projets/[project]/tableau": 170 * KiB,
};
/** Ceilings the test enforces: no route may grow past them. */
const ceilings = {
  // 166 → 168: the month names (0.3 KiB) that spare Intl while hydrating,
  // and components/island (1 KiB), which keeps ~60 KB of cards out of the load.
  "/[workspace]/projets/[project]": 168 * KiB,
  "/[workspace]/projets/[project]/tableau": 165 * KiB,
  "*": 210 * KiB,
};

const next = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "web", ".next");
const all = process.argv.includes("--all");
const build = JSON.parse(fs.readFileSync(path.join(next, "build-manifest.json"), "utf8"));
const sizes = new Map();
const gz = (f) => {
  if (!sizes.has(f)) sizes.set(f, zlib.gzipSync(fs.readFileSync(path.join(next, f))).length);
  return sizes.get(f);
};

function manifests(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) manifests(p, out);
    else if (e.name === "page_client-reference-manifest.js") out.push(p);
  }
  return out;
}

const rows = [];
for (const file of manifests(path.join(next, "server", "app"))) {
  const ctx = { globalThis: {} };
  vm.runInNewContext(fs.readFileSync(file, "utf8"), ctx);
  for (const [page, m] of Object.entries(ctx.globalThis.__RSC_MANIFEST)) {
    const files = new Set(build.rootMainFiles);
    for (const list of Object.values(m.entryJSFiles ?? {})) for (const f of list) if (f.endsWith(".js")) files.add(f);
    let total = 0;
    for (const f of files) total += gz(f);
    rows.push({ route: page.replace(/\/page$/, "") || "/", total });
  }
}
rows.sort((a, b) => a.route.localeCompare(b.route));

let failed = false;
console.log("first-load JS (gzip)                            size");
for (const r of rows) {
  const budget = budgets[r.route];
  const ceiling = ceilings[r.route] ?? ceilings["*"];
  if (r.total > ceiling) {
    failed = true;
    console.error(`js-budget: ${r.route} is ${(r.total / KiB).toFixed(1)} KiB, over its ceiling of ${(ceiling / KiB).toFixed(0)} KiB`);
  }
  if (all || budget !== undefined) {
    const b = budget === undefined ? "" : `budget ≤ ${(budget / KiB).toFixed(0)} KiB ${r.total > budget ? "✗" : "✓"}, ceiling ${(ceiling / KiB).toFixed(0)} KiB`;
    console.log(`${r.route.padEnd(42)}${((r.total / KiB).toFixed(1) + " KiB").padStart(10)}    ${b}`);
  }
}
for (const route of Object.keys(budgets)) {
  if (!rows.some((r) => r.route === route)) {
    console.error(`js-budget: no build output for ${route}`);
    failed = true;
  }
}
if (failed) {
  console.error("js-budget: first-load JS grew (issue 10): load heavy modules with next/dynamic");
  process.exit(1);
}
