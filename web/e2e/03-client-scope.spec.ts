import { expect, test } from "@playwright/test";
import { CLIENT, login, phoneShot, shot } from "./helpers";

test("the demo client sees only the project they are a member of", async ({ page }) => {
  await login(page, CLIENT);
  await expect(page.getByTestId("project-list").getByText("Refonte du site")).toBeVisible();
  await expect(page.getByText("Boutique en ligne")).toHaveCount(0);
  // Clients get no settings link and no "Nouveau projet" button.
  await expect(page.getByRole("link", { name: "Paramètres" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Nouveau projet" })).toHaveCount(0);
  await shot(page, "20-client-projects");
  await phoneShot(page, "20-client-projects-phone");

  await page.getByTestId("project-list").getByText("Refonte du site").click();
  await expect(page.getByRole("heading", { level: 1, name: "Refonte du site" })).toBeVisible();
  await expect(page.getByText("Clients du projet")).toHaveCount(0);
  await shot(page, "21-client-project");
});

test("a garbage invitation link shows a clear French page", async ({ page }) => {
  await page.goto("/invitation/this-is-not-a-valid-invitation-token");
  await expect(page.getByRole("heading", { name: "Invitation introuvable" })).toBeVisible();
  await expect(page.getByTestId("invitation-error")).toContainText("n’est pas valide");
  await expect(page.getByRole("link", { name: "Retour à la connexion" })).toBeVisible();
  await shot(page, "22-invitation-invalid");
});
