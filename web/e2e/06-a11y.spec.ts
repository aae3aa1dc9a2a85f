import { expect, test, type Page } from "@playwright/test";
import { ADMIN, CLIENT, WORKSPACE, expectAccessible, login } from "./helpers";

// Every page of the portal, for both roles, at desktop and phone widths:
// no serious or critical axe-core violation. (The other specs also check
// each state they screenshot: open dialogs, sheets, errors.)
const PROJECT = "Refonte du site";

async function projectBase(page: Page) {
  await page.goto(`/${WORKSPACE.slug}`);
  const href = await page.getByTestId("project-list").getByRole("link", { name: new RegExp(PROJECT) }).first().getAttribute("href");
  expect(href).toBeTruthy();
  return href!;
}

for (const [role, who] of [["admin", ADMIN], ["client", CLIENT]] as const) {
  test(`every page is accessible for the ${role}`, async ({ page }) => {
    test.setTimeout(120_000);
    await login(page, who);
    const base = await projectBase(page);
    const pages = [
      `/${WORKSPACE.slug}`,
      base,
      `${base}/tableau`,
      `${base}/demandes`,
      `${base}/demandes/nouvelle`,
      `${base}/fichiers`,
      `${base}/activite`,
      "/compte",
      "/espaces",
      // The settings; for a client, the page refusing them (a 404 inside the shell).
      `/${WORKSPACE.slug}/parametres`,
      ...(role === "admin" ? [`/${WORKSPACE.slug}/demandes`] : []),
    ];
    // Desktop for every page; phone (390 px) for the home, every project page and the
    // settings (the other specs' phone screenshots check more states).
    const phone = new Set([`/${WORKSPACE.slug}`, base, `${base}/tableau`, `${base}/fichiers`, `${base}/activite`, `/${WORKSPACE.slug}/parametres`]);
    for (const p of pages) {
      for (const width of phone.has(p) ? [1440, 390] : [1440]) {
        await page.setViewportSize({ width, height: width === 1440 ? 900 : 844 });
        await page.goto(p);
        await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
        await page.waitForLoadState("networkidle");
        await expectAccessible(page, `${p} (${role}, ${width} px)`);
        await page.screenshot({ path: `${__dirname}/artifacts/65-a11y-${role}-${p.split("/").filter(Boolean).pop() ?? "home"}-${width}.png`, fullPage: true });
      }
    }
  });
}
