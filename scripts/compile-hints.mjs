// Marks every route's first-load chunks for eager compilation (issue 10).
//
// V8 compiles a function lazily, on the main thread, the first time it is
// called, unless told otherwise. Loading a page calls nearly all of its
// first-load code (module factories, React, hydration), so that compile ran
// on the main thread in the middle of loading: ~230 ms of a 380 ms load of
// the admin's dashboard in a Chromium CPU profile on this machine. The magic
// comment `//# allFunctionsCalledOnLoad` on a script's first line (V8's
// explicit compile hints, Chrome 136+) has the whole file compiled while it
// streams in, on a background thread; other browsers ignore the comment.
// Chunks loaded later (islands, dialogs, the markdown renderer) keep lazy
// compilation: much of their code may never run.
//
// Run by scripts/web-build.sh after `next build`, before the static files
// are copied next to the server; js-budget.mjs fails when a first-load chunk
// lacks the hint. Idempotent.
import fs from "node:fs";
import path from "node:path";
import { HINT, firstLoadFiles, nextDir } from "./first-load.mjs";

const files = new Set();
for (const list of firstLoadFiles().values()) for (const f of list) files.add(f);
let marked = 0;
for (const f of files) {
  const p = path.join(nextDir, f);
  const src = fs.readFileSync(p, "utf8");
  if (src.startsWith(HINT)) continue;
  // One more first line would shift every mapping of a source map by a line.
  if (/^\/\/# sourceMappingURL=/m.test(src)) {
    console.error(`compile-hints: ${f} has a source map; shift its mappings (prepend ";") before adding the hint`);
    process.exit(1);
  }
  fs.writeFileSync(p, HINT + src);
  marked++;
}
console.log(`compile hints: ${marked} of ${files.size} first-load chunks marked for eager compilation`);
