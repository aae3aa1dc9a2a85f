"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { AlertCircleIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { fieldErrors, problemMessage } from "@/lib/api/errors";
import type { Workspace } from "@/lib/api/types";
import { accentStyle, isHexColor } from "@/lib/utils";

export function SettingsForm({ workspace }: { workspace: Workspace }) {
  const { t } = useI18n();
  const router = useRouter();
  const [name, setName] = useState(workspace.name);
  const [accent, setAccent] = useState(workspace.accentColor.toUpperCase());
  const [senderName, setSenderName] = useState(workspace.senderName);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const validAccent = isHexColor(accent);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    if (!validAccent) {
      setErrors({ accentColor: t.fields.hexColor });
      return;
    }
    setPending(true);
    try {
      const { data, error, response } = await api.PATCH("/api/v1/w/{workspace}", {
        params: { path: { workspace: workspace.slug } },
        body: { name: name.trim(), accentColor: accent, senderName: senderName.trim() },
      });
      if (data) {
        toast.success(t.settings.saved);
        router.refresh();
      } else {
        const fe = fieldErrors(t, error);
        if (fe.accentColor) fe.accentColor = t.fields.hexColor;
        setErrors(fe);
        if (Object.keys(fe).length === 0) setFormError(problemMessage(t, error, response));
      }
    } catch {
      setFormError(t.common.networkError);
    }
    setPending(false);
  }

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate>
        <CardHeader>
          <CardTitle>{t.settings.general}</CardTitle>
          <CardDescription>{t.settings.generalHint}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          {formError ? (
            <Alert variant="destructive">
              <AlertCircleIcon />
              <AlertDescription>{formError}</AlertDescription>
            </Alert>
          ) : null}
          <Field label={t.settings.name} error={errors.name}>
            <Input name="name" required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <div className="grid gap-6 sm:grid-cols-[1fr_auto] sm:items-start">
            <Field label={t.settings.accentColor} hint={t.settings.accentHint} error={errors.accentColor} id="accent-hex" wrap>
              <div className="flex items-center gap-2">
                <label className="relative size-9 shrink-0 cursor-pointer overflow-hidden rounded-lg border shadow-xs focus-within:ring-2 focus-within:ring-brand">
                  <span className="sr-only">{t.settings.accentColor}</span>
                  <input
                    type="color"
                    value={validAccent ? accent.toLowerCase() : "#4f46e5"}
                    onChange={(e) => setAccent(e.target.value.toUpperCase())}
                    className="absolute inset-0 size-full cursor-pointer opacity-0"
                  />
                  <span aria-hidden className="block size-full" style={{ background: validAccent ? accent : "transparent" }} />
                </label>
                <Input
                  id="accent-hex"
                  name="accentColor"
                  value={accent}
                  maxLength={7}
                  spellCheck={false}
                  autoComplete="off"
                  className="w-32 font-mono uppercase"
                  onChange={(e) => {
                    const v = e.target.value.trim();
                    setAccent(v.startsWith("#") ? v.toUpperCase() : `#${v.toUpperCase()}`);
                  }}
                  aria-invalid={errors.accentColor || !validAccent ? true : undefined}
                  aria-describedby={errors.accentColor ? "accent-hex-error" : "accent-hex-hint"}
                />
              </div>
            </Field>
            <div className="grid gap-2">
              <Label asChild>
                <span>{t.settings.preview}</span>
              </Label>
              <div style={validAccent ? accentStyle(accent) : undefined} className="flex h-9 items-center gap-3">
                <span className="inline-flex h-9 items-center rounded-lg bg-brand px-4 text-sm font-medium text-brand-foreground shadow-sm">{t.settings.previewButton}</span>
                <span className="inline-flex h-6 items-center rounded-full bg-brand/10 px-2 text-xs font-medium text-brand">{t.status.in_progress}</span>
              </div>
            </div>
          </div>
          <Field label={t.settings.senderName} hint={t.settings.senderHint} error={errors.senderName}>
            <Input name="senderName" maxLength={80} value={senderName} onChange={(e) => setSenderName(e.target.value)} />
          </Field>
        </CardContent>
        <CardFooter>
          <Button type="submit" disabled={pending}>
            {pending ? t.common.saving : t.common.save}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
