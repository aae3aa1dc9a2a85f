import { expect, test } from "@playwright/test";
import { ADMIN, WORKSPACE, invitationPath, login, phoneShot, randomSuffix, shot, waitForMail } from "./helpers";

test("admin creates a project, invites a client who joins and sees only that project", async ({ page, browser, request }) => {
  const suffix = randomSuffix();
  const projectName = `Site vitrine ${suffix}`;
  const clientEmail = `new-client-${suffix}@example.com`;

  // Login page, desktop and phone.
  await page.goto("/connexion");
  await expect(page.getByRole("heading", { name: "Connexion" })).toBeVisible();
  await shot(page, "01-login");
  await phoneShot(page, "01-login-phone");

  // Admin signs in and sees the projects.
  await login(page, ADMIN);
  await expect(page.getByTestId("project-list").getByText("Refonte du site")).toBeVisible();
  await expect(page.getByTestId("project-list").getByText("Boutique en ligne")).toBeVisible();
  await shot(page, "02-admin-projects");
  await phoneShot(page, "02-admin-projects-phone");

  // "Nouveau projet": an empty submit shows per-field French errors from the API.
  await page.getByRole("button", { name: "Nouveau projet" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Nouveau projet" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Créer le projet" }).click();
  await expect(dialog.getByText("Ce champ est obligatoire.").first()).toBeVisible();
  await shot(page, "03-new-project-errors");

  await dialog.getByLabel("Nom du projet").fill(projectName);
  await dialog.getByLabel("Client", { exact: true }).fill("Boulangerie Martin");
  await dialog.getByLabel("Description").fill("Site vitrine avec horaires et commande de gâteaux.");
  await shot(page, "04-new-project-filled");
  await dialog.getByRole("button", { name: "Créer le projet" }).click();

  // Lands on the new project.
  await expect(page.getByRole("heading", { level: 1, name: projectName })).toBeVisible();
  await expect(page.getByText("Clients du projet")).toBeVisible();
  await shot(page, "05-project-created");

  // Invite the client.
  const panel = page.getByTestId("people-panel");
  await panel.getByLabel("E-mail").fill(clientEmail);
  await panel.getByRole("button", { name: "Envoyer l’invitation" }).click();
  await expect(panel.getByTestId("pending-invitations").getByText(clientEmail)).toBeVisible();
  await shot(page, "06-invitation-sent");

  // The invitation email, read from the dev mailbox.
  const mail = await waitForMail(request, clientEmail);
  const path = invitationPath(mail.text, mail.html);

  // The new client, logged out, opens the link.
  const clientContext = await browser.newContext();
  const client = await clientContext.newPage();
  await client.goto(path);
  await expect(client.getByRole("heading", { name: `Rejoindre ${WORKSPACE.name}` })).toBeVisible();
  await expect(client.getByText(projectName)).toBeVisible();
  await shot(client, "07-invitation-page");
  await phoneShot(client, "07-invitation-page-phone");

  await client.getByLabel("Votre nom").fill("Léa Martin");
  await client.getByLabel("Choisissez un mot de passe").fill(`velo-rouge-${suffix}`);
  await client.getByRole("button", { name: "Accepter l’invitation" }).click();

  // In the portal, only the project they were invited to.
  await client.waitForURL(`**/${WORKSPACE.slug}`);
  await expect(client.getByRole("heading", { level: 1, name: "Projets" })).toBeVisible();
  await expect(client.getByTestId("project-list").getByText(projectName)).toBeVisible();
  await expect(client.getByTestId("project-list").getByRole("listitem")).toHaveCount(1);
  await expect(client.getByText("Refonte du site")).toHaveCount(0);
  await expect(client.getByText("Boutique en ligne")).toHaveCount(0);
  await shot(client, "08-new-client-projects");
  await phoneShot(client, "08-new-client-projects-phone");
  await clientContext.close();
});
