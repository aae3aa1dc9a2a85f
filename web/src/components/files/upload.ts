// The browser's half of the upload pipeline: ask → PUT the bytes to the
// signed URL (XMLHttpRequest, for progress events) → confirm. Every failure
// comes back as a refusal code the UI turns into a sentence naming the file.
import { api } from "@/lib/api/client";
import { asProblem } from "@/lib/api/errors";
import type { FileDetail, Scope } from "./types";

const P = "/api/v1/w/{workspace}/projects/{project}" as const;

export type UploadTarget = { folder: string } | { file: string };

export type UploadOutcome =
  | { ok: true; file: FileDetail }
  | { ok: false; code: string };

function codeOf(status: number, error: unknown): string {
  const code = asProblem(error).code;
  if (code) return code;
  if (status === 429) return "too_many_uploads";
  return "generic";
}

function put(url: string, contentType: string, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<number> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.setRequestHeader("Content-Type", contentType);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => resolve(xhr.status);
    xhr.onerror = () => resolve(0);
    xhr.onabort = () => resolve(0);
    signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(file);
  });
}

export async function uploadFile(
  scope: Scope,
  target: UploadTarget,
  file: File,
  onProgress: (fraction: number, phase: "sending" | "checking") => void,
): Promise<UploadOutcome> {
  const body = { name: file.name, size: file.size, contentType: file.type };
  try {
    const ask =
      "folder" in target
        ? await api.POST(`${P}/folders/{folder}/uploads`, { params: { path: { ...scope, folder: target.folder } }, body })
        : await api.POST(`${P}/files/{file}/uploads`, { params: { path: { ...scope, file: target.file } }, body });
    if (!ask.data) return { ok: false, code: codeOf(ask.response.status, ask.error) };
    const ticket = ask.data;
    const upload = { path: { ...scope, upload: ticket.uploadId } };
    // The bytes go straight to storage through the signed URL: not our API, so no typed client.
    const status = await put(ticket.url, ticket.contentType, file, (f) => onProgress(f, "sending"));
    if (status < 200 || status >= 300) {
      // Nothing usable arrived: abandon the upload (its bytes, if any, are deleted).
      void api.DELETE(`${P}/uploads/{upload}`, { params: upload }).catch(() => {});
      return { ok: false, code: status === 0 ? "network" : "generic" };
    }
    onProgress(1, "checking");
    const done = await api.POST(`${P}/uploads/{upload}/confirm`, { params: upload });
    if (!done.data) return { ok: false, code: codeOf(done.response.status, done.error) };
    return { ok: true, file: done.data };
  } catch {
    return { ok: false, code: "network" };
  }
}
