// The client's address, as web/gateway/peer.cjs left it in X-Forwarded-For
// before Next.js read the request (security guide point 29). Server-only.
import { isIP } from "node:net";

const MARK = Symbol.for("parvis.gateway.peer");

/** Whether peer.cjs was loaded into this server (node --require). */
export function peerModuleLoaded(): boolean {
  return (globalThis as Record<symbol, unknown>)[MARK] === true;
}

/**
 * The client's IP address, or null when it cannot be vouched for: without
 * peer.cjs, X-Forwarded-For is whatever the browser sent.
 */
export function clientAddress(headers: Headers): string | null {
  if (!peerModuleLoaded()) return null;
  const value = headers.get("x-forwarded-for")?.trim() ?? "";
  return isIP(value) ? value : null;
}

/** Headers a browser may not pass on to the API (the gateway sets its own). */
export const forwardingHeaders = new Set([
  "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "forwarded", "x-real-ip",
  "x-client-ip", "true-client-ip", "cf-connecting-ip", "fastly-client-ip", "x-cluster-client-ip",
]);
