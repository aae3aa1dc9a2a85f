"use client";

import Link from "@/components/link";
import { useCallback, useEffect, useState } from "react";
import { BellOffIcon, CheckCheckIcon, SettingsIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useI18n } from "@/i18n/client";
import { fetchInbox, markAllRead, useInboxRefresh } from "@/lib/inbox";
import type { InboxPage } from "@/lib/api/types";
import { InboxRow } from "./inbox-row";

const SHORT = 8;

/** The bell's popover: the latest notifications, « Tout marquer comme lu », « Voir tout ». Loaded when first opened. */
export default function BellPanel({ workspace, onClose }: { workspace: string; onClose: () => void }) {
  const { t } = useI18n();
  const [page, setPage] = useState<InboxPage | null | undefined>(undefined);
  const [now, setNow] = useState(() => Date.now());
  const load = useCallback(async () => {
    const p = await fetchInbox(workspace, { limit: SHORT });
    setNow(Date.now());
    setPage(p);
  }, [workspace]);
  useEffect(() => {
    // The panel mounts when the bell opens: its first page, in the promise's callback.
    let live = true;
    void fetchInbox(workspace, { limit: SHORT }).then((p) => {
      if (!live) return;
      setNow(Date.now());
      setPage(p);
    });
    return () => {
      live = false;
    };
  }, [workspace]);
  useInboxRefresh(workspace, () => void load());

  const unread = page?.unread ?? 0;
  return (
    <div className="flex max-h-[min(32rem,calc(100dvh-5rem))] flex-col">
      <div className="flex items-center justify-between gap-2 border-b px-4 py-2.5">
        <h2 className="text-sm font-semibold">{t.bell.title}</h2>
        <Button
          variant="ghost"
          size="sm"
          className="-mr-2 h-8 text-xs"
          disabled={unread === 0}
          onClick={async () => {
            await markAllRead(workspace);
            void load();
          }}
        >
          <CheckCheckIcon className="size-4" aria-hidden />
          {t.bell.markAll}
        </Button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-1.5">
        {page === undefined ? (
          <div className="grid gap-2 p-2" aria-busy>
            {[0, 1, 2].map((i) => (
              <div key={i} className="flex gap-3">
                <Skeleton className="size-8 rounded-full" />
                <div className="grid flex-1 gap-1.5">
                  <Skeleton className="h-4 w-full" />
                  <Skeleton className="h-3 w-1/2" />
                </div>
              </div>
            ))}
          </div>
        ) : page === null ? (
          <div className="grid justify-items-center gap-2 px-4 py-8 text-center text-sm text-muted-foreground">
            <p>{t.bell.loadError}</p>
            <Button variant="outline" size="sm" onClick={() => void load()}>
              {t.bell.retry}
            </Button>
          </div>
        ) : page.items.length === 0 ? (
          <div className="grid justify-items-center gap-1.5 px-4 py-10 text-center">
            <span className="mb-1 flex size-10 items-center justify-center rounded-full bg-muted">
              <BellOffIcon className="size-5 text-muted-foreground" aria-hidden />
            </span>
            <p className="text-sm font-medium">{t.bell.empty}</p>
            <p className="text-xs text-muted-foreground">{t.bell.emptyHint}</p>
          </div>
        ) : (
          <ul className="grid gap-0.5" aria-label={t.bell.title}>
            {page.items.map((it) => (
              <li key={it.id}>
                <InboxRow workspace={workspace} item={it} now={now} onOpen={onClose} compact />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="flex items-center justify-between gap-2 border-t px-2 py-1.5">
        <Button variant="ghost" size="sm" asChild className="text-xs">
          <Link href={`/${workspace}/notifications`} onClick={onClose}>
            {t.bell.seeAll}
          </Link>
        </Button>
        <Button variant="ghost" size="sm" asChild className="text-xs text-muted-foreground">
          <Link href={`/${workspace}/notifications/preferences`} onClick={onClose}>
            <SettingsIcon className="size-3.5" aria-hidden />
            {t.bell.preferences}
          </Link>
        </Button>
      </div>
    </div>
  );
}
