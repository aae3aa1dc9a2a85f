// French typography of the error messages (tsc already checks that every API
// error code has a French and an English message): a non-breaking space
// before « : ; ! ? » and inside guillemets, never a plain one.
import { readFileSync } from "node:fs";

const src = readFileSync("src/i18n/fr.ts", "utf8");
const block = src.match(/\n {2}errors: \{\n([\s\S]*?)\n {2}\} satisfies ErrorMessages,/);
if (!block) {
  console.error("src/i18n/fr.ts: the errors block (… satisfies ErrorMessages) was not found.");
  process.exit(1);
}
const bad = [];
for (const line of block[1].split("\n")) {
  const m = line.match(/^\s+(\w+): "(.*)",$/);
  if (!m) continue;
  const [, key, text] = m;
  if (/ [:;!?]/.test(text) || /« | »/.test(text) || /[^\u00a0\u202f][:;!?](\s|$)/.test(text)) bad.push(key);
}
if (bad.length > 0) {
  console.error(`src/i18n/fr.ts: put a non-breaking space before « : ; ! ? » and inside guillemets in: ${bad.join(", ")}`);
  process.exit(1);
}
console.log("French error messages: typography checked.");
