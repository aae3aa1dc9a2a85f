"use client";

import Link from "@/components/link";
import { Avatar } from "@/components/avatar";
import { useI18n } from "@/i18n/client";
import { markRead, relativeTime, type InboxItem } from "@/lib/inbox";
import { cn } from "@/lib/utils";

/** One notification: who, what, where, when; a dot while unread. Opening it marks it read. */
export function InboxRow({ workspace, item, now, onOpen, compact = false }: { workspace: string; item: InboxItem; now: number; onOpen?: () => void; compact?: boolean }) {
  const { t, locale } = useI18n();
  const actor = item.actorName || t.bell.portal;
  return (
    <Link
      href={item.link}
      onClick={() => {
        if (!item.read) void markRead(workspace, item.id);
        onOpen?.();
      }}
      data-testid="inbox-item"
      data-read={item.read ? "true" : "false"}
      className={cn(
        "group relative flex gap-3 rounded-lg px-3 text-left transition-colors outline-none hover:bg-muted focus-visible:bg-muted focus-visible:ring-2 focus-visible:ring-brand",
        compact ? "py-2.5" : "py-3",
      )}
    >
      <Avatar name={actor} className="mt-0.5 size-8 text-xs" />
      <span className="grid min-w-0 flex-1 gap-0.5">
        <span className={cn("line-clamp-2 text-sm leading-snug", item.read ? "text-muted-foreground" : "font-medium text-foreground")}>{item.sentence}</span>
        <span className="flex min-w-0 items-center gap-1.5 text-xs text-muted-foreground">
          {item.projectName ? <span className="min-w-0 truncate">{item.projectName}</span> : null}
          {item.projectName ? <span aria-hidden>·</span> : null}
          <time dateTime={item.createdAt} className="shrink-0" suppressHydrationWarning>
            {relativeTime(locale, item.createdAt, now, t.bell.now)}
          </time>
        </span>
      </span>
      {item.read ? null : (
        <span className="mt-2 size-2 shrink-0 rounded-full bg-brand" role="img" aria-label={t.bell.unread} />
      )}
    </Link>
  );
}
