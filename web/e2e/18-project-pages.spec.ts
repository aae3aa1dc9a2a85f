import { expect, test } from "@playwright/test";
import { CLIENT, login, randomSuffix, shots } from "./helpers";

// Issue 10: a workspace with many projects. The sidebar lists the twelve
// most recently updated and links to the rest; the projects page shows 24
// at a time, older ones a link away. Before, every page of the workspace
// listed (and counted the tasks of) every project.
//
// The demo client administers "Atelier Nord" (see 09-brand): its projects
// are added there, so the demo workspace the other specs use is untouched.
// This spec runs last (files run in order, one worker).
const WS = "atelier-nord";

test.describe.configure({ timeout: 180_000 });

test("many projects: the sidebar shows the latest, the projects page is paged", async ({ page }) => {
  await login(page, CLIENT);
  const before = (await (await page.request.get(`/api/v1/w/${WS}/projects?limit=1`)).json()) as { total: number };
  // The figures below assume the fresh database scripts/e2e.sh makes.
  expect(before.total, "Atelier Nord's projects before this spec").toBeLessThan(24);
  // Enough for two pages of the projects page (24 a page).
  const add = Math.max(0, 30 - before.total);
  const tag = randomSuffix();
  for (let i = 0; i < add; i++) {
    const r = await page.request.post(`/api/v1/w/${WS}/projects`, { data: { name: `Projet ${tag} ${String(i).padStart(2, "0")}`, clientName: "Client test" } });
    expect(r.status()).toBe(201);
  }
  const total = before.total + add;
  const newest = `Projet ${tag} ${String(add - 1).padStart(2, "0")}`;

  await page.goto(`/${WS}`);
  await expect(page.getByRole("heading", { level: 1, name: "Projets" })).toBeVisible();
  await expect(page.getByText(`${total} projets`, { exact: true })).toBeVisible();

  // The sidebar: twelve, the newest first, and a link to them all.
  const aside = page.getByRole("complementary");
  await expect(aside.getByTestId("sidebar-projects").getByRole("link")).toHaveCount(12);
  await expect(aside.getByTestId("sidebar-projects").getByRole("link").first()).toContainText(newest);
  await expect(aside.getByRole("link", { name: `Voir les ${total} projets` })).toBeVisible();

  // The projects page: 24, then the rest behind « Projets plus anciens ».
  const list = page.getByTestId("project-list");
  await expect(list.getByRole("listitem")).toHaveCount(24);
  await expect(list.getByRole("listitem").first()).toContainText(newest);
  await expect(page.getByRole("link", { name: "Les plus récents" })).toHaveCount(0);
  const firstPage = await list.getByRole("heading", { level: 2 }).allTextContents();
  await shots(page, "18-projects-paged");

  await page.getByRole("link", { name: "Projets plus anciens" }).click();
  await expect(page).toHaveURL(/\?apres=/);
  await expect(list.getByRole("listitem")).toHaveCount(total - 24);
  const secondPage = await list.getByRole("heading", { level: 2 }).allTextContents();
  // Every project once across the pages.
  expect(new Set([...firstPage, ...secondPage]).size).toBe(total);
  await expect(page.getByRole("link", { name: "Projets plus anciens" })).toHaveCount(0);
  await expect(page.getByText(`${total} projets`, { exact: true })).toBeVisible();
  await shots(page, "18-projects-older");

  await page.getByRole("link", { name: "Les plus récents" }).click();
  await expect(list.getByRole("listitem")).toHaveCount(24);
  await expect(list.getByRole("listitem").first()).toContainText(newest);

  // « Voir les N projets » opens the projects page.
  await page.getByRole("link", { name: "Projets plus anciens" }).click();
  await expect(page).toHaveURL(/\?apres=/);
  await aside.getByRole("link", { name: `Voir les ${total} projets` }).click();
  await expect(page).toHaveURL(new RegExp(`/${WS}$`));
  await expect(list.getByRole("listitem")).toHaveCount(24);

  // A cursor that is not one is a clear « Page introuvable », not an error.
  await page.goto(`/${WS}?apres=nimporte-quoi`);
  await expect(page.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeVisible();
});
