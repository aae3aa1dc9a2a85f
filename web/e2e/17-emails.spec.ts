import path from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import { ADMIN, CLIENT, WORKSPACE, login, shot } from "./helpers";

// Emails (issue 14): three rendered emails at desktop and phone widths
// (from the dev previews: sample data, the demo workspace's branding), the
// /dev/mail previews page, and a bounce that warns the admin on the member
// until they resume sending.
test.describe.configure({ mode: "serial", timeout: 180_000 });

type Preview = { name: string; subject: string; html: string; text: string; workspaceName: string };

const EMAILS = [
  { name: "payment.requested", locale: "fr", button: "Voir et payer", heading: "Un paiement vous est demandé" },
  { name: "coalesced.messages", locale: "fr", button: "Lire les messages", heading: "3 nouveaux messages" },
  { name: "digest", locale: "en", button: "Open the portal", heading: "Your daily summary" },
] as const;

async function render(browser: Browser, p: Preview, file: string) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const view = await ctx.newPage();
  await view.setContent(p.html);
  for (const width of [1440, 390]) {
    await view.setViewportSize({ width, height: width === 1440 ? 900 : 844 });
    // Visible content: the workspace, the heading, the button; never the product.
    await expect(view.getByText(WORKSPACE.name, { exact: true }).first()).toBeVisible();
    await expect(view.getByRole("link", { name: EMAILS.find((e) => e.name === p.name)!.button })).toBeVisible();
    await expect(view.locator("body")).not.toContainText("Parvis");
    // Nothing wider than the screen.
    expect(await view.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await view.screenshot({ path: path.join(__dirname, "artifacts", `${file}-${width}.png`), fullPage: true });
  }
  await ctx.close();
}

test("three emails, rendered as a mail client shows them, at 1440 and 390 px", async ({ page, browser }) => {
  for (const e of EMAILS) {
    const res = await page.request.get(`/api/v1/dev/mail/preview?name=${encodeURIComponent(e.name)}&locale=${e.locale}`);
    expect(res.status()).toBe(200);
    const p = (await res.json()) as Preview;
    expect(p.workspaceName).toBe(WORKSPACE.name);
    expect(p.html).toContain(e.heading);
    expect(p.text).toContain(WORKSPACE.name);
    expect(p.subject + p.text + p.html).not.toContain("Parvis");
    await render(browser, p, `17-email-${e.name.replace(/\W+/g, "-")}-${e.locale}`);
  }
});

test("the dev mailbox previews every template, in French and English, desktop and phone", async ({ page }) => {
  await page.goto("/dev/mail");
  await page.getByRole("link", { name: "Modèles" }).click();
  await page.waitForURL("**/dev/mail?apercu=1");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "payment.requested", exact: true }).click();
  await expect(page.getByTestId("preview-subject")).toContainText("Paiement demandé");
  const frame = page.frameLocator('[data-testid="preview-frame"]');
  await expect(frame.getByText(WORKSPACE.name, { exact: true }).first()).toBeVisible();
  await expect(frame.getByRole("link", { name: "Voir et payer" })).toBeVisible();
  await shot(page, "17-previews-1440");

  await page.getByRole("button", { name: "EN", exact: true }).click();
  await expect(page.getByTestId("preview-subject")).toContainText("Payment requested");
  await expect(frame.getByRole("link", { name: "View and pay" })).toBeVisible();
  await page.getByRole("button", { name: "Téléphone" }).click();
  await expect(page.getByTestId("preview-frame")).toHaveCSS("width", "390px");
  await page.getByRole("button", { name: "Texte" }).click();
  await expect(page.getByTestId("preview-text")).toContainText("View and pay : ");

  // Every template has its entry (notifications, digest, account emails).
  for (const name of ["request.created", "payment.received/client", "task.blocked", "digest", "password_reset", "invitation"]) {
    await expect(page.getByRole("button", { name, exact: true })).toBeVisible();
  }
  await page.getByRole("button", { name: "HTML" }).click();
  await page.getByRole("button", { name: "password_reset", exact: true }).click();
  await expect(page.getByTestId("preview-subject")).toContainText("Reset your password");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "17-previews-390");
  await page.setViewportSize({ width: 1440, height: 900 });
});

test("a hard bounce warns the admin on the member until they resume sending", async ({ page, browser }) => {
  await login(page, ADMIN);
  // Something for the client, so that the workspace emailed the address.
  const projects = (await (await page.request.get(`/api/v1/w/${WORKSPACE.slug}/projects`)).json()) as { projects: { id: string; name: string }[] };
  const project = projects.projects[0]!;
  const title = `Maquette rebond ${Date.now().toString(36)}`;
  const created = await page.request.post(`/api/v1/w/${WORKSPACE.slug}/projects/${project.id}/approvals`, { data: { kind: "maquette", title } });
  expect(created.status()).toBe(201);
  await expect
    .poll(async () => {
      const body = (await (await page.request.get("/api/v1/dev/mail")).json()) as { messages: { to: string; subject: string }[] | null };
      return (body.messages ?? []).some((m) => m.subject.includes(title));
    }, { timeout: 30_000 })
    .toBe(true);

  // Postmark's webhook: refused without the secret, taken with it.
  const bounce = { RecordType: "Bounce", Type: "HardBounce", Email: CLIENT.email, Description: "Unknown user: the mailbox does not exist." };
  const anon = await browser.newContext();
  expect((await anon.request.post("/api/v1/webhooks/mail/postmark", { data: bounce })).status()).toBe(401);
  const ok = await anon.request.post("/api/v1/webhooks/mail/postmark", {
    data: bounce,
    headers: { "X-Parvis-Webhook-Secret": "e2e-bounce-secret-0123456789abcdef" },
  });
  expect(ok.status()).toBe(200);
  await anon.close();

  await page.goto(`/${WORKSPACE.slug}/parametres`);
  const member = page.getByTestId("member").filter({ hasText: CLIENT.email });
  await expect(member.getByText(/Adresse en échec\s: les e-mails ne sont plus envoyés/)).toBeVisible();
  await expect(member.getByText(/L’adresse n’existe pas ou refuse les messages · depuis le/)).toBeVisible();
  await expect(member.getByText("Unknown user: the mailbox does not exist.")).toBeVisible();
  await shot(page, "17-member-bounced-1440");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "17-member-bounced-390");
  await page.setViewportSize({ width: 1440, height: 900 });

  await member.getByRole("button", { name: "Réactiver les envois" }).click();
  await expect(page.getByText(`Les e-mails seront de nouveau envoyés à ${CLIENT.email}`)).toBeVisible();
  await expect(member.getByText(/Adresse en échec/)).toHaveCount(0);
});
