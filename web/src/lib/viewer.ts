import { cache } from "react";
import { cookies } from "next/headers";
import { getWorkspace } from "@/lib/api/queries";
import { PREVIEW_COOKIE, previewingFrom } from "@/lib/preview";

export type Viewer = {
  /** Admin controls and admin wording: false for a client and during a client preview. */
  isAdmin: boolean;
  /** An admin previewing the project as its client: read-only, client wording. */
  preview: boolean;
  /** The caller's real role (the preview switch is offered to admins only). */
  role: "admin" | "client";
};

/** Who a project page is rendered for. Deduplicated within one request. */
export const getViewer = cache(async (slug: string, project: string): Promise<Viewer> => {
  const [workspace, jar] = await Promise.all([getWorkspace(slug), cookies()]);
  const preview = previewingFrom(jar.get(PREVIEW_COOKIE)?.value, workspace.role, project);
  return { isAdmin: workspace.role === "admin" && !preview, preview, role: workspace.role };
});
