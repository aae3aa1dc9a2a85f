import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";

export const ADMIN = { email: "admin@parvis.test", password: "demo-admin-2026" };
export const CLIENT = { email: "client@parvis.test", password: "demo-client-2026" };
export const WORKSPACE = { name: "Studio Démo", slug: "studio-demo" };

/**
 * Runs axe-core (WCAG 2.1 A/AA and best practices) on the page as it is now
 * and fails on any serious or critical violation, listing each with the
 * elements concerned. Every screenshot goes through it, so every page and
 * state the specs show is checked, for both roles.
 */
export async function expectAccessible(page: Page, what: string) {
  // An analysis takes seconds on a busy machine: each one brings its own time budget.
  test.info().setTimeout(test.info().timeout + 60_000);
  // Colours are judged as the user ends up seeing them: let running CSS
  // transitions and finite animations (a button fading back from disabled,
  // a dialog opening) finish first; endless ones (skeletons) are ignored.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => {
          const timing = a.effect?.getComputedTiming();
          return timing !== undefined && timing.endTime !== Infinity;
        })
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  // After a client-side navigation Next.js streams the new page's metadata:
  // the title lands a moment after the content. Wait for it (a page that
  // never gets one still fails here).
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => `${n.target.join(" ")} ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`).join(" | ")}`);
  expect(serious, `accessibility of ${what}`).toEqual([]);
}

/** Checks accessibility, then takes a full-page screenshot into e2e/artifacts/NN-name.png (git-ignored). */
export async function shot(page: Page, name: string) {
  await expectAccessible(page, name);
  await page.screenshot({ path: path.join(__dirname, "artifacts", `${name}.png`), fullPage: true });
}

/** shot() at desktop (1440×900) and phone (390×844) widths: NN-name-1440.png and NN-name-390.png. */
export async function shots(page: Page, name: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await shot(page, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, `${name}-390`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** Same screenshot at phone width (375×812), then back to the previous size. */
export async function phoneShot(page: Page, name: string) {
  const previous = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 812 });
  await shot(page, name);
  if (previous) await page.setViewportSize(previous);
}

export async function login(page: Page, who: { email: string; password: string }) {
  await page.goto("/connexion");
  await expectAccessible(page, "/connexion");
  await page.getByLabel("E-mail").fill(who.email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => url.pathname === `/${WORKSPACE.slug}` || url.pathname === "/espaces");
  if (new URL(page.url()).pathname === "/espaces") {
    // Accounts with several workspaces land on the workspace switcher.
    await expect(page.getByRole("heading", { level: 1, name: "Vos espaces" })).toBeVisible();
    await page.getByRole("link", { name: new RegExp(WORKSPACE.name) }).click();
    await page.waitForURL(`**/${WORKSPACE.slug}`);
  }
  await expect(page.getByRole("heading", { level: 1, name: "Projets" })).toBeVisible();
}

/**
 * A browser of its own (a new context: its own cookies), logged in as `who`,
 * on the projects page or, given `project`, on that project's overview. For
 * specs that watch two roles at once; they close it in afterAll
 * (`page.context().close()`).
 */
export async function open(browser: Browser, who: { email: string; password: string }, project?: string) {
  const ctx = await browser.newContext({
    baseURL: process.env.E2E_BASE_URL ?? "http://localhost:13000",
    viewport: { width: 1440, height: 900 },
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
  });
  const page = await ctx.newPage();
  await login(page, who);
  if (project) {
    await page.getByTestId("project-list").getByText(project).click();
    await expect(page.getByRole("heading", { level: 1, name: project })).toBeVisible();
  }
  return page;
}

export function randomSuffix() {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

type DevMail = { messages: { id: string; to: string; subject: string; text: string; html: string }[] | null };

/** Polls the dev mailbox (GET /api/v1/dev/mail) for the newest message sent to `to`. */
export async function waitForMail(request: APIRequestContext, to: string) {
  let found: NonNullable<DevMail["messages"]>[number] | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get("/api/v1/dev/mail");
        if (!res.ok()) return false;
        const body = (await res.json()) as DevMail;
        found = (body.messages ?? []).find((m) => m.to.toLowerCase().includes(to.toLowerCase()));
        return Boolean(found);
      },
      { timeout: 20_000, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  return found!;
}

/**
 * The invitation path (/invitation/<token>) found in a mail. Only the path is
 * kept: the link host comes from the API's configuration and may differ from
 * the base URL under test.
 */
export function invitationPath(text: string, html: string): string {
  const m = `${text}\n${html}`.match(/\/invitation\/([A-Za-z0-9_-]{16,})/);
  if (!m) throw new Error("no invitation link in the mail");
  return `/invitation/${m[1]}`;
}
