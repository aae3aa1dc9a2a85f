"use client";

import { useEffect } from "react";
import { api } from "@/lib/api/client";

/**
 * The project's payments (or approvals) are on screen: the bell's items
 * about them are read (issue 14). The server tells the person's tabs, whose
 * bells refetch. Off in an admin's client preview.
 */
export function useViewedInBell(workspace: string, project: string, objectType: "payment" | "approval", enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    void api
      .POST("/api/v1/w/{workspace}/projects/{project}/notifications/read", { params: { path: { workspace, project } }, body: { objectType } })
      .catch(() => undefined);
  }, [workspace, project, objectType, enabled]);
}

/**
 * One file (its preview, history or download) or one task (its sheet) was
 * opened: the bell's items about it are read (issue 14), as opening a request
 * reads its thread's. Fire and forget; the server tells the person's tabs.
 */
export function markOpened(workspace: string, project: string, kind: "file" | "task", id: string) {
  const done = () => undefined;
  if (kind === "file") {
    void api.POST("/api/v1/w/{workspace}/projects/{project}/files/{file}/read", { params: { path: { workspace, project, file: id } } }).catch(done);
  } else {
    void api.POST("/api/v1/w/{workspace}/projects/{project}/tasks/{task}/read", { params: { path: { workspace, project, task: id } } }).catch(done);
  }
}
