// Whose identity a page outside a workspace shows. Client-facing pages carry
// the workspace's name, logo and accent; the product's own name appears only
// where no workspace is known, and a deployment can rename it.
import { cookies } from "next/headers";
import type { MeWorkspace } from "@/lib/api/types";
import { LAST_WORKSPACE_COOKIE } from "@/lib/last-workspace";


/** The product's name where no workspace is known (PARVIS_PRODUCT_NAME, read at run time). */
export function productName(): string {
  return process.env.PARVIS_PRODUCT_NAME?.trim() || "Parvis";
}

/**
 * The workspace a signed-in person is "in" outside the workspace pages (account,
 * workspace chooser): their only one, or the last one visited. The cookie is only
 * a hint: it must name one of the caller's own workspaces.
 */
export async function knownWorkspace(workspaces: MeWorkspace[]): Promise<MeWorkspace | null> {
  if (workspaces.length === 1) return workspaces[0]!;
  const last = (await cookies()).get(LAST_WORKSPACE_COOKIE)?.value;
  return workspaces.find((w) => w.slug === last) ?? null;
}
