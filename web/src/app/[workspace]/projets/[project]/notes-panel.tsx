"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { LockIcon, NotebookPenIcon, PencilIcon, Trash2Icon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { fieldErrors, problemMessage } from "@/lib/api/errors";
import type { Note } from "@/lib/api/types";
import { call, type CallResult } from "@/lib/api-call";
import { LocalTime } from "@/components/work/local-time";

type Target = { kind: "project"; project: string } | { kind: "client"; user: string };

/** Private admin notes on a project: clearly marked, never sent to clients. */
export function NotesPanel({ workspace, project, notes }: { workspace: string; project: string; notes: Note[] }) {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <Card data-testid="notes-panel" className="border-dashed bg-surface">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <LockIcon className="size-4 text-muted-foreground" aria-hidden />
          {t.work.notes.title}
        </CardTitle>
        <CardDescription className="font-medium text-amber-700 dark:text-amber-400">{t.work.notes.private}</CardDescription>
      </CardHeader>
      <CardContent>
        <NotesEditor workspace={workspace} target={{ kind: "project", project }} notes={notes} onChanged={() => router.refresh()} />
      </CardContent>
    </Card>
  );
}

/** Private notes about one client (admins), opened from « Clients du projet ». */
export function ClientNotesDialog({ workspace, user, name }: { workspace: string; user: string; name: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [notes, setNotes] = useState<Note[] | null>(null);

  async function load() {
    const r = await call(api.GET("/api/v1/w/{workspace}/clients/{user}/notes", { params: { path: { workspace, user } } }));
    if (r.data) setNotes(r.data.notes ?? []);
    else {
      setNotes([]);
      toast.error(r.response ? problemMessage(t, r.error, r.response) : t.common.networkError);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) {
          setNotes(null);
          void load();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon-sm" aria-label={fmt(t.work.notes.aboutClient, { name })}>
          <NotebookPenIcon />
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t.common.close}>
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2">
            <LockIcon className="size-4 text-muted-foreground" aria-hidden />
            {fmt(t.work.notes.aboutClient, { name })}
          </DialogTitle>
          <DialogDescription className="font-medium text-amber-700 dark:text-amber-400">{t.work.notes.private}</DialogDescription>
        </DialogHeader>
        {notes === null ? (
          <div className="grid gap-2" aria-busy="true">
            <Skeleton className="h-20 w-full" />
            <Skeleton className="h-14 w-full" />
          </div>
        ) : (
          <NotesEditor workspace={workspace} target={{ kind: "client", user }} notes={notes} onChanged={load} />
        )}
      </DialogContent>
    </Dialog>
  );
}

function NotesEditor({ workspace, target, notes, onChanged }: { workspace: string; target: Target; notes: Note[]; onChanged: () => void }) {
  const { t } = useI18n();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  const inputId = target.kind === "project" ? "new-note" : `new-note-${target.user}`;

  function errorOf(r: CallResult<unknown>) {
    if (!r.response) return t.common.networkError;
    return fieldErrors(t, r.error).body ?? problemMessage(t, r.error, r.response);
  }

  async function add(e: React.FormEvent) {
    e.preventDefault();
    if (!body.trim()) return setError(t.fields.required);
    setPending(true);
    setError(null);
    const b = { body: body.trim() };
    const r =
      target.kind === "project"
        ? await call(api.POST("/api/v1/w/{workspace}/projects/{project}/notes", { params: { path: { workspace, project: target.project } }, body: b }))
        : await call(api.POST("/api/v1/w/{workspace}/clients/{user}/notes", { params: { path: { workspace, user: target.user } }, body: b }));
    setPending(false);
    if (r.data) {
      setBody("");
      toast.success(t.work.notes.saved);
      onChanged();
    } else setError(errorOf(r));
  }

  async function save(id: string) {
    if (!draft.trim()) return;
    const r = await call(api.PATCH("/api/v1/w/{workspace}/notes/{note}", { params: { path: { workspace, note: id } }, body: { body: draft.trim() } }));
    if (r.data) {
      setEditing(null);
      toast.success(t.work.notes.saved);
      onChanged();
    } else toast.error(errorOf(r));
  }

  async function remove(id: string) {
    if (!window.confirm(t.work.notes.deleteConfirm)) return;
    const r = await call(api.DELETE("/api/v1/w/{workspace}/notes/{note}", { params: { path: { workspace, note: id } } }));
    if (r.response?.ok) {
      toast.success(t.work.notes.deleted);
      onChanged();
    } else toast.error(errorOf(r));
  }

  return (
    <div className="grid gap-4">
      <form onSubmit={add} noValidate className="grid gap-2">
        <label htmlFor={inputId} className="sr-only">
          {t.work.notes.title}
        </label>
        <Textarea
          id={inputId}
          value={body}
          maxLength={20000}
          placeholder={t.work.notes.placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          className="min-h-20 bg-background"
          onChange={(e) => setBody(e.target.value)}
        />
        {error ? (
          <p id={`${inputId}-error`} className="text-[13px] font-medium text-destructive">
            {error}
          </p>
        ) : null}
        <Button type="submit" size="sm" variant="secondary" className="justify-self-end" disabled={pending}>
          {pending ? t.common.saving : t.work.notes.add}
        </Button>
      </form>
      {notes.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t.work.notes.empty}</p>
      ) : (
        <ul className="grid gap-2.5">
          {notes.map((n) => (
            <li key={n.id} className="group rounded-lg border bg-card p-3">
              {editing === n.id ? (
                <div className="grid gap-2">
                  <Textarea value={draft} autoFocus maxLength={20000} aria-label={t.work.notes.edit} onChange={(e) => setDraft(e.target.value)} className="min-h-20" />
                  <div className="flex justify-end gap-2">
                    <Button size="sm" variant="ghost" onClick={() => setEditing(null)}>
                      {t.common.cancel}
                    </Button>
                    <Button size="sm" onClick={() => save(n.id)}>
                      {t.common.save}
                    </Button>
                  </div>
                </div>
              ) : (
                <>
                  <p className="text-sm break-words whitespace-pre-line">{n.body}</p>
                  <div className="mt-2 flex items-center justify-between gap-2 text-xs text-muted-foreground">
                    <span>
                      {n.authorName} · <LocalTime iso={n.createdAt} />
                      {n.updatedAt !== n.createdAt ? ` · ${t.work.notes.edited}` : ""}
                    </span>
                    <span className="flex gap-0.5 sm:opacity-0 sm:group-focus-within:opacity-100 sm:group-hover:opacity-100">
                      <Button size="icon-sm" variant="ghost" aria-label={t.work.notes.edit} onClick={() => (setEditing(n.id), setDraft(n.body))}>
                        <PencilIcon />
                      </Button>
                      <Button size="icon-sm" variant="ghost" aria-label={t.work.notes.delete} onClick={() => remove(n.id)}>
                        <Trash2Icon />
                      </Button>
                    </span>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
