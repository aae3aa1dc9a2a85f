import { expect, test, type Page } from "@playwright/test";
import { ADMIN, CLIENT, login, phoneShot, shot } from "./helpers";

type Payload = { name: string; mime: string; base64: string };

/** A real PNG drawn by the browser's canvas (noise makes it big enough to show progress). */
async function png(page: Page, name: string, w: number, h: number, hue: number, noise = false): Promise<Payload> {
  const base64 = await page.evaluate(
    ([w, h, hue, noise]) => {
      const c = document.createElement("canvas");
      c.width = w;
      c.height = h;
      const ctx = c.getContext("2d")!;
      const g = ctx.createLinearGradient(0, 0, w, h);
      g.addColorStop(0, `hsl(${hue} 70% 60%)`);
      g.addColorStop(1, `hsl(${(hue + 60) % 360} 70% 35%)`);
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, w, h);
      if (noise) {
        const img = ctx.getImageData(0, 0, w, h);
        for (let i = 0; i < img.data.length; i += 4) img.data[i + 3] = 200 + Math.floor(Math.random() * 55);
        ctx.putImageData(img, 0, 0);
      }
      ctx.fillStyle = "rgba(255,255,255,.9)";
      ctx.font = `bold ${Math.round(h / 8)}px sans-serif`;
      ctx.fillText("Parvis", w / 10, h / 2);
      return c.toDataURL("image/png").split(",")[1]!;
    },
    [w, h, hue, noise ? 1 : 0] as const,
  );
  return { name, mime: "image/png", base64 };
}

/** A well-formed one-page PDF (a title on a coloured band), with a correct cross-reference table. */
function briefPdf(): string {
  const content = "0.31 0.27 0.9 rg 0 150 400 150 re f BT /F1 28 Tf 1 1 1 rg 30 210 Td (Brief client) Tj ET BT /F1 14 Tf 0.2 0.2 0.2 rg 30 110 Td (Objectifs, cibles, pages) Tj ET";
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets = objs.map((o, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) out += `${String(at).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1").toString("base64");
}

const pdf: Payload = { name: "Brief client.pdf", mime: "application/pdf", base64: briefPdf() };

async function drop(page: Page, files: Payload[]) {
  const dt = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bin = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bin], f.name, { type: f.mime }));
    }
    return dt;
  }, files);
  const zone = page.getByTestId("dropzone");
  await zone.dispatchEvent("dragenter", { dataTransfer: dt });
  await zone.dispatchEvent("dragover", { dataTransfer: dt });
  await zone.dispatchEvent("drop", { dataTransfer: dt });
}

const card = (page: Page, name: string) => page.locator(`[data-testid="file-card"][data-name="${name}"]`);

async function openFiles(page: Page) {
  await page.getByTestId("project-list").getByText("Refonte du site").click();
  await page.getByTestId("project-tabs").getByRole("link", { name: /^Fichiers/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Fichiers" })).toBeVisible();
}

test("the client drops two images and a PDF into Contenu, sees progress, previews and refusals", async ({ page }) => {
  await login(page, CLIENT);
  await openFiles(page);
  await expect(page.getByTestId("folder-Contenu")).toHaveAttribute("aria-current", "true");
  await shot(page, "40-files-empty");

  const big = await png(page, "Photo équipe.png", 1600, 1000, 210, true);
  const small = await png(page, "Bannière.png", 1200, 500, 20);
  const fake = { name: "photo-piège.jpg", mime: "image/jpeg", base64: Buffer.from("<!doctype html><script>alert(1)</script>").toString("base64") };
  const exe = { name: "installer.exe", mime: "application/octet-stream", base64: Buffer.from("MZ").toString("base64") };

  // Slow the upload down so that the progress bars can be seen.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 400 * 1024 });
  await drop(page, [big, small, pdf, fake, exe]);
  const items = page.getByTestId("upload-item");
  await expect(items).toHaveCount(5);
  // The .exe is refused at once, naming the file and the reason.
  await expect(page.getByText("« installer.exe » refusé : ce type de fichier n’est pas accepté dans ce dossier.")).toBeVisible();
  await expect(page.locator('[data-phase="sending"] [role="progressbar"]').first()).toBeVisible();
  await shot(page, "41-files-uploading");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  // The HTML disguised as a JPEG is refused by the server after the upload.
  await expect(page.getByText("« photo-piège.jpg » refusé : son contenu ne correspond pas à son type (fichier renommé ?).")).toBeVisible({ timeout: 30_000 });
  await expect(card(page, "Photo équipe.png")).toBeVisible({ timeout: 30_000 });
  await expect(card(page, "Bannière.png")).toBeVisible();
  await expect(card(page, "Brief client.pdf")).toBeVisible();
  await expect(card(page, "photo-piège.jpg")).toHaveCount(0);

  // Thumbnails arrive from the background job and really load (the PDF's is its first page).
  for (const name of ["Photo équipe.png", "Bannière.png", "Brief client.pdf"]) {
    const img = card(page, name).getByTestId("thumbnail");
    await expect(img).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  }
  await expect(page.getByTestId("folder-Contenu")).toContainText("3");
  await shot(page, "42-files-uploaded");
  await phoneShot(page, "42-files-uploaded-phone");

  // Full preview of an image, then of the PDF.
  await card(page, "Photo équipe.png").getByRole("button", { name: /Aperçu/ }).click();
  const preview = page.getByTestId("preview-image");
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1600);
  await shot(page, "43-files-preview-image");
  await page.keyboard.press("Escape");
  await card(page, "Brief client.pdf").getByRole("button", { name: /Aperçu/ }).click();
  await expect(page.getByTestId("preview-dialog").locator("iframe")).toBeVisible();
  await shot(page, "44-files-preview-pdf");
  // The PDF viewer keeps the keyboard: close with the button.
  await page.getByTestId("preview-dialog").getByRole("button", { name: "Fermer" }).click();

  // Clients delete nothing.
  await card(page, "Bannière.png").getByTestId("file-menu").click();
  await expect(page.getByRole("menuitem", { name: "Supprimer" })).toHaveCount(0);
  await page.keyboard.press("Escape");
});

test("the admin uploads v2 of a mockup, marks it final, deletes a file and restores it", async ({ page }) => {
  await login(page, ADMIN);
  await openFiles(page);
  await page.getByTestId("folder-Livrables").click();
  await expect(page.getByText("Aucun fichier dans ce dossier pour l’instant.")).toBeVisible();

  const v1 = await png(page, "Maquette accueil.png", 1280, 800, 260);
  await page.getByTestId("file-input").setInputFiles({ name: v1.name, mimeType: v1.mime, buffer: Buffer.from(v1.base64, "base64") });
  await expect(card(page, "Maquette accueil.png")).toBeVisible({ timeout: 20_000 });
  await expect(card(page, "Maquette accueil.png")).toContainText("v1");

  // A new version through the card's menu.
  const v2 = await png(page, "Maquette accueil v2.png", 1280, 800, 150);
  await card(page, "Maquette accueil.png").getByTestId("file-menu").click();
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("menuitem", { name: "Nouvelle version" }).click();
  await (await chooser).setFiles({ name: v2.name, mimeType: v2.mime, buffer: Buffer.from(v2.base64, "base64") });
  await expect(card(page, "Maquette accueil.png")).toContainText("v2", { timeout: 20_000 });

  // History: both versions, who and when; mark v2 final.
  await card(page, "Maquette accueil.png").getByTestId("file-menu").click();
  await page.getByRole("menuitem", { name: /Historique/ }).click();
  const rows = page.getByTestId("version-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("v2");
  await expect(rows.first()).toContainText("Maquette accueil v2.png");
  await rows.first().getByTestId("mark-final").click();
  await expect(rows.first()).toContainText("Finale");
  await expect(page.getByText("Version 2 marquée finale.")).toBeVisible();
  await expect(rows.first().getByTestId("unmark-final")).toBeEnabled();
  await shot(page, "45-files-history-final");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("history-dialog")).toHaveCount(0);
  await expect(card(page, "Maquette accueil.png").getByTestId("final-badge")).toHaveText("Finale");
  await expect(card(page, "Maquette accueil.png").getByTestId("thumbnail")).toBeVisible({ timeout: 15_000 });
  await shot(page, "46-files-admin-livrables");

  // Delete (soft), then restore from the trash.
  await card(page, "Maquette accueil.png").getByTestId("file-menu").click();
  await page.getByRole("menuitem", { name: "Supprimer" }).click();
  await expect(page.getByTestId("delete-dialog")).toContainText("restaurer pendant 30 jours");
  await page.getByTestId("confirm-delete").click();
  await expect(card(page, "Maquette accueil.png")).toHaveCount(0);
  await expect(page.getByText("Le fichier « Maquette accueil.png » est dans la corbeille.")).toBeVisible();
  await page.getByTestId("open-trash").click();
  const trash = page.getByTestId("trash-row");
  await expect(trash).toHaveCount(1);
  await expect(trash).toContainText("Maquette accueil.png");
  await shot(page, "47-files-trash");
  await trash.getByRole("button", { name: "Restaurer" }).click();
  await expect(page.getByText("La corbeille est vide.")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(card(page, "Maquette accueil.png")).toBeVisible();
  await expect(card(page, "Maquette accueil.png")).toContainText("v2");
  await phoneShot(page, "48-files-admin-phone");
});
