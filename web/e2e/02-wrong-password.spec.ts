import { expect, test } from "@playwright/test";
import { randomSuffix, shot } from "./helpers";

test("a wrong password shows a clear French message", async ({ page }) => {
  // An unknown address gets exactly the same answer as a wrong password; using
  // one keeps repeated runs from tripping the demo accounts' brute-force lock.
  await page.goto("/connexion");
  await page.getByLabel("E-mail").fill(`nobody-${randomSuffix()}@parvis.test`);
  await page.getByLabel("Mot de passe", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "E-mail ou mot de passe incorrect." })).toBeVisible();
  await expect(page).toHaveURL(/\/connexion$/);
  await shot(page, "10-wrong-password");
});
