"use client";

// Unread messages of the workspace, for the navigation (sidebar badges per
// project and the workspace's total). Server-rendered first, then kept up to
// date by the live stream: a message posted, edited away, hidden or read
// anywhere in the workspace makes one re-fetch (bursts coalesced), and so
// does a catch-up (back on the tab, reconnect, polling while the stream is
// down).
import { useEffect, useRef, useState } from "react";
import { api } from "@/lib/api/client";
import { useLive } from "@/lib/live";

export type Unread = { total: number; projects: { projectId: string; unread: number }[] };

export function useUnread(workspace: string, initial: Unread): Unread {
  const [state, setState] = useState(initial);
  // A server re-render (router.refresh) brings fresher counts.
  const [seen, setSeen] = useState(initial);
  if (seen !== initial) {
    setSeen(initial);
    setState(initial);
  }
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const gen = useRef(0);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  useLive(workspace, (e) => {
    if (e && !e.kind.startsWith("message.")) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const mine = ++gen.current;
      const { data } = await api.GET("/api/v1/w/{workspace}/messages/unread", { params: { path: { workspace } } });
      // A slower, older answer never overwrites a newer one.
      if (data && mine === gen.current) setState({ total: data.total, projects: data.projects });
    }, 200);
  });
  return state;
}

export function unreadOf(u: Unread, project: string): number {
  return u.projects.find((p) => p.projectId === project)?.unread ?? 0;
}
