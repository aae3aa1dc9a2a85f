// Unit tests for pure web logic (dates, i18n, error mapping, typography of the
// dictionaries). Browser behaviour is covered by Playwright in e2e/.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
