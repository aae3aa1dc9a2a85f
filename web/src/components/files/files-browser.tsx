"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import {
  DownloadIcon, EyeIcon, FileArchiveIcon, FileIcon, FileImageIcon, FileTextIcon,
  FileVideoIcon, FolderIcon, FolderOpenIcon, FolderPlusIcon, HistoryIcon, MoreHorizontalIcon, Trash2Icon,
  TypeIcon, UploadCloudIcon, UploadIcon,
} from "lucide-react";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Skeleton } from "@/components/ui/skeleton";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { frenchFirst } from "@/lib/dates";
import { dateFormat } from "@/lib/intl";
import { markOpened } from "@/lib/opened";
import { cn } from "@/lib/utils";
import { DeleteDialog, HistoryDialog, NewFolderDialog, PreviewDialog, TrashDialog } from "./file-dialogs";
import { filesBase, formatBytes, thumbnailUrl, type FileItem, type Folder, type FoldersResponse, type Scope } from "./types";
import { uploadFile, type UploadTarget } from "./upload";
import { UploadQueue, type QueueItem } from "./upload-queue";

const PARALLEL = 3;
const P = "/api/v1/w/{workspace}/projects/{project}" as const;

function shortDate(locale: string, iso: string) {
  const f = dateFormat(locale === "fr" ? "fr-FR" : "en-GB", { day: "numeric", month: "short", timeZone: "Europe/Paris" });
  return locale === "fr" ? frenchFirst(f, new Date(iso)) : f.format(new Date(iso));
}

/** The icon of a file type (a component of its own, so that React keeps one identity per type). */
function FileTypeIcon({ type, className }: { type: string; className?: string }) {
  const props = { className, strokeWidth: 1.5, "aria-hidden": true } as const;
  if (["png", "jpeg", "webp", "gif", "svg"].includes(type)) return <FileImageIcon {...props} />;
  if (["zip"].includes(type)) return <FileArchiveIcon {...props} />;
  if (["mp4"].includes(type)) return <FileVideoIcon {...props} />;
  if (["ttf", "otf", "woff", "woff2"].includes(type)) return <TypeIcon {...props} />;
  if (["pdf", "txt", "md", "csv", "docx", "odt", "xlsx", "ods", "pptx"].includes(type)) return <FileTextIcon {...props} />;
  return <FileIcon {...props} />;
}

export function FilesBrowser({
  scope,
  isAdmin,
  readOnly = false,
  initial,
  focus = null,
}: {
  scope: Scope;
  isAdmin: boolean;
  /** An admin's client preview: the client's view, with no upload, new version or other write. */
  readOnly?: boolean;
  initial: FoldersResponse;
  /** A linked file (?fichier=…): its folder opens and its card is brought into view. */
  focus?: { fileId: string; folderId: string } | null;
}) {
  const { t, locale } = useI18n();
  const [folders, setFolders] = useState<Folder[]>(initial.folders ?? []);
  const [usage, setUsage] = useState({ used: initial.usedBytes, quota: initial.quotaBytes });
  const [current, setCurrent] = useState<string>(
    () => focus?.folderId ?? (initial.folders ?? []).find((f) => f.kind === "content" && f.standard)?.id ?? initial.folders?.[0]?.id ?? "",
  );
  const [files, setFiles] = useState<FileItem[] | null>(null);
  const [queue, setQueue] = useState<QueueItem[]>([]);
  const [dragging, setDragging] = useState(false);
  const [preview, setPreview] = useState<FileItem | null>(null);
  const [history, setHistory] = useState<FileItem | null>(null);
  const [deleting, setDeleting] = useState<FileItem | null>(null);
  const [trashOpen, setTrashOpen] = useState(false);
  const [newFolderOpen, setNewFolderOpen] = useState(false);
  const pickRef = useRef<HTMLInputElement>(null);
  const versionRef = useRef<HTMLInputElement>(null);
  const versionTarget = useRef<FileItem | null>(null);
  const dragDepth = useRef(0);

  // Opening a file reads the bell's items about it (not in an admin's client preview).
  const opened = useCallback((f: FileItem) => {
    if (!readOnly) markOpened(scope.workspace, scope.project, "file", f.id);
  }, [readOnly, scope.workspace, scope.project]);

  const folder = folders.find((f) => f.id === current);
  const maxBytes = initial.maxBytes;
  const folderName = useCallback((f: Folder) => (f.standard ? (t.files.folderNames[f.kind] ?? f.name) : f.name), [t]);

  const loadFolders = useCallback(async () => {
    const { data } = await api.GET(`${P}/folders`, { params: { path: scope } });
    if (data) {
      setFolders(data.folders ?? []);
      setUsage({ used: data.usedBytes, quota: data.quotaBytes });
    }
  }, [scope]);

  const currentRef = useRef(current);
  useEffect(() => {
    currentRef.current = current;
  }, [current]);
  // A new folder shows the skeleton until its own files arrive.
  const [filesOf, setFilesOf] = useState(current);
  if (filesOf !== current) {
    setFilesOf(current);
    setFiles(null);
  }

  const loadFiles = useCallback(async (folderId: string) => {
    const { data } = await api.GET(`${P}/folders/{folder}/files`, { params: { path: { ...scope, folder: folderId } } });
    if (!data) return;
    setFiles((prev) => (folderId === currentRef.current ? (data.files ?? []) : prev));
  }, [scope]);
  useEffect(() => {
    if (current) void loadFiles(current);
  }, [current, loadFiles]);

  // A linked file is brought into view once, when its folder has loaded.
  const focusedOnce = useRef(false);
  useEffect(() => {
    const linked = focus ? files?.find((f) => f.id === focus.fileId) : undefined;
    if (!linked || focusedOnce.current) return;
    focusedOnce.current = true;
    document.getElementById(`file-${linked.id}`)?.scrollIntoView({ block: "center" });
    // Followed from an email or the bell: the file was what it spoke of.
    opened(linked);
  }, [files, focus, opened]);

  // Thumbnails (images, and PDFs' first pages) are made by a background job:
  // look again a few times while one is missing, then stop (a file the job
  // could not read keeps its icon).
  const polls = useRef(0);
  useEffect(() => {
    polls.current = 0;
  }, [current]);
  useEffect(() => {
    if (!files?.some((f) => f.previewable && !f.hasThumbnail) || polls.current >= 8) return;
    const id = setTimeout(() => {
      polls.current += 1;
      void loadFiles(current);
    }, 1500);
    return () => clearTimeout(id);
  }, [files, current, loadFiles]);

  const refresh = useCallback(async () => {
    polls.current = 0;
    await Promise.all([loadFiles(currentRef.current), loadFolders()]);
  }, [loadFiles, loadFolders]);

  function patch(id: string, p: Partial<QueueItem>) {
    setQueue((q) => q.map((it) => (it.id === id ? { ...it, ...p } : it)));
  }

  function refusal(code: string, name: string) {
    const tpl = t.files.refused[code] ?? t.files.refused.generic!;
    return fmt(tpl, { name, max: formatBytes(maxBytes, locale) });
  }

  async function upload(list: File[], target: UploadTarget, into: Folder | undefined) {
    if (list.length === 0) return;
    const accept = into?.accept ?? [];
    const items: { item: QueueItem; file: File }[] = list.map((file) => ({
      item: { id: crypto.randomUUID(), name: file.name, progress: 0, phase: "waiting" },
      file,
    }));
    // What the browser can already tell is refused at once (the server checks again).
    for (const it of items) {
      const ext = "." + (it.file.name.split(".").pop() ?? "").toLowerCase();
      if (accept.length > 0 && !accept.includes(ext)) Object.assign(it.item, { phase: "error", message: refusal("file_type_not_allowed", it.file.name) });
      else if (it.file.size > maxBytes) Object.assign(it.item, { phase: "error", message: refusal("file_too_large", it.file.name) });
      else if (it.file.size === 0) Object.assign(it.item, { phase: "error", message: refusal("file_empty", it.file.name) });
    }
    setQueue((q) => [...items.map((i) => i.item), ...q.filter((x) => x.phase !== "done")]);
    const todo = items.filter((i) => i.item.phase === "waiting");
    let next = 0;
    let okCount = 0;
    const worker = async () => {
      while (next < todo.length) {
        const { item, file } = todo[next++]!;
        patch(item.id, { phase: "sending" });
        const out = await uploadFile(scope, target, file, (progress, phase) => patch(item.id, { progress, phase }));
        if (out.ok) {
          okCount++;
          patch(item.id, { phase: "done", progress: 1 });
          const n = out.file.version;
          // One toast per batch: the queue already shows each file.
          if (todo.length === 1) toast.success(n > 1 ? fmt(t.files.uploadedVersion, { n, name: out.file.name }) : fmt(t.files.uploaded, { name: out.file.name }));
        } else {
          patch(item.id, { phase: "error", message: refusal(out.code, file.name) });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, todo.length) }, worker));
    if (todo.length > 1 && okCount > 0) toast.success(fmt(okCount > 1 ? t.files.uploadedMany : t.files.uploadedOne, { n: okCount }));
    if (okCount > 0) await refresh();
    // Successful lines fade out; refusals stay until dismissed.
    setTimeout(() => setQueue((q) => q.filter((x) => x.phase !== "done")), 2500);
  }

  function onDrop(e: React.DragEvent) {
    e.preventDefault();
    dragDepth.current = 0;
    setDragging(false);
    if (!folder) return;
    void upload(Array.from(e.dataTransfer.files), { folder: folder.id }, folder);
  }

  const roots = folders.filter((f) => f.standard);
  const children = (id: string) => folders.filter((f) => f.parentId === id);
  const typesLabel = (folder?.accept ?? []).map((e: string) => e.slice(1).toUpperCase()).join(", ");

  const folderButton = (f: Folder, depth: number) => {
    const active = f.id === current;
    const Icon = active ? FolderOpenIcon : FolderIcon;
    return (
      <button
        key={f.id}
        type="button"
        onClick={() => setCurrent(f.id)}
        aria-current={active ? "true" : undefined}
        data-testid={`folder-${folderName(f)}`}
        className={cn(
          "group flex shrink-0 items-center gap-2.5 rounded-lg px-3 py-2 text-left text-sm transition-colors focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none md:w-full",
          active ? "bg-brand/10 font-medium text-brand" : "text-foreground hover:bg-muted",
          depth > 0 && "md:pl-8",
        )}
      >
        <Icon className={cn("size-4 shrink-0", active ? "text-brand" : "text-muted-foreground")} aria-hidden />
        <span className="min-w-0 flex-1 truncate">{folderName(f)}</span>
        <span className={cn("rounded-full px-1.5 text-xs tabular-nums", active ? "bg-brand/15" : "bg-muted text-muted-foreground")}>{f.fileCount}</span>
      </button>
    );
  };

  return (
    <div className="grid gap-6 md:grid-cols-[15rem_minmax(0,1fr)]">
      <nav aria-label={t.files.folders} className="min-w-0">
        <div className="flex flex-wrap gap-1 md:grid">
          {roots.map((r) => [folderButton(r, 0), ...children(r.id).map((c) => folderButton(c, 1))])}
        </div>
        <div className="mt-4 hidden gap-1 border-t pt-4 md:grid">
          {isAdmin && folder ? (
            <Button variant="ghost" size="sm" className="justify-start text-muted-foreground" onClick={() => setNewFolderOpen(true)}>
              <FolderPlusIcon /> {t.files.newFolder}
            </Button>
          ) : null}
          {isAdmin ? (
            <Button variant="ghost" size="sm" className="justify-start text-muted-foreground" onClick={() => setTrashOpen(true)} data-testid="open-trash">
              <Trash2Icon /> {t.files.trash}
            </Button>
          ) : null}
          {isAdmin ? (
            <div className="mt-3 px-3">
              <div className="h-1.5 overflow-hidden rounded-full bg-muted">
                <div className="h-full rounded-full bg-brand" style={{ width: `${Math.min(100, (usage.used / Math.max(1, usage.quota)) * 100)}%` }} />
              </div>
              <p className="mt-1.5 text-xs text-muted-foreground">
                {fmt(t.files.usage, { used: formatBytes(usage.used, locale), quota: formatBytes(usage.quota, locale) })}
              </p>
            </div>
          ) : null}
        </div>
        {isAdmin ? (
          <div className="mt-2 flex gap-2 md:hidden">
            <Button variant="secondary" size="sm" onClick={() => setNewFolderOpen(true)}>
              <FolderPlusIcon /> {t.files.newFolder}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setTrashOpen(true)}>
              <Trash2Icon /> {t.files.trash}
            </Button>
          </div>
        ) : null}
      </nav>

      <section
        aria-label={folder ? folderName(folder) : undefined}
        className="relative min-w-0"
        onDragEnter={(e) => {
          if (!e.dataTransfer.types.includes("Files")) return;
          dragDepth.current++;
          setDragging(true);
        }}
        onDragLeave={() => {
          dragDepth.current = Math.max(0, dragDepth.current - 1);
          if (dragDepth.current === 0) setDragging(false);
        }}
        onDragOver={(e) => e.preventDefault()}
        onDrop={readOnly ? (e) => (e.preventDefault(), setDragging(false)) : onDrop}
      >
        {folder ? (
          <div className="mb-4 flex items-baseline justify-between gap-3">
            <div className="min-w-0">
              <h2 className="truncate text-lg font-semibold tracking-tight">{folderName(folder)}</h2>
              {folder.standard ? <p className="text-sm text-muted-foreground">{t.files.folderHints[folder.kind]}</p> : null}
            </div>
          </div>
        ) : null}

        {readOnly ? null : (
        <div
          data-testid="dropzone"
          className={cn(
            "flex flex-col items-center justify-center gap-2 rounded-xl border border-dashed bg-surface px-6 py-8 text-center transition-colors",
            dragging && "border-brand bg-brand/5",
          )}
        >
          <span className={cn("flex size-10 items-center justify-center rounded-full bg-card shadow-xs ring-1 ring-border", dragging && "text-brand")}>
            <UploadCloudIcon className="size-5" aria-hidden />
          </span>
          <p className="text-sm font-medium">
            {dragging && folder ? fmt(t.files.dropActive, { name: folderName(folder) }) : (
              <>
                {/* Phones have no drag and drop: the whole sentence is the button there. */}
                <span className="pointer-coarse:hidden">
                  {t.files.drop} {t.files.dropOr}{" "}
                  <button type="button" className="cursor-pointer rounded text-brand underline-offset-4 hover:underline focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none" onClick={() => pickRef.current?.click()}>
                    {t.files.browse}
                  </button>
                </span>
                <button type="button" className="hidden cursor-pointer rounded text-brand underline-offset-4 hover:underline focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none pointer-coarse:inline" onClick={() => pickRef.current?.click()}>
                  {t.files.dropTouch}
                </button>
              </>
            )}
          </p>
          <p className="max-w-md text-xs text-muted-foreground">{fmt(t.files.dropHint, { types: typesLabel, max: formatBytes(maxBytes, locale) })}</p>
          <input
            ref={pickRef}
            type="file"
            multiple
            className="sr-only"
            tabIndex={-1}
            aria-label={t.files.inputLabel}
            accept={folder?.accept?.join(",")}
            data-testid="file-input"
            onChange={(e) => {
              const list = Array.from(e.target.files ?? []);
              e.target.value = "";
              if (folder) void upload(list, { folder: folder.id }, folder);
            }}
          />
          <input
            ref={versionRef}
            type="file"
            className="sr-only"
            tabIndex={-1}
            aria-label={t.files.versionInputLabel}
            data-testid="version-input"
            onChange={(e) => {
              const list = Array.from(e.target.files ?? []).slice(0, 1);
              e.target.value = "";
              const target = versionTarget.current;
              if (target) void upload(list, { file: target.id }, folders.find((f) => f.id === target.folderId));
            }}
          />
        </div>
        )}

        <UploadQueue items={queue} onDismiss={(id) => setQueue((qq) => qq.filter((x) => x.id !== id))} />

        <div className="mt-6">
          {files === null ? (
            <div className="grid grid-cols-2 gap-4 sm:grid-cols-3 xl:grid-cols-4" aria-busy="true">
              {Array.from({ length: 4 }, (_, i) => (
                <div key={i} className="overflow-hidden rounded-xl border">
                  <Skeleton className="aspect-[4/3] rounded-none" />
                  <div className="grid gap-2 p-3">
                    <Skeleton className="h-4 w-3/4" />
                    <Skeleton className="h-3 w-1/2" />
                  </div>
                </div>
              ))}
            </div>
          ) : files.length === 0 ? (
            <div className="rounded-xl border px-6 py-10 text-center">
              <p className="text-sm font-medium">{t.files.empty}</p>
              {readOnly ? null : (
                <p className="mt-1 text-sm text-muted-foreground">
                  <span className="pointer-coarse:hidden">{t.files.emptyHint}</span>
                  <span className="hidden pointer-coarse:inline">{t.files.emptyHintTouch}</span>
                </p>
              )}
            </div>
          ) : (
            <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 xl:grid-cols-4" data-testid="file-list">
              {files.map((f) => (
                <FileCard
                  key={f.id}
                  scope={scope}
                  file={f}
                  highlighted={f.id === focus?.fileId}
                  isAdmin={isAdmin}
                  readOnly={readOnly}
                  onOpened={() => opened(f)}
                  onPreview={() => (opened(f), setPreview(f))}
                  onHistory={() => (opened(f), setHistory(f))}
                  onDelete={() => setDeleting(f)}
                  onNewVersion={() => {
                    versionTarget.current = f;
                    versionRef.current?.click();
                  }}
                />
              ))}
            </ul>
          )}
        </div>
      </section>

      <PreviewDialog scope={scope} file={preview} onClose={() => setPreview(null)} />
      <HistoryDialog scope={scope} file={history} isAdmin={isAdmin} onClose={() => setHistory(null)} onChanged={refresh} />
      <DeleteDialog scope={scope} file={deleting} onClose={() => setDeleting(null)} onDone={refresh} />
      {isAdmin ? <TrashDialog scope={scope} open={trashOpen} onClose={() => setTrashOpen(false)} onRestored={refresh} /> : null}
      {isAdmin && folder ? (
        <NewFolderDialog
          scope={scope}
          parent={folder}
          parentName={folderName(folder)}
          open={newFolderOpen}
          onClose={() => setNewFolderOpen(false)}
          onCreated={async (id) => {
            await loadFolders();
            setCurrent(id);
          }}
        />
      ) : null}
    </div>
  );
}

function FileCard({ scope, file: f, highlighted, isAdmin, readOnly, onOpened, onPreview, onHistory, onDelete, onNewVersion }: {
  scope: Scope;
  file: FileItem;
  highlighted: boolean;
  isAdmin: boolean;
  readOnly: boolean;
  /** Downloaded: opened as much as previewed. */
  onOpened: () => void;
  onPreview: () => void;
  onHistory: () => void;
  onDelete: () => void;
  onNewVersion: () => void;
}) {
  const { t, locale } = useI18n();
  const download = `${filesBase(scope)}/files/${f.id}/download`;
  return (
    <li
      id={`file-${f.id}`}
      className={cn(
        "group relative flex min-w-0 flex-col overflow-hidden rounded-xl border bg-card shadow-xs transition-shadow hover:shadow-md",
        highlighted && "ring-2 ring-brand ring-offset-2 ring-offset-background",
      )}
      data-testid="file-card"
      data-name={f.name}
      data-highlighted={highlighted || undefined}
    >
      <button
        type="button"
        onClick={f.previewable ? onPreview : () => (onOpened(), window.location.assign(download))}
        className="relative block aspect-[4/3] w-full cursor-pointer overflow-hidden bg-surface focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none focus-visible:ring-inset"
        aria-label={`${f.previewable ? t.files.preview : t.files.download}${t.common.colon}${f.name}`}
      >
        {f.hasThumbnail ? (
          <>
            <img
              src={thumbnailUrl(scope, f.id, f.version)}
              alt=""
              className={cn("size-full transition-transform duration-300 group-hover:scale-[1.02]", f.type === "pdf" ? "bg-white object-contain p-2" : "object-cover")}
              data-testid="thumbnail"
            />
            {f.type === "pdf" ? (
              <span className="absolute bottom-2 left-2 rounded bg-black/70 px-1.5 py-0.5 text-[11px] font-medium tracking-wide text-white uppercase">{f.type}</span>
            ) : null}
          </>
        ) : (
          <span className="flex size-full flex-col items-center justify-center gap-2 text-muted-foreground">
            <FileTypeIcon type={f.type} className="size-8" />
            <span className="rounded bg-muted px-1.5 py-0.5 text-[11px] font-medium tracking-wide uppercase">{f.type}</span>
          </span>
        )}
        {f.previewable ? (
          <span className="absolute inset-0 flex items-center justify-center bg-black/0 opacity-0 transition group-hover:bg-black/20 group-hover:opacity-100">
            <EyeIcon className="size-6 text-white drop-shadow" aria-hidden />
          </span>
        ) : null}
      </button>
      <div className="flex min-w-0 flex-1 items-start gap-1 p-3 pr-1.5">
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium" title={f.name}>{f.name}</p>
          <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
            <span className="font-medium text-foreground/80">{fmt(t.files.version, { n: f.version })}</span>
            {f.finalVersion ? (
              <Badge variant="done" className="px-1.5 py-0 text-[11px]" data-testid="final-badge">
                {f.finalVersion === f.version ? t.files.final : `${t.files.final} ${fmt(t.files.version, { n: f.finalVersion })}`}
              </Badge>
            ) : null}
            <span className="whitespace-nowrap">· {formatBytes(f.size, locale)}</span>
          </div>
          <p className="mt-0.5 truncate text-xs text-muted-foreground">
            {shortDate(locale, f.updatedAt)} · {f.uploadedByName}
          </p>
        </div>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size="icon-sm" className="-mt-1 size-7 shrink-0" aria-label={fmt(t.files.actions, { name: f.name })} data-testid="file-menu">
              <MoreHorizontalIcon />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            {f.previewable ? (
              <DropdownMenuItem onSelect={onPreview}>
                <EyeIcon /> {t.files.preview}
              </DropdownMenuItem>
            ) : null}
            <DropdownMenuItem asChild>
              <a href={download} onClick={onOpened}>
                <DownloadIcon /> {t.files.download}
              </a>
            </DropdownMenuItem>
            {readOnly ? null : (
              <DropdownMenuItem onSelect={onNewVersion}>
                <UploadIcon /> {t.files.newVersion}
              </DropdownMenuItem>
            )}
            <DropdownMenuItem onSelect={onHistory}>
              <HistoryIcon /> {t.files.history}
              {f.versionCount > 1 ? <span className="ml-auto text-xs text-muted-foreground">{f.versionCount}</span> : null}
            </DropdownMenuItem>
            {isAdmin ? (
              <>
                <DropdownMenuSeparator />
                <DropdownMenuItem onSelect={onDelete} className="text-destructive data-[highlighted]:bg-destructive/10 [&_svg]:text-destructive">
                  <Trash2Icon /> {t.files.delete}
                </DropdownMenuItem>
              </>
            ) : null}
          </DropdownMenuContent>
        </DropdownMenu>
      </div>
    </li>
  );
}
