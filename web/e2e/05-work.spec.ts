import { expect, test, type Locator, type Page } from "@playwright/test";
import { ADMIN, CLIENT, WORKSPACE, login, phoneShot, shot } from "./helpers";

// One story, in order: the admin sets the project up, the client answers.
test.describe.configure({ mode: "serial" });

const PROJECT = "Refonte du site";
const BLOCK_REASON = "Envoyez l’adresse e-mail qui recevra les messages du formulaire";
const COMMENT = "Superbe, on valide la direction !";

async function openProject(page: Page) {
  await page.getByTestId("project-list").getByText(PROJECT).click();
  await expect(page.getByRole("heading", { level: 1, name: PROJECT })).toBeVisible();
}

function column(page: Page, key: string) {
  return page.getByTestId(`column-${key}`);
}

function card(page: Page, title: string) {
  return page.getByTestId("task-card").filter({ hasText: title });
}

/** dnd-kit's live region: what a screen reader hears while a card moves. */
function dragAnnouncer(page: Page) {
  return page.locator('[id^="DndLiveRegion"]');
}

/**
 * Drags a card by its handle with the mouse (dnd-kit's pointer sensor needs
 * several moves), and drops it once the board announces it over `overColumn`.
 */
async function drag(page: Page, from: Locator, to: Locator, overColumn: string, where: "top" | "bottom" = "bottom") {
  await expect(page.locator('[data-testid="board"][data-ready]')).toHaveCount(1);
  const handle = from.getByTestId("drag-handle");
  await handle.hover();
  const a = (await handle.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 8, a.y + a.height / 2 + 8, { steps: 4 });
  // Drop just below the last card of a column (or at the top of a card), as a person would.
  const cards = to.getByTestId("task-card");
  const last = (await to.getAttribute("data-testid"))?.startsWith("column-") && (await cards.count()) > 0 ? await cards.last().boundingBox() : null;
  const b = (await to.boundingBox())!;
  const y = where === "top" ? b.y + 12 : last ? last.y + last.height + 20 : b.y + 80;
  await page.mouse.move(b.x + b.width / 2, y, { steps: 12 });
  await expect(dragAnnouncer(page)).toContainText(`au-dessus de la colonne ${overColumn}`);
  await page.mouse.move(b.x + b.width / 2, y + 2, { steps: 2 });
  await page.mouse.up();
}

async function titlesIn(page: Page, key: string) {
  return column(page, key).getByTestId("task-card").locator("button:not([data-testid])").allInnerTexts();
}

async function createTask(page: Page, title: string, extra: (d: Locator) => Promise<void> = async () => {}) {
  await page.getByRole("button", { name: "Nouvelle tâche" }).click();
  const dialog = page.getByRole("dialog", { name: "Nouvelle tâche" });
  await dialog.getByLabel("Titre").fill(title);
  await extra(dialog);
  await dialog.getByRole("button", { name: "Créer la tâche" }).click();
  await expect(dialog).toBeHidden();
  await expect(card(page, title)).toBeVisible();
}

test("the admin builds the project: phases, tasks, drag and drop, a blocked task, an approval", async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, ADMIN);
  await openProject(page);
  // The demo project already waits on its client (a blocked task, the content approval).
  await expect(page.getByTestId("project-status")).toContainText("En attente client");
  await shot(page, "50-dashboard-admin-demo");

  // Phases: one more phase, moved up with the buttons, dated; a bad date range is refused.
  await page.getByRole("button", { name: "Modifier les phases" }).click();
  const phases = page.getByRole("dialog", { name: "Phases du projet" });
  await expect(phases.getByTestId("phase-row")).toHaveCount(4);
  await phases.getByRole("button", { name: "Ajouter une phase" }).click();
  await phases.getByLabel("Nom 5").fill("Contenus");
  await phases.getByTestId("phase-row").nth(4).getByRole("button", { name: "Monter" }).click();
  const contenus = phases.getByTestId("phase-row").nth(3);
  await expect(contenus.getByRole("textbox").first()).toHaveValue("Contenus");
  await contenus.getByLabel("Début prévu").fill("2026-12-10");
  await contenus.getByLabel("Fin prévue").fill("2026-12-01");
  await phases.getByRole("button", { name: "Enregistrer" }).click();
  await expect(contenus.getByText("La fin prévue est avant le début prévu.")).toBeVisible();
  await contenus.getByLabel("Fin prévue").fill("2026-12-18");
  await shot(page, "51-phases-dialog");
  await phases.getByRole("button", { name: "Enregistrer" }).click();
  await expect(phases).toBeHidden();
  await expect(page.getByTestId("phase")).toHaveText([/Design/, /Dev/, /Recette/, /Contenus/, /Livraison/]);

  // Steering: an estimated delivery date.
  const pilot = page.getByTestId("pilot-panel");
  await pilot.getByLabel("Livraison estimée").fill("2026-12-18");
  await pilot.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Pilotage enregistré.")).toBeVisible();
  await expect(page.getByTestId("progress")).toContainText("18 décembre 2026");

  // The board, from the quick actions.
  await page.getByTestId("project-tabs").getByRole("link", { name: /^Tableau/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tableau" })).toBeVisible();
  await expect(page.getByTestId("column-requests")).toContainText("Demandes client");

  // An empty title gets a French error next to the field.
  await page.getByRole("button", { name: "Nouvelle tâche" }).click();
  const empty = page.getByRole("dialog", { name: "Nouvelle tâche" });
  await empty.getByRole("button", { name: "Créer la tâche" }).click();
  await expect(empty.getByText("Ce champ est obligatoire.")).toBeVisible();
  await empty.getByRole("button", { name: "Annuler" }).click();

  await createTask(page, "Maquette des pages intérieures", async (d) => {
    await d.getByLabel("Phase").selectOption({ label: "Design" });
    await d.getByLabel("Assignée à").fill("Camille");
    await d.getByLabel("Échéance").fill("2026-11-20");
    await d.getByRole("textbox", { name: "Description" }).fill("**Objectif** : valider la direction.\n\n- Accueil\n- Contact\n\n<img src=x onerror=alert(1)>");
    await d.getByRole("tab", { name: "Aperçu" }).click();
    await expect(d.getByTestId("markdown-preview").locator("strong")).toHaveText("Objectif");
    await expect(d.getByTestId("markdown-preview").locator("img")).toHaveCount(0);
  });
  await createTask(page, "Page Services");
  await createTask(page, "Brouillon à supprimer");

  // Delete with undo.
  await card(page, "Brouillon à supprimer").getByRole("button", { name: /Modifier la tâche/ }).click();
  await page.getByTestId("task-sheet").getByRole("button", { name: "Supprimer" }).click();
  await expect(card(page, "Brouillon à supprimer")).toHaveCount(0);
  await page.locator("[data-sonner-toast]").getByRole("button", { name: "Annuler" }).click();
  await expect(page.getByText("Tâche restaurée.")).toBeVisible();
  await expect(card(page, "Brouillon à supprimer")).toBeVisible();

  // Drag and drop: a card to the end of En cours, another to its top; the order survives a reload.
  const seeded = "Intégration de la page d’accueil";
  await expect.poll(() => titlesIn(page, "in_progress")).toEqual([seeded]);
  await drag(page, card(page, "Maquette des pages intérieures"), column(page, "in_progress"), "En cours", "bottom");
  await expect.poll(() => titlesIn(page, "in_progress")).toEqual([seeded, "Maquette des pages intérieures"]);
  await page.waitForLoadState("networkidle");
  await drag(page, card(page, "Page Services"), card(page, seeded), "En cours", "top");
  await expect.poll(() => titlesIn(page, "in_progress")).toEqual(["Page Services", seeded, "Maquette des pages intérieures"]);
  await page.waitForLoadState("networkidle");
  await page.reload();
  await expect.poll(() => titlesIn(page, "in_progress")).toEqual(["Page Services", seeded, "Maquette des pages intérieures"]);

  // Keyboard: pick up with Space, three columns to the right (Terminé), drop.
  // After the reload, wait for the board to hydrate (it is server-rendered first).
  await expect(page.locator('[data-testid="board"][data-ready]')).toHaveCount(1);
  const handle = card(page, "Brouillon à supprimer").getByTestId("drag-handle");
  await handle.focus();
  await page.keyboard.press("Space");
  // Picked up: the board says so, then where the card is (its own column).
  await expect(dragAnnouncer(page)).toContainText("au-dessus de la colonne Backlog projet");
  for (const over of ["En cours", "En attente client", "Terminé"]) {
    await page.keyboard.press("ArrowRight");
    await expect(dragAnnouncer(page)).toContainText(`au-dessus de la colonne ${over}`);
  }
  await page.keyboard.press("Space");
  await expect(column(page, "done").getByTestId("task-card").filter({ hasText: "Brouillon à supprimer" })).toHaveCount(1);

  // Blocked by the client, with a reason (required).
  await card(page, "Formulaire de contact").getByRole("button", { name: /Modifier la tâche/ }).click();
  const sheet = page.getByTestId("task-sheet");
  await sheet.getByLabel("Bloquée par le client").click();
  await sheet.getByRole("button", { name: "Enregistrer" }).click();
  await expect(sheet.getByText("Dites au client ce qui est attendu.")).toBeVisible();
  await sheet.getByLabel("Raison").fill(BLOCK_REASON);
  await sheet.getByRole("button", { name: "Enregistrer" }).click();
  await expect(sheet).toBeHidden();
  await expect(card(page, "Formulaire de contact").getByTestId("blocked-tag")).toContainText(BLOCK_REASON);
  await shot(page, "50-board-admin");
  await phoneShot(page, "50-board-admin-phone");

  // An approval request on the maquette, from the dashboard.
  await page.getByRole("link", { name: PROJECT }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: PROJECT })).toBeVisible();
  await page.getByRole("button", { name: "Demander une validation" }).click();
  const req = page.getByRole("dialog", { name: "Demander une validation" });
  await req.getByLabel("Étape").selectOption("maquette");
  await req.getByLabel("Précisions (facultatif)").fill("Les maquettes des pages intérieures sont prêtes : dites-nous si la direction vous plaît.");
  // It cites the exact version of the mockup uploaded in 04-files (v2, marked final): the current one by default.
  // The card names the version by the name it was uploaded under.
  await req.getByLabel("Fichier à valider (optionnel)").selectOption({ label: "Maquette accueil.png · v2 · finale" });
  await expect(req.getByLabel("Version", { exact: true }).locator("option:checked")).toHaveText("v2 (actuelle) · finale");
  await shot(page, "50-approval-request-file");
  await req.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(req).toBeHidden();
  await expect(page.getByTestId("pending-approval").filter({ hasText: /maquette/i })).toHaveCount(1);
  await expect(page.getByTestId("pending-approval").filter({ hasText: /maquette/i })).toContainText("v2 de « Maquette accueil v2.png »");

  // The admin can fix the status by hand, then give it back to the automatic rule.
  const pilotPanel = page.getByTestId("pilot-panel");
  await pilotPanel.getByLabel("État affiché").selectOption("done");
  await pilotPanel.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByTestId("project-status")).toContainText("Terminé");
  await expect(page.getByText("État fixé manuellement")).toBeVisible();
  await page.getByTestId("pilot-panel").getByLabel("État affiché").selectOption("auto");
  await page.getByTestId("pilot-panel").getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("État fixé manuellement")).toHaveCount(0);

  // The dashboard now says why the project waits on the client.
  await expect(page.getByTestId("project-status")).toContainText("En attente client");
  await expect(page.getByTestId("waiting-banner")).toContainText(BLOCK_REASON);
  await expect(page.getByTestId("ball-in-court")).toContainText("4 éléments attendent le retour du client");
  await expect(page.getByTestId("next-step")).toContainText("Page Services");
  await expect(page.getByTestId("notes-panel")).toContainText("Visible uniquement par vous");
  await page.getByTestId("notes-panel").getByRole("textbox").fill("Budget validé : 6 500 € HT. Relancer pour les textes vendredi.");
  await page.getByTestId("notes-panel").getByRole("button", { name: "Ajouter la note" }).click();
  await expect(page.getByTestId("notes-panel")).toContainText("Budget validé");
  // Private notes about a client, from « Clients du projet ».
  await page.getByRole("button", { name: "Notes privées sur Julie Martin" }).click();
  const clientNotes = page.getByRole("dialog", { name: "Notes privées sur Julie Martin" });
  await clientNotes.getByRole("textbox").fill("Préfère être appelée le matin.");
  await clientNotes.getByRole("button", { name: "Ajouter la note" }).click();
  await expect(clientNotes.getByRole("listitem")).toContainText(["Préfère être appelée le matin."]);
  await page.keyboard.press("Escape");
  await expect(clientNotes).toBeHidden();
  await shot(page, "51-dashboard-admin");
  await phoneShot(page, "51-dashboard-admin-phone");

  // The home page lists what waits on the clients.
  await page.goto(`/${WORKSPACE.slug}`);
  await expect(page.getByTestId("waiting-list")).toContainText("En attente de vos clients");
  await expect(page.getByTestId("waiting-list").getByRole("link")).toHaveCount(4);
});

test("the client sees why the project waits, cannot drag, and approves the maquette", async ({ page }) => {
  await login(page, CLIENT);
  const waiting = page.getByTestId("waiting-list");
  await expect(waiting).toContainText("À vous de jouer");
  await expect(waiting.getByRole("link")).toHaveCount(4);
  await expect(waiting).toContainText("Formulaire de contact");
  await shot(page, "52-client-home");
  await phoneShot(page, "52-client-home-phone");

  await openProject(page);
  await expect(page.getByTestId("project-status")).toContainText("En attente de votre retour");
  await expect(page.getByTestId("waiting-banner")).toContainText("Le projet attend votre retour");
  await expect(page.getByTestId("waiting-banner")).toContainText(BLOCK_REASON);
  await expect(page.getByTestId("ball-in-court")).toContainText("4 éléments attendent votre retour");
  await expect(page.getByText("Visible uniquement par vous")).toHaveCount(0);
  await expect(page.getByTestId("pilot-panel")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Demander une validation" })).toHaveCount(0);
  await shot(page, "53-dashboard-client");
  await phoneShot(page, "53-dashboard-client-phone");

  // The board is read-only: no handles, no create button; a card opens a read-only view.
  await page.getByTestId("project-tabs").getByRole("link", { name: /^Tableau/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tableau" })).toBeVisible();
  await expect(page.getByTestId("task-card")).not.toHaveCount(0);
  await expect(page.getByTestId("drag-handle")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Nouvelle tâche" })).toHaveCount(0);
  await expect(page.getByText("Lecture seule", { exact: true })).toBeVisible();
  await card(page, "Maquette des pages intérieures").getByRole("button").click();
  const view = page.getByTestId("task-view");
  await expect(view.locator("strong")).toHaveText("Objectif");
  await expect(view.getByRole("textbox")).toHaveCount(0);
  await page.keyboard.press("Escape");
  await shot(page, "54-board-client");
  await phoneShot(page, "54-board-client-phone");

  // « Action attendue » leads to the approval card; asking for changes needs a comment.
  await page.goto(`/${WORKSPACE.slug}`);
  await waiting.getByRole("link").filter({ hasText: /maquette/i }).click();
  const approval = page.getByTestId("pending-approval").filter({ hasText: /maquette/i });
  await expect(approval).toBeVisible();
  await approval.getByRole("button", { name: "Demander des modifications" }).click();
  await approval.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(approval.getByText("Dites ce qui doit être modifié.")).toBeVisible();
  await approval.getByRole("button", { name: "Annuler" }).click();
  await approval.getByRole("button", { name: "Valider", exact: true }).click();
  await approval.getByLabel("Commentaire (facultatif)").fill(COMMENT);
  await approval.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${__dirname}/artifacts/53-client-approves.png` });
  await page.setViewportSize({ width: 375, height: 812 });
  await approval.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${__dirname}/artifacts/53-client-approves-phone.png` });
  await page.setViewportSize({ width: 1440, height: 900 });
  await approval.getByRole("button", { name: "Confirmer la validation" }).click();
  // A regular expression sees the real characters: French puts a no-break space before « ! ».
  await expect(page.getByText(/Merci\s!\sLa validation de .* est enregistrée\./)).toBeVisible();
  await expect(approval).toHaveCount(0);
  await page.getByText(/Historique/).click();
  await expect(page.getByTestId("approval-history")).toContainText(COMMENT);
  await expect(page.getByTestId("approval-history")).toContainText("Validé");
  await page.getByTestId("approval-history").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${__dirname}/artifacts/53-client-approved.png` });
  // Only the blocked task still waits on the client.
  await expect(page.getByTestId("ball-in-court")).toContainText("3 éléments attendent votre retour");
});

test("the activity timeline shows each step, with filters", async ({ page }) => {
  await login(page, ADMIN);
  await openProject(page);
  await page.getByTestId("project-tabs").getByRole("link", { name: /^Activité/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Activité" })).toBeVisible();
  const list = page.getByTestId("activity-list");
  await expect(list).toContainText("Phases du projet mises à jour");
  await expect(list).toContainText("Tâche « Maquette des pages intérieures » créée");
  await expect(list).toContainText("Tâche « Page Services » déplacée en En cours");
  await expect(list).toContainText(`Tâche « Formulaire de contact » bloquée par le client : ${BLOCK_REASON}`);
  await expect(list).toContainText("Tâche « Brouillon à supprimer » supprimée");
  await expect(list).toContainText("Tâche « Brouillon à supprimer » restaurée");
  await expect(list).toContainText("Validation de la maquette demandée");
  await expect(list).toContainText("Maquette validée");
  await expect(list).toContainText(COMMENT);
  await expect(list).toContainText("Julie Martin");
  await expect(list).toContainText("Camille Laurent");
  await shot(page, "55-activity-admin");
  await phoneShot(page, "55-activity-admin-phone");

  // "Voir plus" loads older entries (the demo's history).
  const before = await list.getByTestId("activity-entry").count();
  await page.getByRole("button", { name: "Voir plus" }).click();
  await expect.poll(() => list.getByTestId("activity-entry").count()).toBeGreaterThan(before);

  await page.getByTestId("activity-filter").getByRole("radio", { name: "Validations" }).click();
  await expect(list).toContainText("Validation de la maquette demandée");
  await expect(list).not.toContainText("Tâche");
  await page.getByTestId("activity-filter").getByRole("radio", { name: "Notes" }).click();
  await expect(list).toContainText("Note privée ajoutée");
});

test("the client's timeline has no private notes", async ({ page }) => {
  await login(page, CLIENT);
  await openProject(page);
  await page.getByTestId("project-tabs").getByRole("link", { name: /^Activité/ }).click();
  const list = page.getByTestId("activity-list");
  await expect(list).toContainText("Maquette validée");
  await expect(list).not.toContainText("Note privée");
  await expect(page.getByTestId("activity-filter").getByRole("radio", { name: "Notes" })).toHaveCount(0);
  await expect(page.getByTestId("activity-filter").getByRole("radio", { name: "Invitations" })).toHaveCount(0);
  // The client reads about himself as « vous », with the board's client labels.
  await expect(list).toContainText("« Page Services » passe dans « En cours »");
  await expect(list).toContainText("Nous attendons votre retour sur « Formulaire de contact »");
  await expect(list).toContainText(BLOCK_REASON);
  await expect(list).not.toContainText("bloquée par le client");
  await shot(page, "56-activity-client");
  await phoneShot(page, "56-activity-client-phone");
});

test("a card dropped into En attente client asks what the client must do", async ({ page }) => {
  const task = "Optimisation des images";
  const reason = "Envoyez les photos du showroom en haute définition";
  await login(page, ADMIN);
  await openProject(page);
  await page.getByTestId("project-tabs").getByRole("link", { name: /^Tableau/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tableau" })).toBeVisible();

  // Cancel: the card goes back where it was, nothing is saved.
  await drag(page, card(page, task), column(page, "waiting_client"), "En attente client");
  const ask = page.getByRole("dialog", { name: "Qu’attendez-vous du client ?" });
  await expect(ask).toBeVisible();
  await ask.getByRole("button", { name: "Annuler" }).click();
  await expect(ask).toBeHidden();
  await expect(column(page, "backlog").getByTestId("task-card").filter({ hasText: task })).toHaveCount(1);

  // The reason is required, then the card lands blocked, and the dashboard says why.
  await drag(page, card(page, task), column(page, "waiting_client"), "En attente client");
  await expect(ask).toBeVisible();
  await ask.getByRole("button", { name: "Déplacer" }).click();
  await expect(ask.getByText("Dites au client ce qui est attendu.")).toBeVisible();
  await ask.getByLabel("Raison").fill(reason);
  await shot(page, "57-board-ask-reason");
  await ask.getByRole("button", { name: "Déplacer" }).click();
  await expect(ask).toBeHidden();
  const moved = column(page, "waiting_client").getByTestId("task-card").filter({ hasText: task });
  await expect(moved.getByTestId("blocked-tag")).toContainText(reason);
  await page.reload();
  await expect(column(page, "waiting_client").getByTestId("task-card").filter({ hasText: task }).getByTestId("blocked-tag")).toContainText(reason);
  await page.getByRole("link", { name: PROJECT }).first().click();
  await expect(page.getByTestId("waiting-banner")).toContainText(reason);

  // In that column the block cannot be lifted by hand; moving the task out lifts it.
  await page.getByTestId("project-tabs").getByRole("link", { name: /^Tableau/ }).click();
  await card(page, task).getByRole("button", { name: /Modifier la tâche/ }).click();
  const sheet = page.getByTestId("task-sheet");
  await expect(sheet.getByLabel("Bloquée par le client")).toBeDisabled();
  await sheet.getByLabel("Colonne").selectOption("backlog");
  await expect(sheet.getByLabel("Bloquée par le client")).not.toBeChecked();
  await sheet.getByRole("button", { name: "Enregistrer" }).click();
  await expect(sheet).toBeHidden();
  const back = column(page, "backlog").getByTestId("task-card").filter({ hasText: task });
  await expect(back).toHaveCount(1);
  await expect(back.getByTestId("blocked-tag")).toHaveCount(0);
  await page.reload();
  await expect(column(page, "backlog").getByTestId("task-card").filter({ hasText: task }).getByTestId("blocked-tag")).toHaveCount(0);
});

test("the file version an approval cites opens in its folder, highlighted", async ({ page }) => {
  await login(page, CLIENT);
  await openProject(page);
  await page.getByText(/Historique/).click();
  await page.getByTestId("approval-history").getByRole("link", { name: /Maquette accueil/ }).first().click();
  await expect(page).toHaveURL(/\/fichiers\?fichier=[0-9a-f-]{36}$/);
  const highlighted = page.locator('[data-testid="file-card"][data-highlighted]');
  await expect(highlighted).toHaveCount(1);
  await expect(highlighted).toHaveAttribute("data-name", "Maquette accueil.png");
  await shot(page, "58-files-linked-from-approval");
});
