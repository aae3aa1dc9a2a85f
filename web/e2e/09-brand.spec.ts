import path from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import { ADMIN, CLIENT, WORKSPACE, expectAccessible, login, randomSuffix, waitForMail, invitationPath, shots } from "./helpers";

// Issue 9, last parts: a workspace's own login (/<espace>/connexion) and its
// invitations wear its name, logo and accent colour, never the product's
// name; « Voir comme le client » shows an admin a project exactly as its
// client sees it, read-only; phones read « Touchez pour ajouter ».

// The demo client administers "Atelier Nord" (#0f766e): that workspace gets a
// logo here, so that Studio Démo, which the other specs photograph, is untouched.
const BRANDED = { slug: "atelier-nord", name: "Atelier Nord", accent: "#0f766e" };
const LOGO = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAYAAABXAvmHAAAA80lEQVR42u2ZOw6AMAxDuQE3ZeT6IDYWUJPYaQyx1JU+o7b5LUurVUPrvh3WJQldwgwSPN0IE55uIgP+Wpeg4MdNGfB3QeHZJp4EN8Aw8abQmX9TBrz7Yls3YMKbTUQ3YsCbTCA3RH8r/NYjTES/EQ5WEQDED4BEWw8I6gjCUgULEPoRgOU6I2CMFwyarHkFz1hZAYkRACnpchY8zcCICWrR83sD0kdI+hJLP6PSgUw6lZiZzIUTOul0WrqgqVBSustK6aK+SlvF1Vqp0thyNbcy4EdNdHN3Vnsd2mLPHHDA4GdMaOTHTD2l/Pyc+DOT+hZAJ8ndxiOxE5hwAAAAAElFTkSuQmCC", "base64");
const PROJECT = "Refonte du site";
const dir = path.join(__dirname, "artifacts");

test.describe.configure({ timeout: 180_000 });

/** A signed-out browser (its own context: no cookie of the test's page). */
async function anonymous(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test("a workspace's own login and its invitations wear its identity", async ({ page, browser }) => {
  // The workspace's admin gives it a logo (through the API, as the settings page does).
  const r = await page.request.post("/api/v1/auth/login", { data: { email: CLIENT.email, password: CLIENT.password } });
  expect(r.ok()).toBe(true);
  const put = await page.request.put(`/api/v1/w/${BRANDED.slug}/logo`, { data: LOGO, headers: { "content-type": "image/png" } });
  expect(put.status()).toBe(200);

  // The public branding is readable by anyone, and only that; an unknown slug is a 404.
  const anon = await anonymous(browser);
  const brand = await anon.page.request.get(`/api/v1/public/workspaces/${BRANDED.slug}`);
  expect(await brand.json()).toEqual({ name: BRANDED.name, slug: BRANDED.slug, accentColor: BRANDED.accent, hasLogo: true });
  expect((await anon.page.request.get("/api/v1/public/workspaces/inconnu-42")).status()).toBe(404);

  // The workspace's login: its name, logo, accent and tab title; no product name.
  const p = anon.page;
  await p.goto(`/${BRANDED.slug}/connexion`);
  await expect(p).toHaveTitle(`Connexion · ${BRANDED.name}`);
  const top = p.getByTestId("auth-brand");
  await expect(top).toContainText(BRANDED.name);
  const logo = top.locator("img");
  await expect(logo).toHaveAttribute("src", `/api/v1/public/workspaces/${BRANDED.slug}/logo`);
  await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);
  expect(await p.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--brand").trim())).toBe(BRANDED.accent);
  await expect(p.getByText(`Connectez-vous à votre espace ${BRANDED.name}.`)).toBeVisible();
  await expect(p.locator("body")).not.toContainText("Parvis");
  await shots(p, "90-login-branded");

  // The forgotten-password page keeps it, and leads back to the same login.
  await p.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await expect(p.getByRole("heading", { level: 1, name: "Mot de passe oublié" })).toBeVisible();
  await expect(top).toContainText(BRANDED.name);
  await p.getByRole("link", { name: "Retour à la connexion" }).click();
  await expect(p).toHaveURL((u) => u.pathname === `/${BRANDED.slug}/connexion`);

  // A signed-out visit to one of its pages leads to the same login.
  await p.goto(`/${BRANDED.slug}/parametres`);
  await expect(p).toHaveURL((u) => u.pathname === `/${BRANDED.slug}/connexion`);
  await expect(top).toContainText(BRANDED.name);

  // Signing in there lands in that workspace; signing out leads back to its login.
  await p.getByLabel("E-mail").fill(CLIENT.email);
  await p.getByLabel("Mot de passe", { exact: true }).fill(CLIENT.password);
  await p.getByRole("button", { name: "Se connecter" }).click();
  await p.waitForURL((u) => u.pathname === `/${BRANDED.slug}`);
  await expect(p.getByRole("heading", { level: 1, name: "Projets" })).toBeVisible();
  await p.getByRole("button", { name: /Julie Martin/ }).click();
  await p.getByRole("menuitem", { name: "Se déconnecter" }).click();
  await p.waitForURL((u) => u.pathname === `/${BRANDED.slug}/connexion`);
  await expect(top).toContainText(BRANDED.name);

  // Where no workspace is known, the product's name; an unknown one is that plain login.
  await p.goto("/connexion");
  await expect(p).toHaveTitle("Connexion · Parvis");
  await expect(p.getByTestId("auth-brand")).toHaveCount(0);
  await p.goto("/inconnu-42/connexion");
  await expect(p.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
  await expect(p.getByTestId("auth-brand")).toHaveCount(0);

  // An invitation of that workspace wears the same identity.
  const projects = await page.request.get(`/api/v1/w/${BRANDED.slug}/projects`);
  const { projects: list } = (await projects.json()) as { projects: { id: string }[] };
  const email = `invite-brand-${randomSuffix()}@example.com`;
  const inv = await page.request.post(`/api/v1/w/${BRANDED.slug}/projects/${list[0]!.id}/invitations`, { data: { email } });
  expect(inv.status()).toBe(201);
  const mail = await waitForMail(page.request, email);
  await p.goto(invitationPath(mail.text, mail.html));
  await expect(p).toHaveTitle(`Invitation · ${BRANDED.name}`);
  await expect(top).toContainText(BRANDED.name);
  await expect(top.locator("img")).toHaveAttribute("src", `/api/v1/public/workspaces/${BRANDED.slug}/logo`);
  await expect(p.locator("body")).not.toContainText("Parvis");
  await shots(p, "90-invitation-branded");
  await anon.context.close();
});

test("the admin sees any project page as its client does, read-only", async ({ page }) => {
  await login(page, ADMIN);
  await page.getByTestId("sidebar-projects").getByRole("link", { name: PROJECT }).click();
  await expect(page.getByRole("heading", { level: 1, name: PROJECT })).toBeVisible();
  const base = new URL(page.url()).pathname;
  const banner = page.getByTestId("preview-banner");
  await expect(banner).toHaveCount(0);

  await page.getByRole("button", { name: "Voir comme le client" }).click();
  await expect(banner).toContainText("Aperçu client — lecture seule");
  // Dashboard: the client's sentences, none of the admin's tools.
  await expect(page.getByTestId("waiting-banner")).toContainText("Le projet attend votre retour");
  await expect(page.getByText("Pilotage, notes et clients")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Modifier" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Valider" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Demander une validation/ })).toHaveCount(0);
  await expect(page.getByTestId("approvals")).toContainText("Les étapes qui attendent votre validation.");
  await expect(page.getByRole("button", { name: "Voir comme le client" })).toHaveCount(0);
  await shots(page, "91-preview-overview");

  // Board: the client's read-only board.
  await page.getByTestId("project-tabs").getByRole("link", { name: /^Tableau/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tableau" })).toBeVisible();
  await expect(banner).toBeVisible();
  await expect(page.getByText("L’avancement des tâches du projet, en lecture seule.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Nouvelle tâche/ })).toHaveCount(0);
  await expect(page.locator("[aria-roledescription=draggable], [aria-roledescription=sortable]")).toHaveCount(0);
  await shots(page, "91-preview-board");

  // Files: no drop zone, no new version.
  await page.getByTestId("project-tabs").getByRole("link", { name: /^Fichiers/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Fichiers" })).toBeVisible();
  await expect(banner).toBeVisible();
  await expect(page.getByTestId("dropzone")).toHaveCount(0);
  await expect(page.getByTestId("open-trash")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Nouveau dossier/ })).toHaveCount(0);
  await shots(page, "91-preview-files");

  // Activity: the client's journal (no invitations or notes, and no filter for them).
  await page.getByTestId("project-tabs").getByRole("link", { name: /^Activité/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Activité" })).toBeVisible();
  await expect(banner).toBeVisible();
  await expect(page.getByRole("radio", { name: "Tâches" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Invitations" })).toHaveCount(0);
  await expect(page.getByRole("radio", { name: "Notes" })).toHaveCount(0);
  await shots(page, "91-preview-activity");

  // The way out: the admin's page again, on every section.
  await page.getByRole("button", { name: "Quitter l’aperçu" }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByRole("radio", { name: "Invitations" })).toBeVisible();
  await page.goto(base);
  await expect(page.getByRole("button", { name: "Voir comme le client" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Modifier" }).first()).toBeVisible();
});

test("on a phone the drop zone says « Touchez pour ajouter »", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: "fr-FR", timezoneId: "Europe/Paris" });
  const page = await context.newPage();
  expect(await page.evaluate(() => matchMedia("(pointer: coarse)").matches)).toBe(true);
  await login(page, CLIENT);
  await page.goto(`/${WORKSPACE.slug}`);
  await page.getByTestId("project-list").getByRole("link", { name: new RegExp(PROJECT) }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: PROJECT })).toBeVisible();
  await page.goto(new URL(page.url()).pathname + "/fichiers");
  const zone = page.getByTestId("dropzone");
  await expect(zone.getByRole("button", { name: "Touchez pour ajouter des fichiers" })).toBeVisible();
  await expect(zone.getByText("Déposez vos fichiers ici")).toBeHidden();
  await expectAccessible(page, "files on a touch phone");
  // The first screen (a full-page capture resets the touch emulation).
  await page.screenshot({ path: path.join(dir, "92-files-touch-390.png") });
  await context.close();
});
