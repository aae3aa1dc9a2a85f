"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { EyeIcon, XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/i18n/client";
import { PREVIEW_COOKIE } from "@/lib/preview";

/** Sets or clears the preview cookie (a session cookie naming the project), then re-renders the page on the server. */
function usePreview(project: string) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const set = (on: boolean) => {
    const secure = window.location.protocol === "https:" ? "; secure" : "";
    document.cookie = on
      ? `${PREVIEW_COOKIE}=${encodeURIComponent(project)}; path=/; samesite=lax${secure}`
      : `${PREVIEW_COOKIE}=; path=/; max-age=0; samesite=lax${secure}`;
    start(() => router.refresh());
  };
  return { pending, set };
}

/** « Voir comme le client »: an admin's switch into the client's view of this project. */
export function ClientPreviewButton({ project }: { project: string }) {
  const { t } = useI18n();
  const { pending, set } = usePreview(project);
  return (
    <Button variant="ghost" size="sm" className="text-muted-foreground" onClick={() => set(true)} disabled={pending} title={t.shell.preview.enterHint} data-testid="preview-enter">
      <EyeIcon />
      {t.shell.preview.enter}
    </Button>
  );
}

/** The banner that marks every page of a client preview, with the way out. */
export function ClientPreviewBanner({ project }: { project: string }) {
  const { t } = useI18n();
  const { pending, set } = usePreview(project);
  return (
    <div
      role="status"
      data-testid="preview-banner"
      className="mb-6 flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950/40 dark:text-sky-100"
    >
      <EyeIcon className="size-4 shrink-0" aria-hidden />
      <p className="min-w-0 flex-1">
        <span className="font-semibold">{t.shell.preview.banner}</span>
        <span className="hidden text-sky-900/80 sm:inline dark:text-sky-100/80"> · {t.shell.preview.bannerHint}</span>
      </p>
      <Button variant="secondary" size="sm" onClick={() => set(false)} disabled={pending} data-testid="preview-exit">
        <XIcon />
        {t.shell.preview.exit}
      </Button>
    </div>
  );
}
