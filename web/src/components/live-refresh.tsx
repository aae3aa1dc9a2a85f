"use client";

import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { useLive } from "@/lib/live";

/**
 * Re-renders the project's pages (server components: the dashboard's status,
 * the board's cards, the navigation's counts) when the live stream says
 * something changed in the project, or when the tab comes back. Bursts (a
 * drag and drop writes several events) make one refresh.
 */
export function LiveRefresh({ workspace, project }: { workspace: string; project: string }) {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  useLive(workspace, (e) => {
    // A read mark changes nothing a page shows but the conversation's
    // « Vu par le client », which the conversation fetches itself; the
    // bell's own events (inbox.*) are the bell's.
    if (e && (e.projectId !== project || e.kind === "message.read" || e.kind.startsWith("inbox."))) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => router.refresh(), 250);
  });
  return null;
}
