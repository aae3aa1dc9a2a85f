"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { ImageIcon, Trash2Icon, UploadIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { problemMessage } from "@/lib/api/errors";
import type { Workspace } from "@/lib/api/types";
import { logoUrl } from "@/lib/utils";

const MAX_BYTES = 512 * 1024;
const TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
type LogoType = (typeof TYPES)[number];

export function LogoCard({ workspace }: { workspace: Workspace }) {
  const { t } = useI18n();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [hasLogo, setHasLogo] = useState(workspace.hasLogo);
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const src = logoUrl(workspace.slug, hasLogo, version);

  async function upload(file: File) {
    if (!TYPES.includes(file.type as LogoType)) return toast.error(t.settings.logoBadType);
    if (file.size > MAX_BYTES) return toast.error(t.settings.logoTooBig);
    setBusy(true);
    try {
      const { data, error, response } = await api.PUT("/api/v1/w/{workspace}/logo", {
        params: { path: { workspace: workspace.slug } },
        body: file as unknown as string,
        bodySerializer: (b: unknown) => b as Blob,
        headers: { "Content-Type": file.type },
      });
      if (response.ok) {
        setHasLogo(data?.hasLogo ?? true);
        setVersion(Date.now());
        toast.success(t.settings.logoSaved);
        router.refresh();
      } else {
        toast.error(problemMessage(t, error, response));
      }
    } catch {
      toast.error(t.common.networkError);
    }
    setBusy(false);
  }

  async function remove() {
    setBusy(true);
    try {
      const { error, response } = await api.DELETE("/api/v1/w/{workspace}/logo", { params: { path: { workspace: workspace.slug } } });
      if (response.ok) {
        setHasLogo(false);
        toast.success(t.settings.logoRemoved);
        router.refresh();
      } else {
        toast.error(problemMessage(t, error, response));
      }
    } catch {
      toast.error(t.common.networkError);
    }
    setBusy(false);
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t.settings.logo}</CardTitle>
        <CardDescription>{t.settings.logoHint}</CardDescription>
      </CardHeader>
      <CardContent>
        <div className="flex flex-col gap-5 sm:flex-row sm:items-center">
          <div className="flex size-20 shrink-0 items-center justify-center overflow-hidden rounded-xl border bg-surface">
            {src ? (
              <img src={src} alt={t.settings.logo} className="size-full object-contain p-2" />
            ) : (
              <span className="flex flex-col items-center gap-1 text-muted-foreground">
                <ImageIcon className="size-5" aria-hidden />
                <span className="text-[11px]">{t.settings.noLogo}</span>
              </span>
            )}
          </div>
          <div className="flex flex-wrap gap-2">
            <input
              ref={input}
              type="file"
              accept={TYPES.join(",")}
              className="sr-only"
              tabIndex={-1}
              aria-label={t.settings.upload}
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = "";
                if (f) void upload(f);
              }}
            />
            <Button type="button" variant="secondary" disabled={busy} onClick={() => input.current?.click()}>
              <UploadIcon />
              {busy ? t.settings.uploading : hasLogo ? t.settings.replace : t.settings.upload}
            </Button>
            {hasLogo ? (
              <Button type="button" variant="ghost" className="text-destructive hover:text-destructive" disabled={busy} onClick={remove}>
                <Trash2Icon />
                {t.settings.removeLogo}
              </Button>
            ) : null}
          </div>
        </div>
      </CardContent>
    </Card>
  );
}
