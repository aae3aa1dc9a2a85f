import { expect, test, type Page } from "@playwright/test";
import { ADMIN, CLIENT, WORKSPACE, open, shot, shots } from "./helpers";

// The notification bell (issue 14, in-app), admin and client in two
// browsers at once: the admin writes to the client; the client's bell,
// on the projects page all along, shows the new count without a reload;
// opening it lists the message, a click lands on the conversation and the
// count goes down. Then the client writes back: the admin's bell lights
// up, and « Tout marquer comme lu » empties the badge. The full page,
// with its « Préférences » tab. Screenshots at 1440 and 390 px, both roles.
test.describe.configure({ mode: "serial" });

const PROJECT = "Refonte du site";
const suffix = Date.now().toString(36);
const FROM_ADMIN = `Le nouveau menu est en ligne ${suffix}`;
const FROM_CLIENT = `Parfait, merci ${suffix}`;

function bell(page: Page) {
  return page.getByTestId("notification-bell");
}

/** The bell's count once it is known. */
async function unread(page: Page) {
  await expect(bell(page)).toHaveAttribute("data-ready", "true");
  return Number(await bell(page).getAttribute("data-unread"));
}

/** Writes in the project's conversation from the page's current screen. */
async function write(page: Page, text: string) {
  await page.goto(`/${WORKSPACE.slug}`);
  await page.getByTestId("project-list").getByText(PROJECT).click();
  await expect(page.getByRole("heading", { level: 1, name: PROJECT })).toBeVisible();
  await page.getByTestId("project-tabs").getByRole("link", { name: /^Messages/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
  await page.getByTestId("composer-input").fill(text);
  await page.getByTestId("send").click();
  await expect(page.getByTestId("message").filter({ hasText: text })).toHaveAttribute("data-mine", "true");
}

/** Popover open: at 1440 px, then at 390 px (reopened: the layout changes). */
async function shotsOpen(page: Page, name: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(page.getByTestId("inbox-item").first()).toBeVisible();
  await shot(page, `${name}-1440`);
  await page.keyboard.press("Escape");
  await page.setViewportSize({ width: 390, height: 844 });
  await bell(page).click();
  await expect(page.getByTestId("inbox-item").first()).toBeVisible();
  await shot(page, `${name}-390`);
  await page.keyboard.press("Escape");
  await page.setViewportSize({ width: 1440, height: 900 });
  await bell(page).click();
  await expect(page.getByTestId("inbox-item").first()).toBeVisible();
}

let client: Page;
let admin: Page;

test.beforeAll(async ({ browser }) => {
  client = await open(browser, CLIENT);
  admin = await open(browser, ADMIN);
});

// Close both browsers: a page left open on a thread would keep reading
// (and marking read) what the next spec's people send.
test.afterAll(async () => {
  await client?.context().close();
  await admin?.context().close();
});

test("the admin writes; the client's bell counts it live, opens it and lands on the message", async () => {
  test.setTimeout(180_000);
  const before = await unread(client);
  await write(admin, FROM_ADMIN);

  // No reload: the live stream brings the new count.
  await expect(bell(client)).toHaveAttribute("data-unread", String(before + 1), { timeout: 15_000 });
  await expect(client.getByTestId("notification-badge")).toHaveText(before + 1 > 9 ? "9+" : String(before + 1));
  await expect(bell(client)).toHaveAccessibleName(before + 1 === 1 ? "Notifications, 1 non lue" : `Notifications, ${before + 1} non lues`);

  // Keyboard: focus the bell, Enter opens it.
  await bell(client).focus();
  await client.keyboard.press("Enter");
  const item = client.getByTestId("inbox-item").filter({ hasText: FROM_ADMIN });
  await expect(item).toBeVisible();
  await expect(item).toHaveAttribute("data-read", "false");
  await expect(item).toContainText("vous a écrit");
  await expect(item).toContainText(PROJECT);
  await expect(item).toContainText("à l’instant");
  await shotsOpen(client, "160-bell-client");

  await client.getByTestId("inbox-item").filter({ hasText: FROM_ADMIN }).click();
  await client.waitForURL(/\/projets\/[^/]+\/messages$/);
  await expect(client.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
  await expect(client.getByTestId("message").filter({ hasText: FROM_ADMIN })).toBeVisible();
  await expect(bell(client)).toHaveAttribute("data-unread", String(before), { timeout: 15_000 });
});

test("the client answers; the admin's bell lights up and « Tout marquer comme lu » clears it", async () => {
  test.setTimeout(180_000);
  await admin.goto(`/${WORKSPACE.slug}`);
  const before = await unread(admin);
  await client.getByTestId("composer-input").fill(FROM_CLIENT);
  await client.getByTestId("send").click();
  await expect(client.getByTestId("message").filter({ hasText: FROM_CLIENT })).toHaveAttribute("data-mine", "true");

  await expect(bell(admin)).toHaveAttribute("data-unread", String(before + 1), { timeout: 15_000 });
  await bell(admin).click();
  const item = admin.getByTestId("inbox-item").filter({ hasText: FROM_CLIENT });
  await expect(item).toBeVisible();
  await expect(item).toHaveAttribute("data-read", "false");
  await shotsOpen(admin, "161-bell-admin");

  await admin.getByRole("button", { name: "Tout marquer comme lu" }).click();
  await expect(bell(admin)).toHaveAttribute("data-unread", "0", { timeout: 15_000 });
  await expect(admin.getByTestId("notification-badge")).toHaveCount(0);
  await expect(bell(admin)).toHaveAccessibleName("Notifications");
  await expect(admin.getByTestId("inbox-item").filter({ hasText: FROM_CLIENT })).toHaveAttribute("data-read", "true");
  await expect(admin.getByRole("button", { name: "Tout marquer comme lu" })).toBeDisabled();
  await expect(admin.locator('[data-testid="inbox-item"][data-read="false"]')).toHaveCount(0);

  // « Voir tout »: the full page, and its preferences tab.
  await admin.getByRole("link", { name: "Voir tout" }).click();
  await admin.waitForURL(`**/${WORKSPACE.slug}/notifications`);
  await expect(admin.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(admin.getByRole("link", { name: "Activité" })).toHaveAttribute("aria-current", "page");
  await expect(admin.getByTestId("inbox-item").filter({ hasText: FROM_CLIENT })).toBeVisible();
  await shots(admin, "162-notifications-page-admin");
  await admin.getByRole("button", { name: "Non lues" }).click();
  await expect(admin.getByText("Vous êtes à jour")).toBeVisible();
  await admin.getByRole("link", { name: "Préférences" }).click();
  await admin.waitForURL(`**/${WORKSPACE.slug}/notifications/preferences`);
  await expect(admin.getByRole("combobox", { name: "Messages" })).toBeVisible();
});

test("the client's full page lists what he was told, read", async () => {
  test.setTimeout(120_000);
  await client.goto(`/${WORKSPACE.slug}/notifications`);
  await expect(client.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const item = client.getByTestId("inbox-item").filter({ hasText: FROM_ADMIN });
  await expect(item).toHaveAttribute("data-read", "true");
  // Never his own message.
  await expect(client.getByTestId("inbox-item").filter({ hasText: FROM_CLIENT })).toHaveCount(0);
  await shots(client, "163-notifications-page-client");
});
