// The first-load JavaScript of every route of the last `next build`
// (web/.next): the framework's root files plus every chunk the route's
// layouts, boundaries and page need, read from the build's manifests.
// Shared by js-budget.mjs (sizes) and compile-hints.mjs (eager compilation).
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

export const nextDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "web", ".next");

function manifests(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) manifests(p, out);
    else if (e.name === "page_client-reference-manifest.js") out.push(p);
  }
  return out;
}

/** Route → the set of its first-load JS files, relative to web/.next. */
export function firstLoadFiles(next = nextDir) {
  const build = JSON.parse(fs.readFileSync(path.join(next, "build-manifest.json"), "utf8"));
  const routes = new Map();
  for (const file of manifests(path.join(next, "server", "app"))) {
    const ctx = { globalThis: {} };
    vm.runInNewContext(fs.readFileSync(file, "utf8"), ctx);
    for (const [page, m] of Object.entries(ctx.globalThis.__RSC_MANIFEST)) {
      // A Next.js that renames or moves this field must fail here, not
      // shrink every route to the root files and pass every ceiling.
      if (!m.entryJSFiles || Object.keys(m.entryJSFiles).length === 0) {
        throw new Error(`first-load: ${path.relative(next, file)} has no entryJSFiles (did Next.js change its client reference manifest?)`);
      }
      const files = new Set(build.rootMainFiles);
      for (const list of Object.values(m.entryJSFiles)) for (const f of list) if (f.endsWith(".js")) files.add(f);
      routes.set(page.replace(/\/page$/, "") || "/", files);
    }
  }
  if (routes.size === 0) throw new Error(`first-load: no client reference manifests under ${path.join(next, "server", "app")}`);
  return routes;
}

/** V8's explicit compile hint, first line of every first-load chunk (compile-hints.mjs). */
export const HINT = "//# allFunctionsCalledOnLoad\n";
