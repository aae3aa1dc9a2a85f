"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { BellIcon } from "lucide-react";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { badgeText, useUnreadCount } from "@/lib/inbox";
import { cn } from "@/lib/utils";

// The list is fetched and rendered only when the bell is first opened.
const BellPanel = dynamic(() => import("./bell-panel"), {
  ssr: false,
  loading: () => <div className="h-48" aria-busy />,
});

/** The top bar's bell: the unread count, live; the latest notifications in a popover. */
export function NotificationBell({ workspace }: { workspace: string }) {
  const { t } = useI18n();
  const count = useUnreadCount(workspace);
  const [open, setOpen] = useState(false);
  const n = count ?? 0;
  const label = n === 0 ? t.bell.label : n === 1 ? t.bell.labelOneUnread : fmt(t.bell.labelUnread, { n });
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger
        aria-label={label}
        data-testid="notification-bell"
        data-unread={n}
        data-ready={count === null ? "false" : "true"}
        className="relative flex size-9 cursor-pointer items-center justify-center rounded-lg text-muted-foreground transition-colors outline-none hover:bg-muted hover:text-foreground focus-visible:ring-2 focus-visible:ring-brand data-[state=open]:bg-muted data-[state=open]:text-foreground"
      >
        <BellIcon className="size-[18px]" aria-hidden />
        {n > 0 ? (
          <span
            aria-hidden
            data-testid="notification-badge"
            className={cn(
              "absolute top-0.5 right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-brand px-1 text-[10px] leading-none font-semibold text-brand-foreground ring-2 ring-background tabular-nums",
            )}
          >
            {badgeText(n)}
          </span>
        ) : null}
      </PopoverTrigger>
      <PopoverContent className="w-[min(24rem,calc(100vw-1rem))] p-0" aria-label={t.bell.title}>
        {open ? <BellPanel workspace={workspace} onClose={() => setOpen(false)} /> : null}
      </PopoverContent>
    </Popover>
  );
}
