"use client";

import { useRef, useState } from "react";
import { FileIcon, PaperclipIcon, XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { UploadQueue, type QueueItem } from "@/components/files/upload-queue";
import { uploadFile } from "@/components/files/upload";
import { downloadUrl, formatBytes, thumbnailUrl, type Scope } from "@/components/files/types";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import type { TicketAttachment } from "@/lib/api/types";
import { cn } from "@/lib/utils";

export type Attached = { id: string; name: string };

const PARALLEL = 3;

/**
 * Files for a request or a message: they go through the Files upload pipeline
 * (same checks, same queue) into the project's « Pièces jointes » folder, and the
 * form then names them. `busy` tells the form to wait for the uploads.
 */
export function useAttachments(scope: Scope, folder: string, maxBytes: number) {
  const { t, locale } = useI18n();
  const [queue, setQueue] = useState<QueueItem[]>([]);
  const [files, setFiles] = useState<Attached[]>([]);
  const [busy, setBusy] = useState(0);

  const refusal = (code: string, name: string) => fmt(t.files.refused[code] ?? t.files.refused.generic!, { name, max: formatBytes(maxBytes, locale) });
  const patch = (id: string, p: Partial<QueueItem>) => setQueue((q) => q.map((it) => (it.id === id ? { ...it, ...p } : it)));

  async function add(list: File[]) {
    if (list.length === 0) return;
    const items = list.map((file) => ({ item: { id: crypto.randomUUID(), name: file.name, progress: 0, phase: "waiting" } as QueueItem, file }));
    for (const it of items) {
      if (it.file.size > maxBytes) Object.assign(it.item, { phase: "error", message: refusal("file_too_large", it.file.name) });
      else if (it.file.size === 0) Object.assign(it.item, { phase: "error", message: refusal("file_empty", it.file.name) });
    }
    setQueue((q) => [...q.filter((x) => x.phase !== "done"), ...items.map((i) => i.item)]);
    const todo = items.filter((i) => i.item.phase === "waiting");
    setBusy((n) => n + todo.length);
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const { item, file } = todo[next++]!;
        patch(item.id, { phase: "sending" });
        const out = await uploadFile(scope, { folder }, file, (progress, phase) => patch(item.id, { progress, phase }));
        if (out.ok) {
          setFiles((f) => [...f, { id: out.file.id, name: out.file.name }]);
          setQueue((q) => q.filter((x) => x.id !== item.id));
        } else {
          patch(item.id, { phase: "error", message: refusal(out.code, file.name) });
        }
        setBusy((n) => n - 1);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, todo.length) }, worker));
  }

  return {
    queue, files, busy: busy > 0, add,
    dismiss: (id: string) => setQueue((q) => q.filter((x) => x.id !== id)),
    remove: (id: string) => setFiles((f) => f.filter((x) => x.id !== id)),
    reset: () => { setFiles([]); setQueue([]); },
  };
}

/** The drop zone, the queue and the attached files of a form. */
export function AttachmentsField({ state, maxBytes, compact = false, id }: { state: ReturnType<typeof useAttachments>; maxBytes: number; compact?: boolean; id: string }) {
  const { t, locale } = useI18n();
  const r = t.requests.attach;
  const pick = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  return (
    <div>
      <div
        data-testid="attach-dropzone"
        onDragEnter={(e) => {
          if (!e.dataTransfer.types.includes("Files")) return;
          depth.current++;
          setDragging(true);
        }}
        onDragLeave={() => {
          depth.current = Math.max(0, depth.current - 1);
          if (depth.current === 0) setDragging(false);
        }}
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          depth.current = 0;
          setDragging(false);
          void state.add(Array.from(e.dataTransfer.files));
        }}
        className={cn(
          "flex items-center gap-3 rounded-lg border border-dashed bg-surface px-4 text-sm transition-colors",
          compact ? "py-2.5" : "flex-col justify-center py-6 text-center",
          dragging && "border-brand bg-brand/5",
        )}
      >
        <PaperclipIcon className={cn("size-4 shrink-0 text-muted-foreground", dragging && "text-brand")} aria-hidden />
        <p className={cn(compact && "min-w-0 flex-1")}>
          <span className="pointer-coarse:hidden">
            {r.drop}{" "}
            <button type="button" className="cursor-pointer rounded text-brand underline-offset-4 hover:underline focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none" onClick={() => pick.current?.click()}>
              {r.browse}
            </button>
          </span>
          <button type="button" className="hidden cursor-pointer rounded text-brand underline-offset-4 hover:underline focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none pointer-coarse:inline" onClick={() => pick.current?.click()}>
            {r.touch}
          </button>
          {compact ? null : <span className="mt-1 block text-xs text-muted-foreground">{fmt(r.hint, { max: formatBytes(maxBytes, locale) })}</span>}
        </p>
        <input
          ref={pick}
          id={id}
          type="file"
          multiple
          className="sr-only"
          tabIndex={-1}
          aria-label={r.inputLabel}
          data-testid="attach-input"
          onChange={(e) => {
            const list = Array.from(e.target.files ?? []);
            e.target.value = "";
            void state.add(list);
          }}
        />
      </div>
      <UploadQueue items={state.queue} onDismiss={state.dismiss} className="mt-2" />
      {state.files.length > 0 ? (
        <ul className="mt-2 flex flex-wrap gap-2" data-testid="attached">
          {state.files.map((f) => (
            <li key={f.id} className="inline-flex max-w-full items-center gap-1.5 rounded-md border bg-card py-1 pr-1 pl-2 text-sm">
              <FileIcon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
              <span className="truncate">{f.name}</span>
              <Button type="button" variant="ghost" size="icon-sm" className="size-6" aria-label={fmt(r.remove, { name: f.name })} onClick={() => state.remove(f.id)}>
                <XIcon />
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Attachments as shown in a thread: image thumbnails, other files as links. */
export function AttachmentList({ scope, items }: { scope: Scope; items: TicketAttachment[] }) {
  const { locale } = useI18n();
  if (items.length === 0) return null;
  return (
    <ul className="mt-3 flex flex-wrap gap-2" data-testid="attachments">
      {items.map((a) => (
        <li key={a.fileId}>
          <a
            href={downloadUrl(scope, a.fileId, { inline: true })}
            target="_blank"
            rel="noopener noreferrer"
            className="group flex max-w-64 items-center gap-2 rounded-lg border bg-card p-1.5 pr-3 text-sm transition-colors hover:bg-muted/60 focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none"
          >
            {a.hasThumb ? (
              <img src={thumbnailUrl(scope, a.fileId, 1)} alt="" className="size-10 shrink-0 rounded object-cover" />
            ) : (
              <span className="flex size-10 shrink-0 items-center justify-center rounded bg-muted">
                <FileIcon className="size-4 text-muted-foreground" aria-hidden />
              </span>
            )}
            <span className="min-w-0">
              <span className="block truncate font-medium">{a.name}</span>
              <span className="block text-xs text-muted-foreground">{formatBytes(a.size, locale)}</span>
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
