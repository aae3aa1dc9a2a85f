// CI staleness check: regenerate the API types into a temp file and fail if
// they differ from the committed src/lib/api/schema.d.ts.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "parvis-api-"));
const out = join(dir, "schema.d.ts");
try {
  execFileSync("npx", ["--no-install", "openapi-typescript", "../api/openapi.json", "-o", out], { stdio: "inherit" });
  const fresh = readFileSync(out, "utf8");
  const committed = readFileSync("src/lib/api/schema.d.ts", "utf8");
  if (fresh !== committed) {
    console.error("src/lib/api/schema.d.ts is stale: run `npm run gen:api` and commit the result.");
    process.exit(1);
  }
  console.log("src/lib/api/schema.d.ts is up to date.");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
