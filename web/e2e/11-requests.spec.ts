import { expect, test, type Page } from "@playwright/test";
import { ADMIN, CLIENT, open, shots } from "./helpers";

// One story (issue 11): the client opens a bug with a screenshot; the admin
// asks to clarify; the client answers; the admin accepts → a backlog card with
// the badge and the link back; a second request is priced and the client
// refuses it. Screenshots of the form, the thread and the triage at 1440 and
// 390 px.
test.describe.configure({ mode: "serial" });

const PROJECT = "Refonte du site";
const suffix = Date.now().toString(36);
const BUG = `Le formulaire de contact plante ${suffix}`;
const MODIF = `Ajouter une page Équipe ${suffix}`;
const EXTRA = `Traduire le site en anglais ${suffix}`;
const QUESTION = "Sur quel navigateur et quelle page ?";
// A real 24×16 PNG: the server sniffs the bytes.
const SCREENSHOT = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAIAAACDRijCAAAClUlEQVR4nBXSERuGMBiF4XEyicfJJB4nk/jhZBKPk0k8TibxOJnE42TS7/j63h9wX+c65xUC0SF6hEIMiBFhEBNiRoBYECvCIzbEjoiIA3EiMuJC3IiKeBAvQghkh+yRCjkgR6RBTsgZCXJBrkiP3JA7MiIP5InMyAt5IyvyQb7ID1Idqkcp1IAaUQY1oWYUqAW1ojxqQ+2oiDpQJyqjLtSNqqgH9aI+SHfoHq3QA3pEG/SEntGgF/SK9ugNvaMj+kCf6Iy+0De6oh/0i/4g02F6jMIMmBFjMBNmxoBZMCvGYzbMjomYA3NiMubC3JiKeTAv5oNsh+2xCjtgR6zBTtgZC3bBrliP3bA7NmIP7InN2At7Yyv2wb7YD6KDnn8lA4z8k0ww878FVvCwwQ4RDjghwwU3VHjg/QYWuA7X4xRuwI04g5twMw7cgltxHrfhdlzEHbgTl3EX7sZV3IN7cR/kO3yPV/gBP+INfsLP/xx+wa94j9/wOz7iD/yJz/gLf+Mr/sG/+A8KHaEnKMJAGAmGMBFmAoSFsBI8YSPshEg4CCchEy7CTaiEh/ASPih2xJ6oiANxJBriRJz/hcSFuBI9cSPuxEg8iCcxEy/iTazEh/gSPyh1pJ6kSANpJBnSRJpJkBbSSvKkjbSTIukgnaRMukg3qZIe0kv6oNyRe7IiD+SRbMgTef4vkxfySvbkjbyTI/kgn+RMvsg3uZIf8kv+oNJReoqiDJSRYigTZaZAWSgrxVM2yk6JlINyUjLlotyUSnkoL+WDakftqYo6UEeqoU7U+f8idaGuVE/dqDs1Ug/qSc3Ui3pTK/WhvtQPah2tpynaQBtphjbRZhq0hbbSPG2j7bRIO2gnLdMu2k2rtIf20n7uE9xQgZIx8QAAAABJRU5ErkJggg==",
  "base64",
);

function status(page: Page) {
  return page.getByTestId("ticket-status").first();
}

let client: Page;
let admin: Page;
let bugUrl = "";

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

test("the client opens a bug with a screenshot", async () => {
  test.setTimeout(180_000);
  await client.getByTestId("new-request").click();
  await expect(client.getByRole("heading", { level: 1, name: "Nouvelle demande" })).toBeVisible();
  // Empty title: a French error next to the field, nothing sent.
  await client.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(client.getByText("Ce champ est obligatoire.").first()).toBeVisible();
  await client.getByLabel("Bug").check();
  await client.getByLabel("Titre").fill(BUG);
  await client.getByRole("textbox", { name: "Description" }).fill("Quand je clique sur **Envoyer**, la page reste blanche.\n\n- Chrome\n- page Contact");
  await client.getByTestId("attach-input").setInputFiles({ name: "capture.png", mimeType: "image/png", buffer: SCREENSHOT });
  await expect(client.getByTestId("attached")).toContainText("capture.png");
  await shots(client, "110-request-form");
  await client.getByRole("button", { name: "Envoyer la demande" }).click();
  await client.waitForURL(/\/demandes\/[0-9a-f-]{36}$/);
  bugUrl = new URL(client.url()).pathname;
  await expect(client.getByRole("heading", { level: 1, name: BUG })).toBeVisible();
  await expect(status(client)).toHaveText("Transmise");
  await expect(client.getByTestId("attachments").first()).toContainText("capture.png");
});

test("the admin triages and asks to clarify; the client answers", async () => {
  test.setTimeout(180_000);
  await admin.getByRole("link", { name: "Demandes", exact: true }).first().click();
  await expect(admin.getByRole("heading", { level: 1, name: "Demandes à traiter" })).toBeVisible();
  await expect(admin.getByTestId("triage")).toContainText(BUG);
  await shots(admin, "111-request-triage");
  await admin.getByTestId("triage").getByRole("link").filter({ hasText: BUG }).click();
  await expect(admin.getByRole("heading", { level: 1, name: BUG })).toBeVisible();
  const panel = admin.getByTestId("decision-panel");
  await panel.getByRole("button", { name: "À clarifier" }).click();
  // The question is required.
  await panel.getByRole("button", { name: /Confirmer/ }).click();
  await expect(panel.getByText(/Écrivez un message pour le client/)).toBeVisible();
  await panel.getByLabel("Votre question au client").fill(QUESTION);
  await panel.getByRole("button", { name: /Confirmer/ }).click();
  await expect(status(admin)).toHaveText("À clarifier");

  await client.goto(bugUrl);
  await expect(status(client)).toHaveText("Question pour vous");
  await expect(client.getByTestId("thread")).toContainText(QUESTION);
  await client.getByLabel("Votre message").fill("Sur Firefox, page **Contact**.");
  await client.getByRole("button", { name: "Envoyer", exact: true }).click();
  await expect(client.getByText(/Votre réponse est transmise/)).toBeVisible();
  await expect(status(client)).toHaveText("Transmise");
});

test("the admin accepts: a backlog card with the badge and the link", async () => {
  test.setTimeout(180_000);
  await admin.goto(bugUrl);
  await expect(admin.getByTestId("thread")).toContainText("Sur Firefox");
  // An internal note: the client will not see it.
  await admin.getByLabel("Votre message").fill("Probablement le reCAPTCHA.");
  await admin.getByRole("checkbox", { name: /Note interne/ }).check();
  // With an attachment of its own, which stays admin-only too.
  await admin.getByTestId("attach-input").last().setInputFiles({ name: "devis-interne.png", mimeType: "image/png", buffer: SCREENSHOT });
  await expect(admin.getByTestId("attached")).toContainText("devis-interne.png");
  await admin.getByRole("button", { name: "Envoyer", exact: true }).click();
  const note = admin.locator('[data-internal="true"]');
  await expect(note).toContainText("reCAPTCHA");
  await expect(note.getByTestId("attachments")).toContainText("devis-interne.png");
  const secretHref = await note.getByTestId("attachments").locator("a").first().getAttribute("href");
  expect(secretHref).toMatch(/\/files\/[0-9a-f-]{36}\/download/);
  const secretFile = secretHref!.replace(/\/download.*$/, "");
  const asAdmin = await admin.request.get(secretFile);
  expect(asAdmin.status()).toBe(200);
  expect((await asAdmin.json()).name).toBe("devis-interne.png");
  // The client, even with the id in hand: the Files routes answer 404 (the database hides the row).
  for (const path of [secretFile, secretHref!, `${secretFile}/thumbnail?version=1`]) {
    const r = await client.request.get(path, { maxRedirects: 0 });
    expect(r.status(), path).toBe(404);
    expect(await r.text(), path).not.toContain("devis-interne");
  }
  const panel = admin.getByTestId("decision-panel");
  await panel.getByRole("button", { name: "Accepter" }).click();
  await panel.getByLabel("Message au client (facultatif)").fill("On s’en occupe cette semaine.");
  await panel.getByRole("button", { name: /Confirmer/ }).click();
  await expect(status(admin)).toHaveText("Acceptée");
  await shots(admin, "112-request-thread-admin");

  await client.goto(bugUrl);
  await expect(status(client)).toHaveText("Acceptée");
  await expect(client.getByTestId("thread")).not.toContainText("reCAPTCHA");
  await expect(client.getByTestId("thread")).not.toContainText("devis-interne");
  await shots(client, "113-request-thread-client");
  await client.getByTestId("request-task-link").click();
  await client.waitForURL(/\/tableau\?tache=/);
  const card = client.getByTestId("column-backlog").getByTestId("task-card").filter({ hasText: BUG });
  await expect(card).toBeVisible();
  await expect(card).toContainText("Demande client");
  await expect(client.getByTestId("task-request-link")).toBeVisible();
});

test("a priced request, refused by the client", async () => {
  test.setTimeout(180_000);
  await client.goto(bugUrl.replace(/\/[0-9a-f-]{36}$/, "/nouvelle"));
  await client.getByLabel("Modification").check();
  await client.getByLabel("Titre").fill(MODIF);
  await client.getByRole("button", { name: "Envoyer la demande" }).click();
  await client.waitForURL(/\/demandes\/[0-9a-f-]{36}$/);
  const modifUrl = new URL(client.url()).pathname;

  // The board's « Demandes client » column lists it and links to it.
  await admin.goto(bugUrl.replace(/\/demandes\/.*$/, "/tableau"));
  await admin.getByTestId("column-requests").getByTestId("request-card").filter({ hasText: MODIF }).click();
  await expect(admin.getByRole("heading", { level: 1, name: MODIF })).toBeVisible();
  const panel = admin.getByTestId("decision-panel");
  await panel.getByRole("button", { name: "Proposer un prix" }).click();
  await panel.getByLabel("Prix en euros").fill("0");
  await panel.getByRole("button", { name: /Confirmer/ }).click();
  await expect(panel.getByText(/Entre 0,50/)).toBeVisible();
  await panel.getByLabel("Prix en euros").fill("350");
  await panel.getByLabel("Ce que comprend le prix").fill("Page Équipe avec 6 portraits");
  await panel.getByLabel("Délai en jours (facultatif)").fill("10");
  await panel.getByRole("button", { name: /Confirmer/ }).click();
  await expect(status(admin)).toHaveText("Payante");

  await client.goto(modifUrl);
  await expect(status(client)).toHaveText("Devis à valider");
  const price = client.getByTestId("price-block");
  await expect(price).toContainText("350");
  await expect(price.getByRole("button", { name: "Accepter & payer" })).toBeVisible();
  await shots(client, "114-request-price-client");
  await price.getByRole("button", { name: "Refuser" }).click();
  await price.getByLabel("Raison (facultatif)").fill("Pas pour cette version");
  await price.getByRole("button", { name: "Refuser le prix" }).click();
  await expect(status(client)).toHaveText("Refusée");
  await expect(client.getByText(/Vous avez refusé\s: Pas pour cette version/)).toBeVisible();
});

test("a priced request, accepted and paid by the client, becomes a task", async () => {
  test.setTimeout(180_000);
  await client.goto(bugUrl.replace(/\/[0-9a-f-]{36}$/, "/nouvelle"));
  await client.getByLabel("Amélioration").check();
  await client.getByLabel("Titre").fill(EXTRA);
  await client.getByRole("button", { name: "Envoyer la demande" }).click();
  await client.waitForURL(/\/demandes\/[0-9a-f-]{36}$/);
  const extraUrl = new URL(client.url()).pathname;

  await admin.goto(extraUrl);
  const panel = admin.getByTestId("decision-panel");
  await panel.getByRole("button", { name: "Proposer un prix" }).click();
  await panel.getByLabel("Prix en euros").fill("480");
  await panel.getByLabel("Ce que comprend le prix").fill("Traduction des 12 pages");
  await panel.getByRole("button", { name: /Confirmer/ }).click();
  await expect(status(admin)).toHaveText("Payante");

  // « Accepter & payer » makes the payment and opens the (simulated) checkout.
  await client.goto(extraUrl);
  await client.getByTestId("price-block").getByRole("button", { name: "Accepter & payer" }).click();
  await expect(client.getByRole("heading", { level: 1, name: "Paiement simulé" })).toBeVisible();
  await expect(client.getByTestId("simulated-checkout")).toContainText(/480,00\s€/);
  await client.getByTestId("simulated-checkout").getByRole("button", { name: "Payer" }).click();
  await client.waitForURL(/retour=succes/);
  await expect(client.getByRole("heading", { level: 1, name: "Payé" })).toBeVisible({ timeout: 20_000 });

  // The webhook made the request « Payée » and its task, with the link.
  await client.goto(extraUrl);
  await expect(status(client)).toHaveText("Payée");
  await client.getByTestId("request-task-link").click();
  await client.waitForURL(/\/tableau\?tache=/);
  const card = client.getByTestId("column-backlog").getByTestId("task-card").filter({ hasText: EXTRA });
  await expect(card).toContainText("Demande client");
  await admin.goto(extraUrl);
  await expect(status(admin)).toHaveText("Payée");
});
