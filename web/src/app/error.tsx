"use client";

import { Button } from "@/components/ui/button";
import { useI18n } from "@/i18n/client";

export default function ErrorPage({ retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="flex min-h-[60dvh] flex-col items-center justify-center px-6 py-16 text-center" role="alert">
      <h1 className="text-2xl font-semibold tracking-tight">{t.errorPage.title}</h1>
      <p className="mt-2 max-w-sm text-sm text-muted-foreground">{t.errorPage.body}</p>
      <Button variant="secondary" className="mt-6" onClick={() => retry()}>
        {t.errorPage.retry}
      </Button>
    </div>
  );
}
