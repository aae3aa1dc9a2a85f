import { expect, test, type Page } from "@playwright/test";
import { ADMIN, CLIENT, login, phoneShot, shot } from "./helpers";

// One story, in order, on the simulated provider (no Stripe key in the e2e
// stack): the admin asks for money, the client pays (or fails), and both
// see what the webhook decided.
test.describe.configure({ mode: "serial", timeout: 180_000 });

const PROJECT = "Refonte du site";
const ACOMPTE = "Acompte 30 %";
const JALON = "Jalon maquette";
const SOLDE = "Solde final";
const money = (s: string) => new RegExp(s.replace(/ /g, "\\s").replace(",", ","));
const BUDGET = 400_000;
// What earlier specs already had paid on the project (a priced request in
// 11-requests): the totals below are relative to it.
let paidBefore = 0;

/** Cents as the page writes them (« 3 520,00 € »). */
function eur(cents: number) {
  const [int = "", dec = ""] = (cents / 100).toFixed(2).split(".");
  return money(`${int.replace(/\B(?=(\d{3})+(?!\d))/g, " ")},${dec} €`);
}

async function paidCents(page: Page) {
  const text = (await page.getByTestId("summary-paid").textContent()) ?? "";
  const m = text.replace(/\s/g, "").match(/(\d+),(\d{2})€/);
  if (!m) throw new Error(`no amount in « ${text} »`);
  return Number(m[1]) * 100 + Number(m[2]);
}

async function openPayments(page: Page) {
  await page.getByTestId("sidebar-projects").getByRole("link", { name: PROJECT }).click();
  await expect(page.getByRole("heading", { level: 1, name: PROJECT })).toBeVisible();
  await page.getByTestId("project-tabs").getByRole("link", { name: /^Paiements/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Paiements" })).toBeVisible();
}

function payment(page: Page, title: string) {
  return page.getByTestId("payment").filter({ hasText: title });
}

async function requestPayment(page: Page, v: { kind: string; title: string; amount: string; due?: string }) {
  await page.getByRole("button", { name: "Demander un paiement" }).click();
  const dialog = page.getByRole("dialog", { name: "Demander un paiement" });
  await dialog.getByLabel("Type").selectOption({ label: v.kind });
  await dialog.getByLabel("Intitulé").fill(v.title);
  await dialog.getByLabel("Montant (€)").fill(v.amount);
  if (v.due) await dialog.getByLabel("Échéance (facultatif)").fill(v.due);
  await dialog.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(dialog).toBeHidden();
  await expect(payment(page, v.title)).toBeVisible();
}

test("the admin sets a budget and asks for payments", async ({ page }) => {
  await login(page, ADMIN);
  await openPayments(page);
  await page.getByLabel("Budget du projet (€)").fill("4000");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByTestId("payment-summary")).toContainText(money("4 000,00 €"));
  paidBefore = await paidCents(page);
  await expect(page.getByTestId("summary-remaining")).toContainText(eur(BUDGET - paidBefore));

  // A bad amount is refused before anything is sent.
  await page.getByRole("button", { name: "Demander un paiement" }).click();
  const dialog = page.getByRole("dialog", { name: "Demander un paiement" });
  await dialog.getByLabel("Intitulé").fill("Trop précis");
  await dialog.getByLabel("Montant (€)").fill("12,345");
  await dialog.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(dialog.getByText(/au plus deux décimales/)).toBeVisible();
  await dialog.getByRole("button", { name: "Annuler" }).click();

  await requestPayment(page, { kind: "Acompte", title: ACOMPTE, amount: "1200" });
  // Due yesterday: Parvis's due-date job marks it « Expiré ».
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await requestPayment(page, { kind: "Jalon", title: JALON, amount: "500", due: yesterday });
  await requestPayment(page, { kind: "Solde", title: SOLDE, amount: "300,50" });
  await expect(payment(page, ACOMPTE)).toContainText("En attente");
  await expect(page.getByTestId("summary-pending")).toContainText(/\d/);
  await expect
    .poll(async () => {
      await page.reload();
      return payment(page, JALON).getAttribute("data-status");
    })
    .toBe("expired");
  await expect(payment(page, JALON)).toContainText("Expiré");
  await shot(page, "120-admin-payments");
});

test("the client pays the acompte on the simulated checkout", async ({ page }) => {
  await login(page, CLIENT);
  await page.getByTestId("sidebar-projects").getByRole("link", { name: PROJECT }).click();
  // A payment to make waits on the client.
  await expect(page.getByTestId("waiting-banner")).toContainText(`Paiement · ${ACOMPTE}`);
  await page.getByTestId("project-tabs").getByRole("link", { name: /^Paiements/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Paiements" })).toBeVisible();
  await expect(page.getByTestId("summary-remaining")).toContainText(eur(BUDGET - paidBefore));
  await shot(page, "121-client-payments");
  await phoneShot(page, "121-client-payments-phone");

  await payment(page, ACOMPTE).getByRole("button", { name: "Payer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Paiement simulé" })).toBeVisible();
  await expect(page.getByTestId("simulated-checkout")).toContainText(money("1 200,00 €"));
  await shot(page, "122-simulated-checkout");
  await page.getByTestId("simulated-checkout").getByRole("button", { name: "Payer" }).click();
  await page.waitForURL(/retour=succes/);
  // « Paiement en cours de confirmation », then « Payé » once the webhook's job ran.
  await expect(page.getByRole("heading", { level: 1, name: "Payé" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("payment-return")).toContainText(money("1 200,00 €"));
  await shot(page, "123-paid");
  await phoneShot(page, "123-paid-phone");

  await page.getByRole("link", { name: "Retour aux paiements" }).click();
  await expect(payment(page, ACOMPTE)).toHaveAttribute("data-status", "paid");
  await expect(page.getByTestId("summary-paid")).toContainText(eur(paidBefore + 120_000));
  await expect(page.getByTestId("summary-remaining")).toContainText(eur(BUDGET - paidBefore - 120_000));
  await expect(payment(page, JALON)).toContainText("Expiré");
});

test("the client's failed payment is shown as such, and can be tried again", async ({ page }) => {
  await login(page, CLIENT);
  await openPayments(page);
  await payment(page, SOLDE).getByRole("button", { name: "Payer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Paiement simulé" })).toBeVisible();
  await page.getByRole("button", { name: "Échouer" }).click();
  await page.waitForURL(/retour=succes/);
  await expect(page.getByRole("heading", { level: 1, name: "Le paiement a échoué" })).toBeVisible({ timeout: 20_000 });
  await page.getByRole("link", { name: "Retour aux paiements" }).click();
  await expect(payment(page, SOLDE)).toHaveAttribute("data-status", "failed");
  await expect(payment(page, SOLDE)).toContainText("Échoué");
  await expect(payment(page, SOLDE).getByRole("button", { name: "Réessayer le paiement" })).toBeVisible();
  await shot(page, "124-client-failed");

  // Abandoning the checkout changes nothing but says so.
  await payment(page, SOLDE).getByRole("button", { name: "Réessayer le paiement" }).click();
  await page.getByRole("button", { name: "Abandonner" }).click();
  await page.waitForURL(/retour=annule/);
  await expect(page.getByRole("heading", { level: 1, name: "Paiement abandonné" })).toBeVisible();
});

test("the admin sees the payment received, in the list and the journal", async ({ page }) => {
  await login(page, ADMIN);
  await openPayments(page);
  await expect(payment(page, ACOMPTE)).toContainText("Payé");
  const paid = await paidCents(page);
  expect(paid).toBeGreaterThanOrEqual(120_000);
  await expect(page.getByTestId("summary-remaining")).toContainText(eur(BUDGET - paid));
  await page.getByTestId("project-tabs").getByRole("link", { name: /^Activité/ }).click();
  await expect(page.getByText(new RegExp(`Paiement reçu\\s:\\s${ACOMPTE.replace(/ /g, "\\s")}\\s—\\s1\\s200,00\\s€`))).toBeVisible();
  await expect(page.getByText(/Paiement expiré\s:\sJalon maquette/)).toBeVisible();
  await shot(page, "125-admin-activity");
});
