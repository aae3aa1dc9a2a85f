"use client";

import { useEffect, useState } from "react";
import { CheckIcon, DownloadIcon, ExternalLinkIcon, RotateCcwIcon, StarIcon, StarOffIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { fmt, formatDate, formatDateTime } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { asProblem, problemMessage } from "@/lib/api/errors";
import { downloadUrl, formatBytes, type DeletedFile, type FileDetail, type FileItem, type Folder, type Scope } from "./types";

/** The last non-null value, so that a closing dialog keeps its content during its animation. */
function useLast<T>(value: T | null): T | null {
  const [last, setLast] = useState(value);
  if (value !== null && value !== last) setLast(value);
  return value ?? last;
}

const P = "/api/v1/w/{workspace}/projects/{project}" as const;

export function PreviewDialog({ scope, file: current, onClose }: { scope: Scope; file: FileItem | null; onClose: () => void }) {
  const { t } = useI18n();
  const file = useLast(current);
  const inline = file ? downloadUrl(scope, file.id, { version: file.version, inline: true }) : "";
  return (
    <Dialog open={current !== null} onOpenChange={(o) => !o && onClose()}>
      <DialogContent closeLabel={t.common.close} className="max-w-4xl gap-4 p-4 sm:p-6" data-testid="preview-dialog">
        {file ? (
          <>
            <DialogHeader>
              <DialogTitle className="truncate">{file.name}</DialogTitle>
              <DialogDescription>
                {fmt(t.files.version, { n: file.version })} · {file.uploadedByName}
              </DialogDescription>
            </DialogHeader>
            <div className="flex min-h-48 items-center justify-center overflow-hidden rounded-lg bg-surface ring-1 ring-border">
              {file.type === "pdf" ? (
                <iframe src={inline} title={file.name} className="h-[70dvh] w-full bg-white" />
              ) : (
                <img src={inline} alt={file.name} className="max-h-[70dvh] w-auto max-w-full object-contain" data-testid="preview-image" />
              )}
            </div>
            <DialogFooter>
              <Button variant="secondary" asChild>
                <a href={inline} target="_blank" rel="noopener noreferrer">
                  <ExternalLinkIcon /> {t.files.openNewTab}
                </a>
              </Button>
              <Button asChild>
                <a href={downloadUrl(scope, file.id, { version: file.version })}>
                  <DownloadIcon /> {t.files.download}
                </a>
              </Button>
            </DialogFooter>
          </>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

export function HistoryDialog({ scope, file: current, isAdmin, onClose, onChanged }: {
  scope: Scope;
  file: FileItem | null;
  isAdmin: boolean;
  onClose: () => void;
  onChanged: () => Promise<void>;
}) {
  const { t, locale } = useI18n();
  const file = useLast(current);
  const [detail, setDetail] = useState<FileDetail | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // The detail belongs to one file: a new file shows the skeleton until its own detail arrives.
  const [detailOf, setDetailOf] = useState<string | null>(null);
  if (current && current.id !== detailOf) {
    setDetailOf(current.id);
    setDetail(null);
  }
  useEffect(() => {
    if (!current) return;
    let live = true;
    void api
      .GET(`${P}/files/{file}`, { params: { path: { ...scope, file: current.id } } })
      .then(({ data }) => live && data && setDetail(data))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [current, scope]);

  async function setFinal(versionId: string, number: number, final: boolean) {
    if (!detail) return;
    setBusy(versionId);
    try {
      const { data, error, response } = await api.PUT(`${P}/files/{file}/versions/{version}/final`, {
        params: { path: { ...scope, file: detail.id, version: versionId } },
        body: { final },
      });
      if (data) {
        setDetail(data);
        toast.success(final ? fmt(t.files.markedFinal, { n: number }) : t.files.unmarkedFinal);
        await onChanged();
      } else toast.error(problemMessage(t, error, response));
    } catch {
      toast.error(t.common.networkError);
    }
    setBusy(null);
  }

  return (
    <Dialog open={current !== null} onOpenChange={(o) => !o && onClose()}>
      <DialogContent closeLabel={t.common.close} className="max-w-xl" data-testid="history-dialog">
        <DialogHeader>
          <DialogTitle className="truncate">{file ? fmt(t.files.historyTitle, { name: file.name }) : ""}</DialogTitle>
          <DialogDescription>{t.files.historyHint}</DialogDescription>
        </DialogHeader>
        {detail === null ? (
          <div className="grid gap-3">
            <Skeleton className="h-16" />
            <Skeleton className="h-16" />
          </div>
        ) : (
          <ol className="grid gap-2">
            {(detail.versions ?? []).map((v) => (
              <li key={v.id} className="rounded-lg border p-3" data-testid="version-row" data-version={v.number}>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="text-sm font-semibold">{fmt(t.files.version, { n: v.number })}</span>
                  {v.final ? (
                    <Badge variant="done">
                      <CheckIcon className="size-3" aria-hidden /> {t.files.final}
                    </Badge>
                  ) : null}
                  <span className="min-w-0 flex-1 truncate text-sm text-muted-foreground" title={v.name}>{v.name}</span>
                </div>
                <p className="mt-1 text-xs text-muted-foreground">
                  {fmt(t.files.uploadedAt, { date: formatDateTime(locale, v.createdAt), name: v.uploadedByName || "—" })} · {formatBytes(v.size, locale)}
                </p>
                <p className="mt-0.5 truncate font-mono text-[11px] text-muted-foreground" title={v.sha256}>
                  {t.files.fingerprint}
                  {t.common.colon}
                  {v.sha256.slice(0, 16)}…
                </p>
                <div className="mt-2 flex flex-wrap gap-1.5">
                  <Button variant="secondary" size="sm" asChild>
                    <a href={downloadUrl(scope, detail.id, { version: v.number })}>
                      <DownloadIcon /> {t.files.download}
                    </a>
                  </Button>
                  {isAdmin ? (
                    <Button variant="ghost" size="sm" disabled={busy !== null} onClick={() => setFinal(v.id, v.number, !v.final)} data-testid={v.final ? "unmark-final" : "mark-final"}>
                      {v.final ? <StarOffIcon /> : <StarIcon />} {v.final ? t.files.unmarkFinal : t.files.markFinal}
                    </Button>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        )}
      </DialogContent>
    </Dialog>
  );
}

export function DeleteDialog({ scope, file: current, onClose, onDone }: { scope: Scope; file: FileItem | null; onClose: () => void; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const file = useLast(current);
  const [busy, setBusy] = useState(false);
  async function remove() {
    if (!file) return;
    setBusy(true);
    try {
      const { error, response } = await api.DELETE(`${P}/files/{file}`, { params: { path: { ...scope, file: file.id } } });
      if (response.ok) {
        const name = file.name;
        const id = file.id;
        onClose();
        await onDone();
        toast.success(fmt(t.files.deleted, { name }), {
          action: {
            label: t.files.undo,
            onClick: async () => {
              const r = await api.POST(`${P}/files/{file}/restore`, { params: { path: { ...scope, file: id } } });
              if (r.response.ok) {
                toast.success(fmt(t.files.restored, { name }));
                await onDone();
              }
            },
          },
        });
      } else toast.error(problemMessage(t, error, response));
    } catch {
      toast.error(t.common.networkError);
    }
    setBusy(false);
  }
  return (
    <Dialog open={current !== null} onOpenChange={(o) => !o && onClose()}>
      <DialogContent closeLabel={t.common.close} data-testid="delete-dialog">
        <DialogHeader>
          <DialogTitle>{file ? fmt(t.files.deleteTitle, { name: file.name }) : ""}</DialogTitle>
          <DialogDescription>{t.files.deleteBody}</DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary">{t.common.cancel}</Button>
          </DialogClose>
          <Button variant="destructive" onClick={remove} disabled={busy} data-testid="confirm-delete">
            {t.files.delete}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

export function TrashDialog({ scope, open, onClose, onRestored }: { scope: Scope; open: boolean; onClose: () => void; onRestored: () => Promise<void> }) {
  const { t, locale } = useI18n();
  const [items, setItems] = useState<DeletedFile[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // Each opening shows the skeleton until the trash has been read again.
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setItems(null);
  }
  useEffect(() => {
    if (!open) return;
    let live = true;
    void api
      .GET(`${P}/trash`, { params: { path: scope } })
      .then(({ data }) => live && data && setItems(data.files ?? []))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [open, scope]);

  async function restore(f: DeletedFile) {
    setBusy(f.id);
    try {
      const { error, response } = await api.POST(`${P}/files/{file}/restore`, { params: { path: { ...scope, file: f.id } } });
      if (response.ok) {
        setItems((xs) => (xs ?? []).filter((x) => x.id !== f.id));
        toast.success(fmt(t.files.restored, { name: f.name }));
        await onRestored();
      } else toast.error(problemMessage(t, error, response));
    } catch {
      toast.error(t.common.networkError);
    }
    setBusy(null);
  }

  return (
    <Dialog open={open} onOpenChange={(o) => !o && onClose()}>
      <DialogContent closeLabel={t.common.close} className="max-w-xl" data-testid="trash-dialog">
        <DialogHeader>
          <DialogTitle>{t.files.trashTitle}</DialogTitle>
          <DialogDescription>{t.files.trashHint}</DialogDescription>
        </DialogHeader>
        {items === null ? (
          <Skeleton className="h-16" />
        ) : items.length === 0 ? (
          <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">{t.files.trashEmpty}</p>
        ) : (
          <ul className="grid gap-2">
            {items.map((f) => (
              <li key={f.id} className="flex items-center gap-3 rounded-lg border p-3" data-testid="trash-row">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium">{f.name}</p>
                  <p className="mt-0.5 text-xs text-muted-foreground">
                    {fmt(t.files.deletedInfo, { date: formatDate(locale, f.deletedAt), name: f.deletedByName || "—", folder: t.files.folderNames[folderKey(f.folderName)] ?? f.folderName })} ·{" "}
                    {fmt(t.files.purgeOn, { date: formatDate(locale, f.purgeAt) })}
                  </p>
                </div>
                <Button variant="secondary" size="sm" disabled={busy !== null} onClick={() => restore(f)}>
                  <RotateCcwIcon /> {t.files.restore}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </DialogContent>
    </Dialog>
  );
}

// Standard folders are stored with their French names.
function folderKey(name: string): string {
  return ({ Branding: "branding", Contenu: "content", Livrables: "deliverables" } as Record<string, string>)[name] ?? name;
}

export function NewFolderDialog({ scope, parent, parentName, open, onClose, onCreated }: {
  scope: Scope;
  parent: Folder;
  parentName: string;
  open: boolean;
  onClose: () => void;
  onCreated: (id: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // Sub-folders nest one level: a sub-folder's new folder goes beside it.
  const target = parent.parentId ?? parent.id;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { data, error, response } = await api.POST(`${P}/folders/{folder}/folders`, {
        params: { path: { ...scope, folder: target } },
        body: { name: name.trim() },
      });
      if (data) {
        const f = data;
        toast.success(fmt(t.files.folderCreated, { name: f.name }));
        setName("");
        onClose();
        await onCreated(f.id);
      } else {
        const p = asProblem(error);
        setError(p.code === "folder_exists" ? t.files.folderExists : response.status === 422 ? t.fields.required : problemMessage(t, p, response));
      }
    } catch {
      setError(t.common.networkError);
    }
    setBusy(false);
  }

  return (
    <Dialog open={open} onOpenChange={(o) => !o && onClose()}>
      <DialogContent closeLabel={t.common.close}>
        <form onSubmit={submit} className="grid gap-5">
          <DialogHeader>
            <DialogTitle>{t.files.newFolderTitle}</DialogTitle>
            <DialogDescription>{fmt(t.files.newFolderIn, { name: parent.parentId ? t.files.folderNames[parent.kind] ?? parentName : parentName })}</DialogDescription>
          </DialogHeader>
          <Field label={t.files.folderName} error={error}>
            <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} autoFocus required />
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="secondary">{t.common.cancel}</Button>
            </DialogClose>
            <Button type="submit" disabled={busy || name.trim() === ""}>{t.files.createFolder}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
