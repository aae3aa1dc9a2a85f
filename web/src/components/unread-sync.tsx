"use client";

import { useEffect, useRef } from "react";
import { useLive } from "@/lib/live";
import type { Unread } from "@/lib/unread";

/**
 * Keeps the navigation's unread counts live: a message posted, edited away,
 * hidden or read anywhere in the workspace makes one re-fetch (bursts
 * coalesced), and so does a catch-up (back on the tab, reconnect, polling
 * while the stream is down).
 */
export function UnreadSync({ workspace, onChange }: { workspace: string; onChange: (u: Unread) => void }) {
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
      const res = await fetch(`/api/v1/w/${encodeURIComponent(workspace)}/messages/unread`, { credentials: "same-origin" }).catch(() => null);
      const data = res?.ok ? ((await res.json().catch(() => null)) as Unread | null) : null;
      // A slower, older answer never overwrites a newer one.
      if (data && mine === gen.current) onChange({ total: data.total, projects: data.projects });
    }, 200);
  });
  return null;
}
