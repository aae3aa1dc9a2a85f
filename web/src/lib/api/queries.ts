// Server-side fetchers for pages and layouts, deduplicated per request.
// 401 → login page; 403/404 → the not-found page (no hint that something exists).
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { serverApi } from "./server";
import { workspaceLoginHref } from "@/lib/last-workspace";

function fail(status: number, what: string, workspace: string): never {
  // Signed out (or the session expired): the workspace's own login.
  if (status === 401) redirect(workspaceLoginHref(workspace));
  if (status === 403 || status === 404 || status === 422) notFound();
  throw new Error(`${what} failed with status ${status}`);
}

export const getWorkspace = cache(async (workspace: string) => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}", { params: { path: { workspace } } });
  return data ?? fail(response.status, "GET workspace", workspace);
});

/** One page of the caller's projects, most recently updated first, and their total. */
export const getProjectPage = cache(async (workspace: string, limit: number, cursor?: string) => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/projects", { params: { path: { workspace }, query: { limit, cursor } } });
  return data ?? fail(response.status, "GET projects", workspace);
});

/** Every project the caller can see (a page of 100 at a time): for lists that must be whole, such as notification preferences. */
export const getAllProjects = cache(async (workspace: string) => {
  const all = [];
  let cursor: string | undefined;
  do {
    const page = await getProjectPage(workspace, 100, cursor);
    all.push(...page.projects);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
});

export const getProject = cache(async (workspace: string, project: string) => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/projects/{project}", { params: { path: { workspace, project } } });
  return data ?? fail(response.status, "GET project", workspace);
});

export const getPeople = cache(async (workspace: string, project: string) => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/projects/{project}/people", { params: { path: { workspace, project } } });
  const people = data ?? fail(response.status, "GET people", workspace);
  return { members: people.members, invitations: people.invitations };
});

/** `asClient`: an admin's client preview (the API answers with what the client would get, never more). */
export const getDashboard = cache(async (workspace: string, project: string, asClient = false) => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/projects/{project}/dashboard", {
    params: { path: { workspace, project }, query: asClient ? { as: "client" } : {} },
  });
  const d = data ?? fail(response.status, "GET dashboard", workspace);
  // Arrays are always arrays; these objects may still come as null (the document does not say so).
  return {
    ...d,
    nextStep: (d.nextStep as typeof d.nextStep | null) ?? null,
    clientAction: (d.clientAction as typeof d.clientAction | null) ?? null,
    lastUpdate: (d.lastUpdate as typeof d.lastUpdate | null) ?? null,
  };
});

export const getBoard = cache(async (workspace: string, project: string) => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/projects/{project}/board", { params: { path: { workspace, project }, query: { origin: "all" } } });
  const b = data ?? fail(response.status, "GET board", workspace);
  return b;
});

/** Private notes (admins only: callers check the role first). */
export const getProjectNotes = cache(async (workspace: string, project: string) => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/projects/{project}/notes", { params: { path: { workspace, project } } });
  return (data ?? fail(response.status, "GET notes", workspace)).notes;
});

export const getActivity = cache(async (workspace: string, project: string, limit: number, asClient = false) => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/projects/{project}/activity", {
    params: { path: { workspace, project }, query: { family: "all", limit, ...(asClient ? { as: "client" as const } : {}) } },
  });
  const a = data ?? fail(response.status, "GET activity", workspace);
  return { entries: a.entries, nextBefore: a.nextBefore ?? null };
});

/** « À vous de jouer »: the oldest things waiting on the client across the caller's projects, and how many in all. */
export const getWaiting = cache(async (workspace: string) => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/waiting", { params: { path: { workspace } } });
  return data ?? fail(response.status, "GET waiting", workspace);
});

/** The project's client requests and where to upload their attachments. */
export const getTickets = cache(async (workspace: string, project: string) => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/projects/{project}/tickets", { params: { path: { workspace, project } } });
  return data ?? fail(response.status, "GET tickets", workspace);
});

/** One request with its thread (a client never receives internal notes). */
export const getTicket = cache(async (workspace: string, project: string, ticket: string) => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/projects/{project}/tickets/{ticket}", { params: { path: { workspace, project, ticket } } });
  return data ?? fail(response.status, "GET ticket", workspace);
});

/** Requests awaiting a decision across projects (admins only: callers check the role first). */
export const getTriage = cache(async (workspace: string) => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/tickets/triage", { params: { path: { workspace } } });
  return (data ?? fail(response.status, "GET triage", workspace)).items;
});

/** The workspace's payment mode and what to register in Stripe (admins; secrets never come back). */
export const getPaymentSettings = cache(async (workspace: string) => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/payment-settings", { params: { path: { workspace } } });
  return data ?? fail(response.status, "GET payment settings", workspace);
});

/** The newest page of a project's conversation ("as client" for an admin's preview). */
export const getMessages = cache(async (workspace: string, project: string, asClient = false) => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/projects/{project}/messages", {
    params: { path: { workspace, project }, query: asClient ? { as: "client" } : {} },
  });
  return data ?? fail(response.status, "GET messages", workspace);
});

/** Unread messages per project and in total (the navigation badges). */
export const getUnreadMessages = cache(async (workspace: string) => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/messages/unread", { params: { path: { workspace } } });
  return data ?? fail(response.status, "GET unread messages", workspace);
});

/** The first page of the caller's notifications (the bell's full page). */
export const getInbox = cache(async (workspace: string, limit: number) => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/notifications", { params: { path: { workspace }, query: { limit } } });
  return data ?? fail(response.status, "GET notifications", workspace);
});

export const getNotificationPreferences = cache(async (workspace: string) => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/notification-preferences", { params: { path: { workspace } } });
  return data ?? fail(response.status, "GET notification preferences", workspace);
});
