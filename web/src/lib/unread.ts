"use client";

// Unread messages of the workspace, for the navigation (sidebar badges per
// project and the workspace's total). Server-rendered first, then kept up to
// date by UnreadSync (components/unread-sync, loaded after the page with the
// live stream's client).
import { useState } from "react";

export type Unread = { total: number; projects: { projectId: string; unread: number }[] };

/** The counts, reset to the server's when a server render brings fresher ones. */
export function useUnreadState(initial: Unread): [Unread, (u: Unread) => void] {
  const [state, setState] = useState(initial);
  const [seen, setSeen] = useState(initial);
  if (seen !== initial) {
    setSeen(initial);
    setState(initial);
  }
  return [state, setState];
}

export function unreadOf(u: Unread, project: string): number {
  return u.projects.find((p) => p.projectId === project)?.unread ?? 0;
}
