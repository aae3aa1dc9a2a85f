// Small shared helpers for the work pages: links to where to act, activity sentences.
import { fmt, type Dictionary } from "@/i18n";
import type { ActivityEntry, ApprovalKind, ColumnKey, WaitingItem } from "@/lib/api/types";
import { numberFormat } from "@/lib/intl";

export const boardColumns: ColumnKey[] = ["backlog", "in_progress", "waiting_client", "done"];

export function projectHref(slug: string, project: string) {
  return `/${slug}/projets/${project}`;
}

export function taskHref(slug: string, project: string, task: string) {
  return `${projectHref(slug, project)}/tableau?tache=${task}`;
}

/** A file on the files page: its folder opens and its card is highlighted. */
export function fileHref(slug: string, project: string, file: string) {
  return `${projectHref(slug, project)}/fichiers?fichier=${file}`;
}

export function approvalHref(slug: string, project: string, approval: string) {
  return `${projectHref(slug, project)}#validation-${approval}`;
}

/** A client request and its thread. */
export function requestHref(slug: string, project: string, request: string) {
  return `${projectHref(slug, project)}/demandes/${request}`;
}

/** Where to act on something waiting on the client: the approval card, the blocked task, or the request's thread. */
export function waitingHref(slug: string, item: WaitingItem) {
  if (item.kind === "payment") return `${projectHref(slug, item.projectId)}/paiements#paiement-${item.id}`;
  if (item.kind === "request") return requestHref(slug, item.projectId, item.id);
  return item.kind === "approval" ? approvalHref(slug, item.projectId, item.id) : taskHref(slug, item.projectId, item.id);
}

/** The label of a waiting item's kind, for the admin or the client. */
export function waitingKind(t: Dictionary, item: WaitingItem, isAdmin: boolean) {
  const w = t.work.waiting;
  if (item.kind === "approval") return w.kindApproval;
  if (item.kind === "payment") return t.payments.waiting.kind;
  if (item.kind === "request") return item.subKind === "priced" ? w.kindRequestPriced : w.kindRequestClarify;
  return isAdmin ? w.kindTask : w.kindTaskClient;
}

/** Cents as euros in the dictionary's locale (« 350 € », « 99,50 € »). */
export function euros(t: Dictionary, cents: number) {
  const whole = cents % 100 === 0;
  return numberFormat(t.meta.intlTag, { style: "currency", currency: "EUR", minimumFractionDigits: whole ? 0 : 2 }).format(cents / 100);
}

export function waitingSince(t: Dictionary, days: number) {
  if (days <= 0) return t.work.dashboard.waitingToday;
  return days === 1 ? t.work.dashboard.waitingDaysOne : fmt(t.work.dashboard.waitingDays, { n: days });
}

function str(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}

function kindOf(v: unknown): ApprovalKind {
  return v === "maquette" || v === "contenu" || v === "livraison" ? v : "custom";
}

/** One activity entry as a sentence in the viewer's language; unknown codes degrade gracefully. */
/** Who reads the journal: the client reads about himself as « vous ». */
export type Viewer = "admin" | "client";

export function describeActivity(t: Dictionary, e: ActivityEntry, viewer: Viewer = "admin"): { text: string; comment?: string } {
  const a = t.work.activity;
  const d = (e.data ?? {}) as Record<string, unknown>;
  const title = str(d.title);
  const vars: Record<string, string> = { title, name: str(d.name), email: str(d.email), reason: str(d.reason), version: str(d.version), action: e.action, number: str(d.number), of: str(d.of), excerpt: str(d.excerpt) };
  if (e.action in t.payments.activity) {
    // Payments: the amount is written in the viewer's language.
    const cents = typeof d.amountCents === "number" ? d.amountCents : 0;
    vars.amount = numberFormat(t.payments.intl, { style: "currency", currency: "EUR" }).format(cents / 100);
    return { text: fmt(t.payments.activity[e.action as keyof Dictionary["payments"]["activity"]], vars) };
  }
  switch (e.action) {
    case "request.priced":
      vars.price = typeof d.priceCents === "number" ? euros(t, d.priceCents) : "";
      break;
    case "task.moved": {
      const to = str(d.to);
      const columns = viewer === "client" ? t.work.board.columnsClient : t.work.board.columns;
      vars.to = to in columns ? columns[to as ColumnKey] : str(d.toLabel) || to;
      break;
    }
    case "task.blocked":
      // The client reads what is expected of him below the sentence, as a
      // quote, rather than after a colon.
      if (viewer === "client") return { text: fmt(a.aClient["task.blocked"], vars), comment: vars.reason || undefined };
      break;
    case "project.status_set": {
      const s = str(d.status);
      if (s === "auto") return { text: a.a["project.status_auto"] };
      const labels = viewer === "client" ? t.statusClient : t.status;
      vars.status = s in labels ? labels[s as keyof Dictionary["status"]] : s;
      break;
    }
    case "approval.requested":
    case "approval.approved":
    case "approval.changes_requested":
    case "approval.cancelled": {
      const k = kindOf(d.kind);
      vars.of = fmt(a.of[k], { title });
      vars.on = fmt(a.on[k], { title });
      vars.approved = fmt(a.approved[k], { title });
      const comment = str(d.comment);
      const template = a.a[e.action];
      return { text: fmt(template, vars), comment: comment || undefined };
    }
  }
  const known =
    viewer === "client" && e.action in a.aClient
      ? a.aClient[e.action as keyof typeof a.aClient]
      : e.action in a.a
        ? a.a[e.action as keyof typeof a.a]
        : a.a.unknown;
  return { text: fmt(known, vars) };
}
