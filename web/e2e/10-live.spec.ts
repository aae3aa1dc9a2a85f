import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { ADMIN, CLIENT, open, shot, shots } from "./helpers";

// The live portal (issue 13), admin and client in two browsers at once, no
// reload on the watching side: the admin drags a card and the client's board
// moves it; the admin fixes the project's status and the client's dashboard
// shows it; the admin writes and the client's navigation shows the unread
// badges (project and workspace total; on phones, on the menu button). On a
// phone, the message composer stays above the bottom tab bar.
// Screenshots at 1440 and 390 px, both roles.
test.describe.configure({ mode: "serial" });

const PROJECT = "Refonte du site";
const MOVED = "Formulaire de contact";
const suffix = Date.now().toString(36);

function tab(page: Page, name: RegExp) {
  return page.getByTestId("project-tabs").getByRole("link", { name });
}

function column(page: Page, key: string) {
  return page.getByTestId(`column-${key}`);
}

function card(page: Page, title: string) {
  return page.getByTestId("task-card").filter({ hasText: title });
}

/** Drags a card by its handle, as 05-work.spec.ts does (dnd-kit needs several moves). */
async function drag(page: Page, from: Locator, to: Locator, overColumn: string) {
  await expect(page.locator('[data-testid="board"][data-ready]')).toHaveCount(1);
  const handle = from.getByTestId("drag-handle");
  await handle.hover();
  const a = (await handle.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 8, a.y + a.height / 2 + 8, { steps: 4 });
  const cards = to.getByTestId("task-card");
  const last = (await cards.count()) > 0 ? await cards.last().boundingBox() : null;
  const b = (await to.boundingBox())!;
  const y = last ? last.y + last.height + 20 : b.y + 80;
  await page.mouse.move(b.x + b.width / 2, y, { steps: 12 });
  await expect(page.locator('[id^="DndLiveRegion"]')).toContainText(`au-dessus de la colonne ${overColumn}`);
  await page.mouse.move(b.x + b.width / 2, y + 2, { steps: 2 });
  await page.mouse.up();
}

/** The page was not reloaded: a marker set in the window survives. */
async function mark(page: Page) {
  await page.evaluate(() => ((window as unknown as { __live: boolean }).__live = true));
}
async function notReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __live?: boolean }).__live)).toBe(true);
}

let client: Page;
let admin: Page;

test.beforeAll(async ({ browser }) => {
  client = await open(browser, CLIENT, PROJECT);
  admin = await open(browser, ADMIN, PROJECT);
});

// Close both browsers: a page left open on a thread would keep reading
// (and marking read) what the next spec's people send.
test.afterAll(async () => {
  await client?.context().close();
  await admin?.context().close();
});

test("the admin drags a card; the client's board moves it live", async () => {
  test.setTimeout(180_000);
  for (const page of [admin, client]) {
    await tab(page, /^Tableau/).click();
    await expect(page.getByRole("heading", { level: 1, name: "Tableau" })).toBeVisible();
    await expect(page.locator('[data-testid="board"][data-ready]')).toHaveCount(1);
  }
  await expect(column(client, "backlog").getByTestId("task-card").filter({ hasText: MOVED })).toHaveCount(1);
  await mark(client);

  await drag(admin, card(admin, MOVED), column(admin, "in_progress"), "En cours");
  await expect(column(admin, "in_progress").getByTestId("task-card").filter({ hasText: MOVED })).toHaveCount(1);

  // The client's board, open all along, follows.
  await expect(column(client, "in_progress").getByTestId("task-card").filter({ hasText: MOVED })).toHaveCount(1, { timeout: 10_000 });
  await expect(column(client, "backlog").getByTestId("task-card").filter({ hasText: MOVED })).toHaveCount(0);
  await notReloaded(client);
  await shots(admin, "100-live-board-admin");
  await shots(client, "101-live-board-client");
});

test("the admin fixes the status; the client's dashboard shows it live", async () => {
  test.setTimeout(180_000);
  for (const page of [admin, client]) {
    await page.getByTestId("project-tabs").getByRole("link", { name: /^Vue d’ensemble/ }).click();
    await expect(page.getByTestId("project-status")).toBeVisible();
  }
  await expect(client.getByTestId("project-status")).not.toContainText("Terminé");
  await mark(client);

  // From the desktop width up, the admin's panels are open.
  const pilot = admin.getByTestId("pilot-panel");
  await pilot.getByLabel("État affiché").selectOption("done");
  await pilot.getByRole("button", { name: "Enregistrer" }).click();
  await expect(admin.getByTestId("project-status")).toContainText("Terminé", { timeout: 10_000 });

  await expect(client.getByTestId("project-status")).toContainText("Terminé", { timeout: 10_000 });
  await notReloaded(client);
  await shots(client, "102-live-status-client");

  // Back to automatic, for the next steps.
  await pilot.getByLabel("État affiché").selectOption("auto");
  await pilot.getByRole("button", { name: "Enregistrer" }).click();
  await expect(client.getByTestId("project-status")).not.toContainText("Terminé", { timeout: 10_000 });
});

test("the admin writes; the client's navigation shows the unread badges live", async () => {
  test.setTimeout(180_000);
  const nav = client.getByRole("complementary").getByTestId("sidebar-projects");
  const badge = nav.getByRole("link", { name: new RegExp(PROJECT) }).getByTestId("sidebar-unread");
  await expect(badge).toHaveCount(0);
  await mark(client);

  await tab(admin, /^Messages/).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
  await admin.getByTestId("composer-input").fill(`La mise en ligne est prévue jeudi ${suffix}`);
  await admin.getByTestId("send").click();
  await expect(admin.getByTestId("message").filter({ hasText: suffix })).toHaveAttribute("data-mine", "true");

  // Sidebar: the project's badge and the workspace total, without reload.
  await expect(badge).toContainText("1 non lus", { timeout: 10_000 });
  await expect(client.getByRole("complementary").getByTestId("sidebar-unread-total")).toContainText("1");
  await notReloaded(client);
  await shot(client, "103-live-unread-client-1440");

  // Phones: the total rides on the menu button.
  await client.setViewportSize({ width: 390, height: 844 });
  await expect(client.getByTestId("menu-unread-total")).toContainText("1");
  await shot(client, "103-live-unread-client-390");
  await client.setViewportSize({ width: 1440, height: 900 });
  await shots(admin, "104-live-message-admin");

  // Reading the thread clears them, live again.
  await tab(client, /^Messages/).click();
  await expect(client.getByTestId("message").filter({ hasText: suffix })).toBeVisible();
  await expect(badge).toHaveCount(0, { timeout: 10_000 });
  await expect(client.getByRole("complementary").getByTestId("sidebar-unread-total")).toHaveCount(0);
});

test("on a phone, the composer stays above the bottom tab bar", async () => {
  test.setTimeout(180_000);
  for (const [page, who] of [
    [client, "client"],
    [admin, "admin"],
  ] as const) {
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
    const composer = page.getByTestId("composer");
    await composer.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const bar = (await page.getByTestId("project-tabbar").boundingBox())!;
    const parts: [string, Locator][] = [
      ["the text field", page.getByTestId("composer-input")],
      ["the send button", page.getByTestId("send")],
      ["the drop zone", composer.locator(".border-dashed")],
      ["the attach button", composer.getByRole("button", { name: "parcourez" })],
    ];
    for (const [what, part] of parts) {
      await expect(part).toBeVisible();
      const box = (await part.boundingBox())!;
      expect(box.y + box.height, `${who}: the bottom of ${what} is above the tab bar`).toBeLessThanOrEqual(bar.y);
    }
    // What the phone shows (not the full page): the composer above the bar.
    await page.screenshot({ path: path.join(__dirname, "artifacts", `105-live-composer-${who}-390-viewport.png`) });
    await shot(page, `105-live-composer-${who}-390`);
    await page.setViewportSize({ width: 1440, height: 900 });
  }
});
