// Server-side API access: layouts and pages call the Go API directly,
// forwarding the browser's cookies and the client's address (from the
// socket, never from what the browser claims: see forwarding.ts).
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import createClient from "openapi-fetch";
import type { paths } from "./schema";
import { clientAddress } from "./forwarding";
import type { Me, MeWorkspace } from "./types";

export const apiBaseUrl = (process.env.PARVIS_API_URL ?? "http://127.0.0.1:8080").replace(/\/+$/, "");

export async function serverApi() {
  const jar = await cookies();
  const cookie = jar.toString();
  const client = clientAddress(await headers());
  const forwarded: Record<string, string> = {};
  if (cookie) forwarded.cookie = cookie;
  // Without a vouched-for address, none: the API then sees this server's.
  if (client) forwarded["x-forwarded-for"] = client;
  return createClient<paths>({
    baseUrl: apiBaseUrl,
    headers: forwarded,
    cache: "no-store",
  });
}

/** The signed-in user, or null. Deduplicated within one request. */
export type MeData = Me & { workspaces: MeWorkspace[] };

export const getMe = cache(async (): Promise<MeData | null> => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/me");
  if (data) return data;
  if (response.status === 401) return null;
  throw new Error(`GET /api/v1/me failed with status ${response.status}`);
});

/** The signed-in user; redirects to the login page (`login`, by default the product's) when there is none. */
export async function requireMe(login = "/connexion"): Promise<MeData> {
  const me = await getMe();
  if (!me) redirect(login);
  return me;
}
