// Whose identity a page outside a workspace shows. Client-facing pages carry
// the workspace's name, logo and accent; the product's own name appears only
// where no workspace is known, and a deployment can rename it.
import { cookies } from "next/headers";
import type { MeWorkspace } from "@/lib/api/types";
import { LAST_WORKSPACE_COOKIE } from "@/lib/last-workspace";
import { serverApi } from "@/lib/api/server";


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

export type PublicBrand = { name: string; slug: string; accentColor: string; hasLogo: boolean };

const slugRe = /^[a-z0-9][a-z0-9-]{0,47}$/;

/**
 * The public face of the workspace named by slug (name, accent, logo), read
 * anonymously for its login page; null when there is no such workspace.
 */
export async function getPublicBrand(slug: string | undefined | null): Promise<PublicBrand | null> {
  if (!slug || !slugRe.test(slug)) return null;
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/public/workspaces/{slug}", { params: { path: { slug } } });
  if (data) return data;
  if (response.status === 404) return null;
  throw new Error(`GET public workspace failed with status ${response.status}`);
}

/** The logo of a workspace, readable without a session (login pages). */
export function publicLogoUrl(brand: PublicBrand): string | null {
  return brand.hasLogo ? `/api/v1/public/workspaces/${encodeURIComponent(brand.slug)}/logo` : null;
}
