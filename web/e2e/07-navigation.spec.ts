import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, CLIENT, login, WORKSPACE } from "./helpers";

const PROJECT = "Refonte du site";
const sections = [
  { name: /^Vue d’ensemble/, path: "", slug: "overview", title: PROJECT },
  { name: /^Tableau/, path: "/tableau", slug: "board", title: "Tableau" },
  { name: /^Demandes/, path: "/demandes", slug: "requests", title: "Demandes" },
  { name: /^Messages/, path: "/messages", slug: "messages", title: "Messages" },
  { name: /^Fichiers/, path: "/fichiers", slug: "files", title: "Fichiers" },
  { name: /^Paiements/, path: "/paiements", slug: "payments", title: "Paiements" },
  { name: /^Activité/, path: "/activite", slug: "activity", title: "Activité" },
];

/** Screenshots at 1440 px (the test's viewport) and 390 px (a phone), full page. */
async function shots(page: Page, name: string) {
  const dir = path.join(__dirname, "artifacts");
  await page.screenshot({ path: path.join(dir, `${name}-1440.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(dir, `${name}-390.png`), fullPage: true });
  // The first screen only: what a phone shows before any scrolling.
  await page.screenshot({ path: path.join(dir, `${name}-390-first.png`) });
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function openProject(page: Page) {
  await page.getByTestId("sidebar-projects").getByRole("link", { name: PROJECT }).click();
  await expect(page.getByRole("heading", { level: 1, name: PROJECT })).toBeVisible();
  return new URL(page.url()).pathname;
}

test.describe.configure({ timeout: 180_000 });

for (const [role, who] of [
  ["admin", ADMIN],
  ["client", CLIENT],
] as const) {
  test(`${role}: every project page is one tab away, the current one highlighted`, async ({ page }) => {
    await login(page, who);
    const base = await openProject(page);
    const tabs = page.getByTestId("project-tabs");
    const sidebarProject = page.getByTestId("sidebar-projects").getByRole("link", { name: PROJECT });
    // The only sections whose pages exist today, in order.
    await expect(tabs.getByRole("link")).toHaveCount(sections.length);
    // Something waits on the client in the demo project: the overview tab says how much.
    await expect(tabs.getByRole("link", { name: sections[0]!.name })).toContainText(/\d/);

    for (const s of sections) {
      await tabs.getByRole("link", { name: s.name }).click();
      await expect(page).toHaveURL((u) => u.pathname === base + s.path);
      // The page itself, not its loading skeleton.
      await expect(page.getByRole("heading", { level: 1, name: s.title })).toBeVisible();
      await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
      await expect(tabs.getByRole("link", { name: s.name })).toHaveAttribute("aria-current", "page");
      await expect(tabs.locator("[aria-current=page]")).toHaveCount(1);
      // The sidebar keeps the project highlighted on all of its pages.
      await expect(sidebarProject).toHaveAttribute("aria-current", "page");
      await expect(page.getByTestId("project-tabbar")).toBeHidden();
      await shots(page, `60-${role}-${s.slug}`);
    }

    // On a phone the sections are a bar at the bottom of the screen, within reach of the thumb.
    await page.setViewportSize({ width: 390, height: 844 });
    const bar = page.getByTestId("project-tabbar");
    await expect(bar).toBeVisible();
    await expect(tabs).toBeHidden();
    const box = await bar.boundingBox();
    expect(box && box.y + box.height).toBeGreaterThan(844 - 2);
    await bar.getByRole("link", { name: /Tableau/ }).click();
    await expect(page).toHaveURL((u) => u.pathname === base + "/tableau");
    await expect(bar.getByRole("link", { name: /Tableau/ })).toHaveAttribute("aria-current", "page");
    await page.setViewportSize({ width: 1440, height: 900 });
  });
}

test("links load their page ahead when pointed at or focused, not merely when on screen", async ({ page }) => {
  await login(page, ADMIN);
  const base = await openProject(page);
  // Next's prefetches carry this header; a page view used to fire one per link in sight.
  const isPrefetch = (r: { headers(): Record<string, string> }) => "next-router-prefetch" in r.headers();
  const prefetched: string[] = [];
  page.on("request", (r) => {
    if (isPrefetch(r)) prefetched.push(new URL(r.url()).pathname);
  });
  await page.goto(base);
  await expect(page.getByRole("heading", { level: 1, name: PROJECT })).toBeVisible();
  const tabs = page.getByTestId("project-tabs");
  const intent = async (path: string, act: () => Promise<void>) =>
    // Retried until the page has hydrated and its links listen.
    expect(async () => {
      const seen = page.waitForRequest((r) => isPrefetch(r) && new URL(r.url()).pathname === base + path, { timeout: 2_000 });
      await act();
      await seen;
    }).toPass({ timeout: 20_000 });
  await intent("/tableau", async () => {
    await page.mouse.move(0, 0);
    await tabs.getByRole("link", { name: /^Tableau/ }).hover();
  });
  await intent("/fichiers", () => tabs.getByRole("link", { name: /^Fichiers/ }).focus());
  await page.waitForLoadState("networkidle");
  // Nothing else was fetched ahead: not the other tabs, the sidebar or the quick actions on screen.
  expect([...new Set(prefetched)].sort()).toEqual([base + "/fichiers", base + "/tableau"]);
  // And the hovered page opens.
  await tabs.getByRole("link", { name: /^Tableau/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tableau" })).toBeVisible();
});

test("times read in the viewer's zone; in Paris's the dashboard builds no Intl formatter while loading", async ({ browser }) => {
  const seen: Record<string, { text: string; built: string[]; iso: string }> = {};
  for (const timezoneId of ["Europe/Paris", "Asia/Tokyo"]) {
    const ctx = await browser.newContext({
      baseURL: process.env.E2E_BASE_URL ?? "http://localhost:13000",
      viewport: { width: 1440, height: 900 },
      locale: "fr-FR",
      timezoneId,
    });
    // Counts every Intl formatter the page builds (ICU's data make the first one cost 40–55 ms).
    await ctx.addInitScript(() => {
      const w = window as unknown as { __intlBuilt: string[] };
      w.__intlBuilt = [];
      for (const k of ["DateTimeFormat", "NumberFormat", "RelativeTimeFormat", "PluralRules", "ListFormat"] as const) {
        const Orig = Intl[k] as unknown as new (...a: unknown[]) => object;
        (Intl as unknown as Record<string, unknown>)[k] = new Proxy(Orig, {
          construct(target, args) {
            w.__intlBuilt.push(k);
            return new target(...args);
          },
        });
      }
      for (const m of ["toLocaleString", "toLocaleDateString", "toLocaleTimeString"] as const) {
        const orig = Date.prototype[m];
        Date.prototype[m] = function (this: Date, ...a: unknown[]) {
          w.__intlBuilt.push(`Date.${m}`);
          return (orig as (...x: unknown[]) => string).apply(this, a);
        };
      }
    });
    const page = await ctx.newPage();
    await login(page, ADMIN);
    const base = await openProject(page);
    // Loaded afresh, as a client opening a link would.
    await page.evaluate(() => ((window as unknown as { __intlBuilt: string[] }).__intlBuilt = []));
    await page.goto(base);
    const time = page.getByTestId("last-update").locator("time");
    // Hydrated (React's own key on the element), then everything React had scheduled has run.
    await expect.poll(() => time.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactFiber")))).toBe(true);
    await page.evaluate(() => new Promise<void>((r) => requestIdleCallback(() => r())));
    if (timezoneId === "Asia/Tokyo") await expect(time).not.toHaveText(seen["Europe/Paris"]!.text);
    seen[timezoneId] = {
      text: (await time.textContent()) ?? "",
      iso: (await time.getAttribute("datetime")) ?? "",
      built: await page.evaluate(() => (window as unknown as { __intlBuilt: string[] }).__intlBuilt),
    };
    await ctx.close();
  }
  const hhmm = (iso: string, timeZone: string) => new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(iso));
  const paris = seen["Europe/Paris"]!;
  const tokyo = seen["Asia/Tokyo"]!;
  // The server writes Paris's time; a Paris viewer keeps it, a Tokyo one gets their own.
  expect(paris.text).toContain(hhmm(paris.iso, "Europe/Paris"));
  expect(tokyo.text).toContain(hhmm(tokyo.iso, "Asia/Tokyo"));
  expect(paris.built).toEqual([]);
  expect(tokyo.built).toContain("DateTimeFormat");
});

test("on a phone, the admin's cards below the first screen load when reached, and a click made before is kept", async ({ browser }) => {
  const ctx = await browser.newContext({
    baseURL: process.env.E2E_BASE_URL ?? "http://localhost:13000",
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
  });
  const page = await ctx.newPage();
  await login(page, ADMIN);
  await page.getByTestId("project-list").getByText(PROJECT).click();
  await expect(page.getByRole("heading", { level: 1, name: PROJECT })).toBeVisible();
  const base = new URL(page.url()).pathname;
  const scripts: string[] = [];
  page.on("request", (r) => r.resourceType() === "script" && scripts.push(r.url()));
  await page.goto(base);
  const phases = page.getByTestId("phases");
  const live = (tid: string) => page.getByTestId(tid).evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactFiber")));
  // The page is live (its header's menu answers) and idle…
  await expect.poll(() => page.getByTestId("project-status").evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactFiber")))).toBe(true);
  await page.evaluate(() => new Promise<void>((r) => requestIdleCallback(() => r())));
  // …while the cards below the first screen are the server's HTML only, their code not fetched.
  await expect(phases).toBeAttached();
  expect(await live("phases")).toBe(false);
  expect(await live("approvals")).toBe(false);
  const before = scripts.length;
  // Pressing one of them at once: the click waits for its code and opens the dialog.
  await phases.getByRole("button", { name: "Modifier les phases" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(scripts.length).toBeGreaterThan(before);
  expect(await live("phases")).toBe(true);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  // The admin's panels live in the fold: opened, they come alive once on screen.
  await page.getByRole("button", { name: /Pilotage, notes et clients/ }).click();
  await page.getByTestId("pilot-panel").scrollIntoViewIfNeeded();
  await expect.poll(() => live("pilot-panel")).toBe(true);
  await ctx.close();
});

test("the journal groups by day and folds the board's re-orderings", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, ADMIN);
  const base = await openProject(page);
  const api = `/api/v1/w/${WORKSPACE.slug}/projects/${base.split("/").pop()}`;
  // Re-order the backlog: its second card goes to the top of the same column.
  const moved = await page.evaluate(async (api) => {
    const board = (await (await fetch(`${api}/board?origin=all`)).json()) as { columns: { key: string; tasks: { id: string; title: string }[] | null }[] };
    const task = board.columns.find((c) => c.key === "backlog")!.tasks![1]!;
    const res = await fetch(`${api}/tasks/${task.id}/move`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ column: "backlog" }) });
    return res.ok ? task.title : `failed ${res.status}`;
  }, api);
  expect(moved).not.toMatch(/^failed/);
  await page.goto(`${base}/activite`);
  const today = page.getByTestId("activity-day").first();
  await expect(today.getByRole("heading", { level: 2 })).toHaveText("Aujourd’hui");
  const fold = today.getByTestId("activity-fold");
  await expect(fold).toContainText("1 réorganisation du tableau");
  await expect(fold.getByTestId("activity-entry")).toHaveCount(0);
  await fold.getByRole("button").click();
  await expect(fold.getByTestId("activity-entry")).toContainText(`Tâche « ${moved} » déplacée`);
});

test("an unknown project or a refused page is a real 404 inside the app shell, with a way back", async ({ page }) => {
  await login(page, CLIENT);
  for (const url of [
    `/${WORKSPACE.slug}/projets/00000000-0000-4000-8000-000000000000`,
    `/${WORKSPACE.slug}/projets/00000000-0000-4000-8000-000000000000/tableau`,
    `/${WORKSPACE.slug}/projets/pas-un-uuid`,
    `/${WORKSPACE.slug}/parametres`, // admin only: a client is refused, and nothing says it exists
    `/${WORKSPACE.slug}/nimporte-quoi`,
  ]) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(404);
    await expect(page.getByTestId("not-found")).toBeVisible();
    // Inside the shell: the workspace's sidebar is there.
    await expect(page.getByTestId("sidebar-projects")).toBeVisible();
  }
  await page.screenshot({ path: path.join(__dirname, "artifacts", "61-not-found-1440.png"), fullPage: true });
  await page.getByRole("link", { name: "Retour aux projets" }).click();
  await expect(page).toHaveURL((u) => u.pathname === `/${WORKSPACE.slug}`);
});

test("pages outside a workspace wear the workspace's identity, not the product's", async ({ page }) => {
  await login(page, CLIENT);
  await page.goto("/compte");
  await expect(page.getByRole("banner")).toContainText(WORKSPACE.name);
  await expect(page.getByRole("banner")).not.toContainText("Parvis");
  await expect(page).toHaveTitle(new RegExp(`· ${WORKSPACE.name}$`));
  await page.screenshot({ path: path.join(__dirname, "artifacts", "62-account-branded-1440.png") });
  await page.goto("/espaces");
  await expect(page.getByRole("banner")).toContainText(WORKSPACE.name);
  await expect(page).not.toHaveTitle(/Parvis/);
});

// Menus and sheets render their trigger at once and load Radix on first use
// (issue 10): a keyboard user opens them with Enter or ArrowDown, Escape
// closes them and gives the focus back to the trigger; a pointer opens them
// too, and the phone's navigation is a sheet.
for (const [role, who, name] of [
  ["admin", ADMIN, /Camille Laurent/],
  ["client", CLIENT, /Julie Martin/],
] as const) {
  test(`${role}: the account menu and the phone's navigation open by keyboard and pointer`, async ({ page }) => {
    await login(page, who);
    const account = page.getByRole("button", { name });
    await account.focus();
    await page.keyboard.press("Enter");
    const menu = page.getByRole("menu");
    await expect(menu).toBeVisible();
    await expect(page.getByRole("menuitem", { name: "Se déconnecter" })).toBeVisible();
    await page.screenshot({ path: path.join(__dirname, "artifacts", `70-${role}-account-menu-1440.png`) });
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await expect(account).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(menu).toBeVisible();
    await page.keyboard.press("Escape");
    await account.click();
    await expect(page.getByRole("menuitem", { name: "Se déconnecter" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();

    await page.setViewportSize({ width: 390, height: 844 });
    const burger = page.getByRole("button", { name: /^Ouvrir le menu/ });
    await burger.click();
    const sheet = page.getByRole("dialog", { name: "Navigation principale" });
    await expect(sheet).toBeVisible();
    await expect(sheet.getByRole("link", { name: PROJECT })).toBeVisible();
    await page.screenshot({ path: path.join(__dirname, "artifacts", `70-${role}-phone-nav-390.png`) });
    await page.keyboard.press("Escape");
    await expect(sheet).toBeHidden();
    await expect(burger).toBeFocused();
  });
}
