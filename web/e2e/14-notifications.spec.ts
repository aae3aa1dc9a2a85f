import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, CLIENT, WORKSPACE, login, shot } from "./helpers";

// Email notifications (issue 14): each person's preferences page, a real
// notification email as the dev mailbox stored it, and its one-click
// unsubscribe link (works once; a forged one is refused).
test.describe.configure({ mode: "serial", timeout: 180_000 });

const PROJECT = "Refonte du site";
const TITLE = `Acompte notifications ${Date.now().toString(36)}`;
const prefs = `/${WORKSPACE.slug}/notifications/preferences`;

/** Screenshot at 1440 px, then at 390 px (a phone), both checked by axe. */
async function both(page: Page, name: string) {
  await shot(page, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, `${name}-390`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

type DevMail = { messages: { to: string; subject: string; text: string; html: string }[] | null };

async function mailTo(request: APIRequestContext, to: string, subject: string) {
  let found: NonNullable<DevMail["messages"]>[number] | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get("/api/v1/dev/mail");
        if (!res.ok()) return false;
        const body = (await res.json()) as DevMail;
        found = (body.messages ?? []).find((m) => m.to.toLowerCase() === to && m.subject.includes(subject));
        return Boolean(found);
      },
      { timeout: 30_000, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  return found!;
}

test("the client chooses what they receive, per topic and per project", async ({ page }) => {
  await login(page, CLIENT);
  // From the account menu.
  await page.getByRole("banner").getByRole("button").last().click();
  await page.getByRole("menuitem", { name: "Notifications" }).click();
  await page.waitForURL(`**${prefs}`);
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  // Defaults: payments and approvals at once, files in the daily summary.
  await expect(page.getByLabel("Paiements")).toHaveValue("immediate");
  await expect(page.getByLabel("Validations")).toHaveValue("immediate");
  await expect(page.getByLabel("Fichiers")).toHaveValue("digest");
  await both(page, "14-notifications-client");

  await page.getByLabel("Tâches").selectOption({ label: "Résumé quotidien" });
  await page.getByLabel("Heure d’envoi").selectOption("19");
  await page.getByLabel("Fuseau horaire").selectOption("America/Toronto");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Préférences enregistrées")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Tâches")).toHaveValue("digest");
  await expect(page.getByLabel("Heure d’envoi")).toHaveValue("19");
  await expect(page.getByLabel("Fuseau horaire")).toHaveValue("America/Toronto");

  // A project in sourdine, then back.
  const mute = page.getByRole("checkbox", { name: `Mettre ${PROJECT} en sourdine` });
  await mute.click();
  await expect(page.getByText("Projet mis en sourdine")).toBeVisible();
  await page.reload();
  await expect(mute).toBeChecked();
  await mute.click();
  await expect(page.getByText("Le projet vous avertit à nouveau")).toBeVisible();
  await expect(mute).not.toBeChecked();
});

test("the admin has their own preferences", async ({ page }) => {
  await login(page, ADMIN);
  await page.goto(prefs);
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  // The client's choices are theirs only.
  await expect(page.getByLabel("Tâches")).toHaveValue("immediate");
  await both(page, "14-notifications-admin");
});

test("a payment request emails the client, branded, with a one-click unsubscribe that works once", async ({ page, browser }) => {
  await login(page, ADMIN);
  const projects = (await (await page.request.get(`/api/v1/w/${WORKSPACE.slug}/projects`)).json()) as { projects: { id: string; name: string }[] };
  const project = projects.projects.find((p) => p.name === PROJECT)!;
  const res = await page.request.post(`/api/v1/w/${WORKSPACE.slug}/projects/${project.id}/payments`, {
    data: { kind: "acompte", title: TITLE, amountCents: 150000 },
  });
  expect(res.status()).toBe(201);

  const mail = await mailTo(page.request, CLIENT.email, TITLE);
  expect(mail.subject).toContain("Paiement demandé");
  expect(mail.text).toContain(`/${WORKSPACE.slug}/projets/${project.id}/paiements#paiement-`);
  expect(mail.text).not.toContain("Parvis");
  const link = mail.text.match(/\/desabonnement\?token=[A-Za-z0-9_.-]+/)?.[0];
  expect(link).toBeTruthy();

  // The email itself, as a mail client renders it, at desktop and phone widths.
  const viewCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const view = await viewCtx.newPage();
  await view.setContent(mail.html);
  await view.screenshot({ path: path.join(__dirname, "artifacts", "14-email-payment-1440.png"), fullPage: true });
  await view.setViewportSize({ width: 390, height: 844 });
  await view.screenshot({ path: path.join(__dirname, "artifacts", "14-email-payment-390.png"), fullPage: true });
  await viewCtx.close();

  // Opening the link changes nothing; the button does, once.
  const anonCtx = await browser.newContext();
  const anon = await anonCtx.newPage();
  await anon.goto(link!);
  await expect(anon.getByRole("heading", { name: "Se désabonner" })).toBeVisible();
  await shot(anon, "14-unsubscribe");
  await anon.getByRole("button", { name: "Confirmer le désabonnement" }).click();
  await expect(anon.getByText(/vous ne recevrez plus les emails «\sPaiements\s» de Studio Démo/)).toBeVisible();
  await shot(anon, "14-unsubscribe-done");
  await anon.goto(link!);
  await anon.getByRole("button", { name: "Confirmer le désabonnement" }).click();
  await expect(anon.getByText("Ce lien a déjà été utilisé : vous êtes déjà désabonné.")).toBeVisible();
  // A forged link is refused clearly.
  await anon.goto(`${link!.slice(0, -3)}xyz`);
  await anon.getByRole("button", { name: "Confirmer le désabonnement" }).click();
  await expect(anon.getByText("Ce lien de désabonnement n’est pas valide.")).toBeVisible();
  await anonCtx.close();

  // The client's preferences now say « Jamais » for payments.
  const clientCtx = await browser.newContext();
  const client = await clientCtx.newPage();
  await login(client, CLIENT);
  await client.goto(prefs);
  await expect(client.getByLabel("Paiements")).toHaveValue("never");
  await clientCtx.close();
});
