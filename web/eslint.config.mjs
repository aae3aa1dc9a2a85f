// ESLint (flat config): TypeScript's recommended rules plus React's hooks rules,
// which catch what tsc cannot (conditional hooks, missing effect dependencies,
// state set during render). Run by `npm run lint` from `make test`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "src/lib/api/schema.d.ts", "e2e/artifacts/**", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  reactHooks.configs.flat["recommended-latest"] ?? reactHooks.configs.flat.recommended,
  {
    // Node scripts (plain JavaScript, so the TypeScript checker does not know their globals).
    files: ["scripts/**/*.mjs", "*.mjs"],
    languageOptions: { globals: { console: "readonly", process: "readonly", URL: "readonly" } },
  },
  {
    // The gateway's peer module, loaded by Node with --require (CommonJS).
    files: ["gateway/**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", process: "readonly", console: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Toasts go through lib/toast, which loads sonner after hydration
      // (first-load JS budget, issue 10).
      // Links prefetch on intent through components/link (issue 10).
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "sonner", message: "import { toast } from \"@/lib/toast\" (sonner loads after hydration)" },
            { name: "next/link", message: "import Link from \"@/components/link\" (prefetches on intent, not on sight)" },
          ],
        },
      ],
    },
  },
  {
    files: ["src/lib/toast.ts", "src/components/toaster*.tsx", "src/components/**/toaster*.tsx", "src/components/link.tsx"],
    rules: { "no-restricted-imports": "off" },
  },
);
