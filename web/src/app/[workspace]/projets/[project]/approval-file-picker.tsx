"use client";

import { useEffect, useState } from "react";
import { CheckIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import type { FileItem, FileVersion, Folder } from "@/components/files/types";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { call } from "@/lib/api-call";

type Group = { folder: string; files: FileItem[] };
type Version = Pick<FileVersion, "id" | "number" | "final">;

/**
 * « Fichier à valider (optionnel) »: one of the project's files and the exact
 * version to cite (the current one by default). `onChange` gets the version's
 * id, or "" for no file. Mounted with the dialog's content, so it loads the
 * project's files each time the dialog opens.
 */
export function ApprovalFilePicker({
  workspace,
  project,
  onChange,
  error,
}: {
  workspace: string;
  project: string;
  onChange: (fileVersionId: string) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const a = t.work.approvals;
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [fileId, setFileId] = useState("");
  const [fetched, setFetched] = useState<{ fileId: string; versions: Version[] } | null>(null);
  const [versionId, setVersionId] = useState("");

  useEffect(() => {
    let live = true;
    void (async () => {
      const path = { workspace, project };
      const r = await call(api.GET("/api/v1/w/{workspace}/projects/{project}/folders", { params: { path } }));
      const folders = r.data?.folders ?? [];
      if (!r.data) return live && setFailed(true);
      const byId = new Map(folders.map((f) => [f.id, f]));
      const name = (f: Folder) => (f.standard ? (t.files.folderNames[f.kind] ?? f.name) : f.name);
      const label = (f: Folder) => {
        const parent = f.parentId ? byId.get(f.parentId) : undefined;
        return parent ? `${name(parent)} / ${name(f)}` : name(f);
      };
      const lists = await Promise.all(
        folders.map(async (f) => {
          const l = await call(api.GET("/api/v1/w/{workspace}/projects/{project}/folders/{folder}/files", { params: { path: { ...path, folder: f.id } } }));
          return { folder: label(f), files: l.data?.files ?? [] };
        }),
      );
      if (live) setGroups(lists.filter((g) => g.files.length > 0));
    })();
    return () => {
      live = false;
    };
  }, [workspace, project, t]);

  const file = groups?.flatMap((g) => g.files).find((f) => f.id === fileId);

  // The versions of the chosen file: its current one at once, all of them once
  // fetched (only when there is a choice).
  const versions: Version[] | null = !file
    ? null
    : fetched?.fileId === file.id
      ? fetched.versions
      : [{ id: file.versionId, number: file.version, final: file.finalVersion === file.version }];
  useEffect(() => {
    if (!file || file.versionCount <= 1) return;
    let live = true;
    const id = file.id;
    void call(api.GET("/api/v1/w/{workspace}/projects/{project}/files/{file}", { params: { path: { workspace, project, file: id } } })).then(
      (r) => live && r.data?.versions?.length && setFetched({ fileId: id, versions: [...r.data.versions].sort((x, y) => y.number - x.number) }),
    );
    return () => {
      live = false;
    };
  }, [file, workspace, project]);

  function pickFile(id: string) {
    const f = groups?.flatMap((g) => g.files).find((x) => x.id === id);
    setFileId(id);
    setVersionId(f?.versionId ?? "");
    onChange(f?.versionId ?? "");
  }

  function pickVersion(id: string) {
    setVersionId(id);
    onChange(id);
  }

  const finalTag = (f: FileItem) =>
    !f.finalVersion ? "" : f.finalVersion === f.version ? ` · ${a.finalTag}` : ` · ${fmt(a.finalTagOf, { n: f.finalVersion })}`;
  const chosen = versions?.find((v) => v.id === versionId);
  const empty = groups !== null && groups.length === 0;

  return (
    <div className="grid gap-3" data-testid="approval-file-picker">
      <Field label={a.fileLabel} error={error} hint={failed ? t.common.genericError : empty ? a.fileEmpty : chosen ? undefined : a.fileHint}>
        <NativeSelect value={fileId} disabled={groups === null || empty} onChange={(e) => pickFile(e.target.value)}>
          <option value="">{groups === null && !failed ? a.fileLoading : a.fileNone}</option>
          {groups?.map((g) => (
            <optgroup key={g.folder} label={g.folder}>
              {g.files.map((f) => (
                <option key={f.id} value={f.id}>
                  {fmt(a.fileOption, { name: f.name, version: f.version }) + finalTag(f)}
                </option>
              ))}
            </optgroup>
          ))}
        </NativeSelect>
      </Field>
      {file ? (
        <Field
          label={a.fileVersion}
          labelExtra={
            chosen?.final ? (
              <Badge variant="done" className="px-1.5 py-0 text-[11px]">
                <CheckIcon className="size-3" aria-hidden /> {t.files.final}
              </Badge>
            ) : null
          }
        >
          <NativeSelect value={versionId} disabled={!versions || versions.length <= 1} onChange={(e) => pickVersion(e.target.value)}>
            {versions?.map((v) => (
              <option key={v.id} value={v.id}>
                {fmt(v.number === file.version ? a.versionCurrent : a.versionOther, { n: v.number }) + (v.final ? ` · ${a.finalTag}` : "")}
              </option>
            ))}
          </NativeSelect>
        </Field>
      ) : null}
    </div>
  );
}
