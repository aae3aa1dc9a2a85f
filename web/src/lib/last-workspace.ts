/** Set by the proxy on every workspace page: the last workspace the browser was in (a hint, see lib/brand.ts). */
export const LAST_WORKSPACE_COOKIE = "parvis_ws";

/** A workspace's own login page: the login wearing its name, logo and accent. */
export function workspaceLoginHref(slug: string, next?: string): string {
  return `/${encodeURIComponent(slug)}/connexion${next ? `?next=${encodeURIComponent(next)}` : ""}`;
}
