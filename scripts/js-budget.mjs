// First-load JavaScript per route, gzipped, from the last `next build`
// (web/.next): the framework's root files plus every chunk the route's
// layouts, boundaries and page need. `--all` prints every route. Sizes are
// deterministic for a given source tree, so scripts/web-build.sh runs this
// as a test: it fails when a route grows past its ceiling (today's size,
// rounded up). The budget (170 KiB) is printed next to the figure;
// both pages meet it: their menus, cards and board are next/dynamic islands
// (server-rendered, hydrated when their chunk lands) and sonner loads after
// hydration (lib/toast). Lower a ceiling whenever a change makes a page lighter.
// It also fails when a first-load chunk lacks its compile hint (compile-hints.mjs).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { HINT, firstLoadFiles, nextDir as next } from "./first-load.mjs";
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

const all = process.argv.includes("--all");
const sizes = new Map();
const unhinted = new Set();
// The copy the server sends (web-build.sh copies static/ next to server.js)
// must be the hinted file, byte for byte.
const served = path.join(next, "standalone", ".next");
const stale = new Set();
const gz = (f) => {
  if (!sizes.has(f)) {
    const src = fs.readFileSync(path.join(next, f));
    if (!src.subarray(0, HINT.length).equals(Buffer.from(HINT))) unhinted.add(f);
    if (fs.existsSync(served)) {
      const copy = path.join(served, f);
      if (!fs.existsSync(copy) || !fs.readFileSync(copy).equals(src)) stale.add(f);
    }
    sizes.set(f, zlib.gzipSync(src).length);
  }
  return sizes.get(f);
};

const rows = [];
for (const [route, files] of firstLoadFiles()) {
  let total = 0;
  for (const f of files) total += gz(f);
  rows.push({ route, total });
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
if (unhinted.size > 0) {
  console.error(`js-budget: ${unhinted.size} first-load chunks lack the compile hint (run scripts/compile-hints.mjs after next build): ${[...unhinted].slice(0, 3).join(", ")}`);
}
if (stale.size > 0) {
  console.error(`js-budget: ${stale.size} first-load chunks differ in .next/standalone (copied before compile-hints ran?): ${[...stale].slice(0, 3).join(", ")}`);
}
if (failed) console.error("js-budget: first-load JS grew (issue 10): load heavy modules with next/dynamic");
if (failed || unhinted.size > 0 || stale.size > 0) process.exit(1);
