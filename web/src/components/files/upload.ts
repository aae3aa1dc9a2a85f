// The browser's half of the upload pipeline: ask → PUT the bytes to the
// signed URL (XMLHttpRequest, for progress events) → confirm. Every failure
// comes back as a refusal code the UI turns into a sentence naming the file.
import { asProblem } from "@/lib/api/errors";
import { filesBase, type FileDetail, type Scope } from "./types";

export type UploadTarget = { folder: string } | { file: string };

export type UploadOutcome =
  | { ok: true; file: FileDetail }
  | { ok: false; code: string };

async function postJSON(url: string, body?: unknown): Promise<{ status: number; data: unknown }> {
  const res = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  return { status: res.status, data };
}

function codeOf(status: number, data: unknown): string {
  const code = asProblem(data).code;
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
  const base = filesBase(scope);
  const askUrl = "folder" in target ? `${base}/folders/${target.folder}/uploads` : `${base}/files/${target.file}/uploads`;
  try {
    const ask = await postJSON(askUrl, { name: file.name, size: file.size, contentType: file.type });
    if (ask.status !== 201) return { ok: false, code: codeOf(ask.status, ask.data) };
    const ticket = ask.data as { uploadId: string; url: string; contentType: string };
    const status = await put(ticket.url, ticket.contentType, file, (f) => onProgress(f, "sending"));
    if (status < 200 || status >= 300) {
      // Nothing usable arrived: abandon the upload (its bytes, if any, are deleted).
      void fetch(`${base}/uploads/${ticket.uploadId}`, { method: "DELETE", credentials: "same-origin" }).catch(() => {});
      return { ok: false, code: status === 0 ? "network" : "generic" };
    }
    onProgress(1, "checking");
    const done = await postJSON(`${base}/uploads/${ticket.uploadId}/confirm`);
    if (done.status !== 200) return { ok: false, code: codeOf(done.status, done.data) };
    return { ok: true, file: done.data as FileDetail };
  } catch {
    return { ok: false, code: "network" };
  }
}
