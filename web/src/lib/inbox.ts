"use client";

// The notification bell's data (issue 14, in-app): the unread count and the
// inbox's pages, kept fresh by the live stream (the server sends the person
// « inbox.added » and « inbox.read » events of their own) and by the local
// changes of this tab (marking read here).
import { useCallback, useEffect, useRef, useState } from "react";
import type { AppLocale } from "@/i18n";
import { dateFormat, relativeFormat } from "@/lib/intl";
import { api } from "@/lib/api/client";
import type { InboxItem, InboxPage } from "@/lib/api/types";
import { useLive, type LiveEvent } from "@/lib/live";

const P = "/api/v1/w/{workspace}/notifications" as const;

// This tab's own changes (a read here): every bell and list of the tab refetches.
const localListeners = new Set<() => void>();
export function inboxChanged() {
  localListeners.forEach((l) => l());
}

/** Whether a live event may change the person's inbox. */
function concernsInbox(e: LiveEvent | null) {
  return e === null || e.kind === "inbox.added" || e.kind === "inbox.read";
}

/** Calls `refresh` when the inbox may have changed (live, local, back on the tab). */
export function useInboxRefresh(workspace: string, refresh: () => void) {
  const ref = useRef(refresh);
  useEffect(() => {
    ref.current = refresh;
  });
  useLive(workspace, (e) => {
    if (concernsInbox(e)) ref.current();
  });
  useEffect(() => {
    const l = () => ref.current();
    localListeners.add(l);
    return () => {
      localListeners.delete(l);
    };
  }, []);
}

/** The badge's number; null until known. */
export function useUnreadCount(workspace: string) {
  const [count, setCount] = useState<number | null>(null);
  const load = useCallback(async () => {
    const { data } = await api.GET(`${P}/unread-count`, { params: { path: { workspace } } }).catch(() => ({ data: undefined }));
    if (data) setCount(data.unread);
  }, [workspace]);
  useEffect(() => {
    // The first count, fetched once mounted (set in the promise's callback).
    let live = true;
    void api
      .GET(`${P}/unread-count`, { params: { path: { workspace } } })
      .then(({ data }) => live && data && setCount(data.unread))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [workspace]);
  useInboxRefresh(workspace, () => void load());
  return count;
}

export async function fetchInbox(workspace: string, opts: { limit?: number; cursor?: string; unread?: boolean } = {}): Promise<InboxPage | null> {
  const { data } = await api
    .GET(P, { params: { path: { workspace }, query: { limit: opts.limit, cursor: opts.cursor, unread: opts.unread || undefined } } })
    .catch(() => ({ data: undefined }));
  return data ?? null;
}

export async function markRead(workspace: string, id: string) {
  await api.POST(`${P}/{notification}/read`, { params: { path: { workspace, notification: id } } }).catch(() => undefined);
  inboxChanged();
}

export async function markAllRead(workspace: string) {
  const { response } = await api.POST(`${P}/read`, { params: { path: { workspace } } }).catch(() => ({ response: undefined }));
  inboxChanged();
  return response?.ok ?? false;
}

/** « 9+ » beyond nine. */
export function badgeText(n: number) {
  return n > 9 ? "9+" : String(n);
}

const intl: Record<AppLocale, string> = { fr: "fr-FR", en: "en-GB" };

/** « il y a 5 minutes », « hier », « 3 mars » beyond a week. */
export function relativeTime(locale: AppLocale, iso: string, now: number, justNow: string): string {
  const t = new Date(iso).getTime();
  const s = Math.round((t - now) / 1000);
  if (Math.abs(s) < 45) return justNow;
  const rtf = relativeFormat(intl[locale], { numeric: "auto" });
  const m = Math.round(s / 60);
  if (Math.abs(m) < 60) return rtf.format(m, "minute");
  const h = Math.round(m / 60);
  if (Math.abs(h) < 24) return rtf.format(h, "hour");
  const d = Math.round(h / 24);
  if (Math.abs(d) < 7) return rtf.format(d, "day");
  return dateFormat(intl[locale], { day: "numeric", month: "short", timeZone: "Europe/Paris" }).format(new Date(iso));
}

export type { InboxItem };
