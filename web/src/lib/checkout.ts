import { api } from "@/lib/api/client";
import { call } from "@/lib/api-call";

/**
 * Opens the checkout of a payment request (Stripe's, or the simulated one):
 * the server creates the session on the first click and reuses it while it
 * is open. On success the browser leaves for it and this returns null;
 * otherwise it returns the failed call for the caller to explain.
 */
export async function startCheckout(workspace: string, project: string, payment: string) {
  const r = await call(api.POST("/api/v1/w/{workspace}/projects/{project}/payments/{payment}/checkout", { params: { path: { workspace, project, payment } } }));
  if (r.data) {
    window.location.assign(r.data.url);
    return null;
  }
  return r;
}
