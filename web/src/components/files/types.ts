// Wire types of the files module, derived from the generated OpenAPI paths.
import type { paths } from "@/lib/api/schema";
import { numberFormat } from "@/lib/intl";

type JsonOf<R> = R extends { content: { "application/json": infer T } } ? T : never;
type P = "/api/v1/w/{workspace}/projects/{project}";

export type FoldersResponse = JsonOf<paths[`${P}/folders`]["get"]["responses"][200]>;
export type Folder = NonNullable<FoldersResponse["folders"]>[number];
export type FileItem = NonNullable<JsonOf<paths[`${P}/folders/{folder}/files`]["get"]["responses"][200]>["files"]>[number];
export type FileDetail = JsonOf<paths[`${P}/files/{file}`]["get"]["responses"][200]>;
export type FileVersion = NonNullable<FileDetail["versions"]>[number];
export type DeletedFile = NonNullable<JsonOf<paths[`${P}/trash`]["get"]["responses"][200]>["files"]>[number];

export type Scope = { workspace: string; project: string };

export const filesBase = ({ workspace, project }: Scope) =>
  `/api/v1/w/${encodeURIComponent(workspace)}/projects/${encodeURIComponent(project)}`;

export function downloadUrl(s: Scope, file: string, opts: { version?: number; inline?: boolean } = {}) {
  const q = new URLSearchParams();
  if (opts.version) q.set("version", String(opts.version));
  if (opts.inline) q.set("inline", "true");
  const qs = q.toString();
  return `${filesBase(s)}/files/${file}/download${qs ? `?${qs}` : ""}`;
}

export function thumbnailUrl(s: Scope, file: string, version: number) {
  return `${filesBase(s)}/files/${file}/thumbnail?version=${version}`;
}

/** 1 234 567 → "1,2 Mo" / "1.2 MB". */
export function formatBytes(bytes: number, locale: string): string {
  const fr = locale === "fr";
  const units = fr ? ["o", "Ko", "Mo", "Go", "To"] : ["B", "KB", "MB", "GB", "TB"];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const n = numberFormat(fr ? "fr-FR" : "en-GB", { maximumFractionDigits: v < 10 && i > 0 ? 1 : 0 }).format(v);
  return `${n} ${units[i]}`;
}
