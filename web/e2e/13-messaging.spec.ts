import { expect, test, type Page } from "@playwright/test";
import { ADMIN, CLIENT, open, shots } from "./helpers";

// One conversation (issue 13), admin and client in two browsers at once: the
// client sends a message with an image; the admin, on the project's overview,
// sees the Messages tab's unread badge appear live, opens the thread (the
// « Nouveaux messages » divider, the image) and answers; the client's open
// page shows the answer live, and the admin sees « Vu par le client ». The
// draft survives a reload. Screenshots at 1440 and 390 px, both roles.
test.describe.configure({ mode: "serial" });

const PROJECT = "Refonte du site";
const suffix = Date.now().toString(36);
const FROM_CLIENT = `Voici la capture du menu ${suffix}`;
const FROM_ADMIN = `Merci, on corrige ça **aujourd’hui** ${suffix}`;
// A real 24×16 PNG: the server sniffs the bytes.
const SCREENSHOT = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAIAAACDRijCAAAClUlEQVR4nBXSERuGMBiF4XEyicfJJB4nk/jhZBKPk0k8TibxOJnE42TS7/j63h9wX+c65xUC0SF6hEIMiBFhEBNiRoBYECvCIzbEjoiIA3EiMuJC3IiKeBAvQghkh+yRCjkgR6RBTsgZCXJBrkiP3JA7MiIP5InMyAt5IyvyQb7ID1Idqkcp1IAaUQY1oWYUqAW1ojxqQ+2oiDpQJyqjLtSNqqgH9aI+SHfoHq3QA3pEG/SEntGgF/SK9ugNvaMj+kCf6Iy+0De6oh/0i/4g02F6jMIMmBFjMBNmxoBZMCvGYzbMjomYA3NiMubC3JiKeTAv5oNsh+2xCjtgR6zBTtgZC3bBrliP3bA7NmIP7InN2At7Yyv2wb7YD6KDnn8lA4z8k0ww878FVvCwwQ4RDjghwwU3VHjg/QYWuA7X4xRuwI04g5twMw7cgltxHrfhdlzEHbgTl3EX7sZV3IN7cR/kO3yPV/gBP+INfsLP/xx+wa94j9/wOz7iD/yJz/gLf+Mr/sG/+A8KHaEnKMJAGAmGMBFmAoSFsBI8YSPshEg4CCchEy7CTaiEh/ASPih2xJ6oiANxJBriRJz/hcSFuBI9cSPuxEg8iCcxEy/iTazEh/gSPyh1pJ6kSANpJBnSRJpJkBbSSvKkjbSTIukgnaRMukg3qZIe0kv6oNyRe7IiD+SRbMgTef4vkxfySvbkjbyTI/kgn+RMvsg3uZIf8kv+oNJReoqiDJSRYigTZaZAWSgrxVM2yk6JlINyUjLlotyUSnkoL+WDakftqYo6UEeqoU7U+f8idaGuVE/dqDs1Ug/qSc3Ui3pTK/WhvtQPah2tpynaQBtphjbRZhq0hbbSPG2j7bRIO2gnLdMu2k2rtIf20n7uE9xQgZIx8QAAAABJRU5ErkJggg==",
  "base64",
);

function messagesTab(page: Page) {
  return page.getByTestId("project-tabs").getByRole("link", { name: /^Messages/ });
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

test("the client sends a message with an image; the admin sees the badge live", async () => {
  test.setTimeout(180_000);
  await messagesTab(client).click();
  await expect(client.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
  const input = client.getByTestId("composer-input");
  await input.fill(FROM_CLIENT);
  await client.getByTestId("attach-input").setInputFiles({ name: "menu.png", mimeType: "image/png", buffer: SCREENSHOT });
  await expect(client.getByTestId("attached")).toContainText("menu.png");
  // Enter sends (Shift+Enter would add a line).
  await input.press("Enter");
  const mine = client.getByTestId("message").filter({ hasText: FROM_CLIENT });
  await expect(mine).toHaveAttribute("data-mine", "true");
  await expect(mine.getByTestId("attachments")).toContainText("menu.png");
  await expect(input).toHaveValue("");

  // The admin stayed on the overview: the badge comes without a reload.
  await expect(messagesTab(admin)).toContainText(/\d/, { timeout: 10_000 });
  await expect(messagesTab(admin)).toContainText("non lus");
});

test("the admin reads and answers; the client sees it live, then « Vu par le client »", async () => {
  test.setTimeout(180_000);
  await messagesTab(admin).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
  await expect(admin.getByTestId("new-divider")).toBeVisible();
  const theirs = admin.getByTestId("message").filter({ hasText: FROM_CLIENT });
  await expect(theirs).toHaveAttribute("data-mine", "false");
  await expect(theirs.getByTestId("attachments")).toContainText("menu.png");
  // Read: the badge goes.
  await expect(messagesTab(admin)).not.toContainText("non lus", { timeout: 10_000 });
  await shots(admin, "130-messages-admin");

  await admin.getByTestId("composer-input").fill(FROM_ADMIN);
  await admin.getByTestId("send").click();
  const answer = FROM_ADMIN.replace(/\*\*/g, "");
  await expect(admin.getByTestId("message").filter({ hasText: answer })).toHaveAttribute("data-mine", "true");

  // The client's page, open all along, shows it without a reload.
  const received = client.getByTestId("message").filter({ hasText: answer });
  await expect(received).toBeVisible({ timeout: 10_000 });
  await expect(received.locator("strong")).toHaveText("aujourd’hui");
  // The client read it: the admin sees « Vu par le client » live.
  await expect(admin.getByTestId("message").filter({ hasText: answer }).getByTestId("seen-by-client")).toBeVisible({ timeout: 10_000 });
  await shots(client, "131-messages-client");
});

test("the draft survives a reload; markup stays text", async () => {
  test.setTimeout(120_000);
  const input = client.getByTestId("composer-input");
  await input.fill("Brouillon <script>alert(1)</script>");
  await input.press("Shift+Enter");
  await input.pressSequentially("ligne 2");
  await client.reload();
  await expect(client.getByTestId("composer-input")).toHaveValue("Brouillon <script>alert(1)</script>\nligne 2");
  await client.getByTestId("send").click();
  // Raw HTML is never rendered: the tag is dropped, its text stays inert.
  const sent = client.getByTestId("message").filter({ hasText: "ligne 2" });
  await expect(sent).toContainText("Brouillon alert(1)");
  await expect(sent.locator("script")).toHaveCount(0);
  await expect(client.getByTestId("composer-input")).toHaveValue("");
});
