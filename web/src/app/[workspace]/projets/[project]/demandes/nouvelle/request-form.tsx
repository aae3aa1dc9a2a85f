"use client";

import { useState } from "react";
import Link from "@/components/link";
import { useRouter } from "next/navigation";
import { toast } from "@/lib/toast";
import { AttachmentsField, useAttachments } from "@/components/requests/attachments";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { Markdown } from "@/components/work/lazy-markdown";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { fieldErrors, problemMessage } from "@/lib/api/errors";
import type { TicketType } from "@/lib/api/types";
import { call } from "@/lib/api-call";
import { cn } from "@/lib/utils";
import { projectHref, requestHref } from "@/lib/work";

const types: TicketType[] = ["bug", "modif", "amelioration", "question"];

/** « Nouvelle demande »: type, title, markdown description, attachments. */
export function RequestForm({ workspace, project, folder, maxBytes }: { workspace: string; project: string; folder: string; maxBytes: number }) {
  const { t } = useI18n();
  const r = t.requests;
  const router = useRouter();
  const att = useAttachments({ workspace, project }, folder, maxBytes);
  const [type, setType] = useState<TicketType>("bug");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [tab, setTab] = useState<"write" | "preview">("write");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!title.trim()) return setErrors({ title: t.fields.required });
    if (att.busy) return setErrors({ _form: r.form.waitUploads });
    setPending(true);
    const res = await call(
      api.POST("/api/v1/w/{workspace}/projects/{project}/tickets", {
        params: { path: { workspace, project } },
        body: { type, title, description, attachments: att.files.map((f) => f.id) },
      }),
    );
    setPending(false);
    if (res.data) {
      toast.success(fmt(r.form.created, { n: res.data.number }));
      router.push(requestHref(workspace, project, res.data.id));
      router.refresh();
      return;
    }
    const fe = fieldErrors(t, res.error);
    setErrors(Object.keys(fe).length ? fe : { _form: res.response ? problemMessage(t, res.error, res.response) : t.common.networkError });
  }

  return (
    <form onSubmit={submit} noValidate className="mt-8 grid gap-6">
      <fieldset>
        <legend className="mb-2 text-sm font-medium">{r.form.type}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {types.map((k) => (
            <label
              key={k}
              className={cn(
                "flex cursor-pointer items-start gap-3 rounded-lg border bg-card px-3 py-2.5 transition-colors has-[:checked]:border-brand has-[:checked]:bg-brand/5 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand",
              )}
            >
              <input type="radio" name="type" value={k} checked={type === k} onChange={() => setType(k)} className="mt-1 accent-[var(--brand)]" />
              <span>
                <span className="block text-sm font-medium">{r.types[k]}</span>
                <span className="block text-[13px] text-muted-foreground">{r.typeHints[k]}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.type ? <p className="mt-1.5 text-[13px] font-medium text-destructive">{errors.type}</p> : null}
      </fieldset>

      <Field label={r.form.titleLabel} error={errors.title} id="request-title">
        <Input
          value={title}
          maxLength={200}
          placeholder={r.form.titlePlaceholder}
          onChange={(e) => {
            setTitle(e.target.value);
            if (errors.title) setErrors(({ title: _drop, ...rest }) => rest);
          }}
        />
      </Field>

      <div className="grid gap-2">
        <div className="flex items-center justify-between gap-2">
          <Label htmlFor="request-description">{r.form.description}</Label>
          <div role="tablist" aria-label={r.form.description} className="inline-flex rounded-md border bg-muted/60 p-0.5 text-xs">
            {(["write", "preview"] as const).map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                aria-selected={tab === k}
                onClick={() => setTab(k)}
                className={cn(
                  "cursor-pointer rounded px-2 py-1 font-medium text-muted-foreground focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none",
                  tab === k && "bg-background text-foreground shadow-xs",
                )}
              >
                {k === "write" ? r.form.write : r.form.preview}
              </button>
            ))}
          </div>
        </div>
        {tab === "write" ? (
          <Textarea id="request-description" value={description} maxLength={20000} className="min-h-40" onChange={(e) => setDescription(e.target.value)} />
        ) : (
          <div className="min-h-40 rounded-lg border bg-surface px-3 py-2" data-testid="markdown-preview">
            {description.trim() ? <Markdown>{description}</Markdown> : <p className="text-sm text-muted-foreground">{r.form.previewEmpty}</p>}
          </div>
        )}
        {errors.description ? (
          <p className="text-[13px] font-medium text-destructive">{errors.description}</p>
        ) : (
          <p className="text-[13px] text-muted-foreground">{r.form.descriptionHint}</p>
        )}
      </div>

      <div className="grid gap-2">
        <Label htmlFor="request-attachments">{r.form.attachments}</Label>
        <AttachmentsField state={att} maxBytes={maxBytes} id="request-attachments" />
        {errors.attachments ? <p className="text-[13px] font-medium text-destructive">{errors.attachments}</p> : null}
      </div>

      {errors._form ? (
        <p className="text-sm font-medium text-destructive" role="alert">
          {errors._form}
        </p>
      ) : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="outline" asChild>
          <Link href={`${projectHref(workspace, project)}/demandes`}>{r.form.cancel}</Link>
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? r.form.submitting : r.form.submit}
        </Button>
      </div>
    </form>
  );
}
