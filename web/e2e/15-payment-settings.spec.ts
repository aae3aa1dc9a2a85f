import { expect, test, type Page } from "@playwright/test";
import { ADMIN, CLIENT, WORKSPACE, expectAccessible, login } from "./helpers";
import path from "node:path";

// The admin's payment settings (issue 12): which mode is on, the webhook to
// create in Stripe, a key pasted wrong refused by a test call (stripe-mock
// stands in for Stripe in the e2e stack) with nothing saved, a key that
// works, and disconnecting back to the simulated provider. The client
// never sees the page.
test.describe.configure({ mode: "serial", timeout: 120_000 });

const SETTINGS = `/${WORKSPACE.slug}/parametres/paiements`;

async function shotAt(page: Page, name: string, width: number) {
  const previous = page.viewportSize();
  await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
  await expectAccessible(page, name);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(__dirname, "artifacts", `${name}-${width}.png`), fullPage: true });
  if (previous) await page.setViewportSize(previous);
}

async function openSettings(page: Page) {
  await page.goto(`/${WORKSPACE.slug}/parametres`);
  await expect(page.getByRole("heading", { level: 1, name: "Paramètres de l’espace" })).toBeVisible();
  await page.getByRole("navigation", { name: "Paramètres" }).getByRole("link", { name: "Paiements" }).click();
  await page.waitForURL(`**${SETTINGS}`);
  await expect(page.getByTestId("payment-mode")).toBeVisible();
}

test("the admin sees the simulated mode and the webhook to create", async ({ page }) => {
  await login(page, ADMIN);
  await openSettings(page);
  const mode = page.getByTestId("payment-mode");
  await expect(mode).toHaveAttribute("data-mode", "simulated");
  await expect(mode).toContainText("Simulation");
  await expect(mode).toContainText("page de paiement simulée");
  await expect(page.getByTestId("key-status")).toHaveText("Non configurée");
  const webhook = page.getByTestId("webhook-url");
  await expect(webhook).toHaveText(/^http:\/\/localhost:\d+\/api\/v1\/webhooks\/stripe\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("api-version")).toHaveText(/dahlia/);
  const events = page.getByTestId("webhook-events");
  for (const e of ["checkout.session.completed", "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed", "checkout.session.expired", "charge.refunded"]) {
    await expect(events).toContainText(e);
  }
  await expect(page.getByRole("button", { name: "Déconnecter" })).toHaveCount(0);
  await shotAt(page, "15-payment-settings-simulated", 1440);
  await shotAt(page, "15-payment-settings-simulated", 390);
});

test("a key pasted wrong is refused with a clear message and nothing is saved", async ({ page }) => {
  await login(page, ADMIN);
  await page.goto(SETTINGS);
  await page.getByLabel("Clé secrète Stripe").fill("sk_test_copie_tronquee");
  await page.getByLabel("Secret de signature du webhook").fill("whsec_demo");
  await page.getByRole("button", { name: "Connecter Stripe" }).click();
  await expect(page.getByText("Stripe a refusé cette clé")).toBeVisible();
  await shotAt(page, "15-payment-settings-wrong-key", 1440);
  await page.reload();
  await expect(page.getByTestId("payment-mode")).toHaveAttribute("data-mode", "simulated");
  await expect(page.getByTestId("key-status")).toHaveText("Non configurée");

  // A publishable key is not even sent to Stripe.
  await page.getByLabel("Clé secrète Stripe").fill("pk_test_4242");
  await page.getByRole("button", { name: "Connecter Stripe" }).click();
  await expect(page.getByText("la clé publiable (pk_…) ne convient pas")).toBeVisible();
  await shotAt(page, "15-payment-settings-wrong-key", 390);
});

test("a working restricted key connects Stripe in test mode; secrets are never shown", async ({ page }) => {
  await login(page, ADMIN);
  await page.goto(SETTINGS);
  await page.getByLabel("Clé secrète Stripe").fill("rk_test_51DemoKey4242");
  await page.getByLabel("Secret de signature du webhook").fill("whsec_demoSecret9876");
  await page.getByLabel("Émettre une facture Stripe pour chaque paiement").check();
  await page.getByRole("button", { name: "Connecter Stripe" }).click();
  await expect(page.getByText("Compte Stripe connecté")).toBeVisible();
  const mode = page.getByTestId("payment-mode");
  await expect(mode).toHaveAttribute("data-mode", "stripe");
  await expect(mode).toHaveAttribute("data-key-mode", "test");
  await expect(mode).toContainText("mode test");
  await expect(page.getByTestId("key-status")).toHaveText("Configurée · se termine par …4242");
  await expect(page.getByTestId("webhook-status")).toHaveText("Configuré");
  await expect(page.getByLabel("Émettre une facture Stripe pour chaque paiement")).toBeChecked();
  const html = await page.content();
  expect(html).not.toContain("rk_test_51DemoKey4242");
  expect(html).not.toContain("whsec_demoSecret9876");
  await shotAt(page, "15-payment-settings-stripe", 1440);
  await shotAt(page, "15-payment-settings-stripe", 390);

  // Disconnected: back to the simulated provider (other specs pay there).
  await page.getByRole("button", { name: "Déconnecter" }).click();
  const dialog = page.getByRole("dialog", { name: "Déconnecter le compte Stripe ?" });
  await expect(dialog).toContainText("repasse en paiement simulé");
  await dialog.getByRole("button", { name: "Déconnecter" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("payment-mode")).toHaveAttribute("data-mode", "simulated");
  await expect(page.getByTestId("key-status")).toHaveText("Non configurée");
});

test("the client never sees the page", async ({ page }) => {
  await login(page, CLIENT);
  const r = await page.goto(SETTINGS);
  expect(r?.status()).toBe(404);
  await expect(page.getByTestId("payment-mode")).toHaveCount(0);
  const api = await page.request.get(`/api/v1/w/${WORKSPACE.slug}/payment-settings`);
  expect([403, 404]).toContain(api.status());
});
