/** Set by the proxy on every workspace page: the last workspace the browser was in (a hint, see lib/brand.ts). */
export const LAST_WORKSPACE_COOKIE = "parvis_ws";
