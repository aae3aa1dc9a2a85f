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
