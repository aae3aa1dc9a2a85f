import { api } from "@/lib/api/client";

/**
 * One file (its preview, history or download) or one task (its sheet) was
 * opened: the bell's items about it are read (issue 14), as opening a request
 * reads its thread's. Fire and forget; the server tells the person's tabs.
 */
export function markOpened(workspace: string, project: string, kind: "file" | "task", id: string) {
  const path = { workspace, project, file: id, task: id };
  void (kind === "file"
    ? api.POST("/api/v1/w/{workspace}/projects/{project}/files/{file}/read", { params: { path } })
    : api.POST("/api/v1/w/{workspace}/projects/{project}/tasks/{task}/read", { params: { path } })
  ).catch(() => undefined);
}
