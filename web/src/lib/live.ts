"use client";

// The portal's live stream: one EventSource per browser tab (per workspace),
// shared by every component that listens. The server sends event ids only
// with what changed (kind, project, object), re-read under the user's rights;
// pages then fetch what they show. When the stream is down (blocked proxy,
// server restarting, too many tabs) the same listeners are called on focus
// and on a slow timer instead, so pages still catch up.
import { useEffect, useRef, useSyncExternalStore } from "react";

export type LiveEvent = {
  id: string;
  kind: string; // the action: "message.created", "task.moved", …
  projectId?: string;
  objectType?: string;
  objectId?: string;
};

type Listener = (e: LiveEvent | null) => void; // null: "catch up" (focus, poll, reconnect)

type Channel = { source: EventSource | null; listeners: Set<Listener>; status: "connecting" | "live" | "down"; statusListeners: Set<() => void>; timer?: ReturnType<typeof setInterval> };

const channels = new Map<string, Channel>();
const POLL_MS = 30_000;

function setStatus(ch: Channel, s: Channel["status"]) {
  if (ch.status === s) return;
  ch.status = s;
  ch.statusListeners.forEach((l) => l());
}

function emit(ch: Channel, e: LiveEvent | null) {
  ch.listeners.forEach((l) => {
    try {
      l(e);
    } catch {
      /* one listener's bug does not stop the others */
    }
  });
}

function open(workspace: string): Channel {
  let ch = channels.get(workspace);
  if (ch) return ch;
  ch = { source: null, listeners: new Set(), status: "connecting", statusListeners: new Set() };
  channels.set(workspace, ch);
  const c = ch;
  if (typeof EventSource !== "undefined") {
    const src = new EventSource(`/api/v1/w/${encodeURIComponent(workspace)}/events`);
    c.source = src;
    src.onopen = () => {
      // After a reconnect the browser sent Last-Event-ID and the server
      // replays what was missed; a catch-up covers anything older.
      if (c.status === "down") emit(c, null);
      setStatus(c, "live");
    };
    src.onerror = () => setStatus(c, src.readyState === EventSource.CLOSED ? "down" : "connecting");
    // A replay after a reconnect may repeat the last events: one delivery each.
    const seen = new Set<number>();
    src.onmessage = (m) => {
      try {
        const d = JSON.parse(m.data) as { event: number } & Omit<LiveEvent, "id">;
        if (seen.has(d.event)) return;
        seen.add(d.event);
        if (seen.size > 500) seen.delete(seen.values().next().value!);
        emit(c, { ...d, id: String(d.event) });
      } catch {
        /* not ours */
      }
    };
  } else {
    c.status = "down";
  }
  // Fallbacks: the tab comes back, or the stream is not live.
  const onFocus = () => document.visibilityState === "visible" && emit(c, null);
  document.addEventListener("visibilitychange", onFocus);
  c.timer = setInterval(() => {
    if (c.status !== "live" && document.visibilityState === "visible") emit(c, null);
  }, POLL_MS);
  return c;
}

function close(workspace: string) {
  const ch = channels.get(workspace);
  if (!ch || ch.listeners.size > 0) return;
  ch.source?.close();
  if (ch.timer) clearInterval(ch.timer);
  channels.delete(workspace);
}

/**
 * Calls `onEvent` for every live event of the workspace, and with null when
 * the page should catch up (back on the tab, reconnected, or every 30 s while
 * the stream is down). The tab's one stream closes with its last listener.
 */
export function useLive(workspace: string, onEvent: Listener) {
  const ref = useRef(onEvent);
  useEffect(() => {
    ref.current = onEvent;
  });
  useEffect(() => {
    const ch = open(workspace);
    const l: Listener = (e) => ref.current(e);
    ch.listeners.add(l);
    return () => {
      ch.listeners.delete(l);
      // Let a page that replaces this one take the stream over.
      setTimeout(() => close(workspace), 1000);
    };
  }, [workspace]);
}

/** Whether the tab's stream is live (for a discreet indicator). */
export function useLiveStatus(workspace: string): Channel["status"] {
  return useSyncExternalStore(
    (cb) => {
      const ch = open(workspace);
      ch.statusListeners.add(cb);
      return () => ch.statusListeners.delete(cb);
    },
    () => channels.get(workspace)?.status ?? "connecting",
    () => "connecting",
  );
}
