"use client";

import { AlertCircleIcon, CheckCircle2Icon, Loader2Icon, XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/i18n/client";
import { cn } from "@/lib/utils";

/** One file on its way through the upload pipeline (ask → PUT → confirm). */
export type QueueItem = {
  id: string;
  name: string;
  progress: number;
  phase: "waiting" | "sending" | "checking" | "done" | "error";
  message?: string;
};

/**
 * The upload queue: one line per file with its progress bar, « vérification »
 * while the server checks it, and the refusal in words. Shared by the Files page
 * and the attachments of client requests.
 */
export function UploadQueue({ items, onDismiss, className }: { items: QueueItem[]; onDismiss: (id: string) => void; className?: string }) {
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <ul className={cn("mt-4 grid gap-2", className)} aria-live="polite" data-testid="upload-queue">
      {items.map((q) => (
        <li key={q.id} className={cn("rounded-lg border bg-card px-3 py-2.5", q.phase === "error" && "border-destructive/40 bg-destructive/5")} data-testid="upload-item" data-phase={q.phase}>
          <div className="flex items-center gap-2.5">
            {q.phase === "error" ? (
              <AlertCircleIcon className="size-4 shrink-0 text-destructive" aria-hidden />
            ) : q.phase === "done" ? (
              <CheckCircle2Icon className="size-4 shrink-0 text-emerald-600" aria-hidden />
            ) : (
              <Loader2Icon className="size-4 shrink-0 animate-spin text-muted-foreground" aria-hidden />
            )}
            <p className="min-w-0 flex-1 truncate text-sm font-medium">{q.name}</p>
            <span className="shrink-0 text-xs text-muted-foreground tabular-nums">
              {q.phase === "sending" ? `${Math.round(q.progress * 100)} %` : q.phase === "checking" ? t.files.checking : null}
            </span>
            {q.phase === "error" ? (
              <Button variant="ghost" size="icon-sm" className="-my-1 size-7" aria-label={t.files.dismiss} onClick={() => onDismiss(q.id)}>
                <XIcon />
              </Button>
            ) : null}
          </div>
          {q.phase === "error" ? (
            <p className="mt-1 pl-6.5 text-sm text-destructive" role="alert">{q.message}</p>
          ) : (
            <div className="mt-2 h-1 overflow-hidden rounded-full bg-muted" role="progressbar" aria-label={q.name} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(q.progress * 100)}>
              <div className={cn("h-full rounded-full transition-[width] duration-200", q.phase === "done" ? "bg-emerald-500" : "bg-brand")} style={{ width: `${Math.max(2, q.progress * 100)}%` }} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
