"use client";

import { useCallback, useState } from "react";
import { BellOffIcon, CheckCheckIcon } from "lucide-react";
import { InboxRow } from "@/components/bell/inbox-row";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/i18n/client";
import type { InboxPage } from "@/lib/api/types";
import { fetchInbox, markAllRead, useInboxRefresh } from "@/lib/inbox";
import { toast } from "@/lib/toast";
import { cn } from "@/lib/utils";

/** The full inbox: all or unread only, « Afficher plus » (keyset pages), « Tout marquer comme lu »; live. */
export function InboxList({ workspace, initial, pageSize }: { workspace: string; initial: InboxPage; pageSize: number }) {
  const { t } = useI18n();
  const [items, setItems] = useState(initial.items);
  const [unread, setUnread] = useState(initial.unread);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  // Refetch what is shown (at least the first page) when the inbox changes.
  const reload = useCallback(
    async (unreadOnly: boolean, count: number) => {
      const p = await fetchInbox(workspace, { limit: Math.min(Math.max(count, pageSize), 100), unread: unreadOnly });
      if (!p) return;
      setNow(Date.now());
      setItems(p.items);
      setUnread(p.unread);
      setCursor(p.nextCursor);
    },
    [workspace, pageSize],
  );
  useInboxRefresh(workspace, () => void reload(onlyUnread, items.length));

  async function more() {
    if (!cursor) return;
    setBusy(true);
    const p = await fetchInbox(workspace, { limit: pageSize, cursor, unread: onlyUnread });
    setBusy(false);
    if (!p) return;
    setItems((cur) => [...cur, ...p.items.filter((it) => !cur.some((c) => c.id === it.id))]);
    setCursor(p.nextCursor);
    setUnread(p.unread);
  }

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="group" aria-label={t.bell.title} className="inline-flex rounded-lg border bg-surface p-0.5">
          {([false, true] as const).map((u) => (
            <button
              key={String(u)}
              type="button"
              aria-pressed={onlyUnread === u}
              onClick={() => {
                setOnlyUnread(u);
                void reload(u, pageSize);
              }}
              className={cn(
                "cursor-pointer rounded-md px-3 py-1 text-sm font-medium transition-colors outline-none focus-visible:ring-2 focus-visible:ring-brand",
                onlyUnread === u ? "bg-background text-foreground shadow-xs ring-1 ring-border" : "text-muted-foreground hover:text-foreground",
              )}
            >
              {u ? `${t.bell.filterUnread}${unread > 0 ? ` (${unread})` : ""}` : t.bell.filterAll}
            </button>
          ))}
        </div>
        <Button
          variant="outline"
          size="sm"
          disabled={unread === 0}
          onClick={async () => {
            if (await markAllRead(workspace)) toast.success(t.bell.allRead);
            void reload(onlyUnread, items.length);
          }}
        >
          <CheckCheckIcon className="size-4" aria-hidden />
          {t.bell.markAll}
        </Button>
      </div>
      {items.length === 0 ? (
        <div className="grid justify-items-center gap-1.5 rounded-xl border border-dashed px-6 py-16 text-center">
          <span className="mb-1 flex size-11 items-center justify-center rounded-full bg-muted">
            <BellOffIcon className="size-5 text-muted-foreground" aria-hidden />
          </span>
          <p className="font-medium">{t.bell.empty}</p>
          <p className="text-sm text-muted-foreground">{t.bell.emptyHint}</p>
        </div>
      ) : (
        <ul className="grid gap-0.5 rounded-xl border bg-card p-1.5 shadow-xs" aria-label={t.bell.title}>
          {items.map((it) => (
            <li key={it.id}>
              <InboxRow workspace={workspace} item={it} now={now} />
            </li>
          ))}
        </ul>
      )}
      {cursor ? (
        <div className="flex justify-center">
          <Button variant="ghost" size="sm" onClick={() => void more()} disabled={busy}>
            {t.bell.loadMore}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
