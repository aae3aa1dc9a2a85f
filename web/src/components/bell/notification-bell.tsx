"use client";

import dynamic from "next/dynamic";
import { useEffect, useId, useRef, useState } from "react";
import { BellIcon } from "lucide-react";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { badgeText, useUnreadCount } from "@/lib/inbox";

// The list is fetched and rendered only when the bell is first opened.
const BellPanel = dynamic(() => import("./bell-panel"), {
  ssr: false,
  loading: () => <div className="h-48" aria-busy />,
});

/**
 * The top bar's bell: the unread count, live; the latest notifications in a
 * light popover (no positioning library: it hangs under the bell, and spans
 * the screen on phones). Escape or a click outside closes it.
 */
export function NotificationBell({ workspace }: { workspace: string }) {
  const { t } = useI18n();
  const count = useUnreadCount(workspace);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);
  const n = count ?? 0;
  const label = n === 0 ? t.bell.label : n === 1 ? t.bell.labelOneUnread : fmt(t.bell.labelUnread, { n });
  return (
    <div ref={root} className="sm:relative">
      <button
        ref={button}
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
        data-testid="notification-bell"
        data-unread={n}
        data-ready={count === null ? "false" : "true"}
        data-state={open ? "open" : "closed"}
        className="relative flex size-9 cursor-pointer items-center justify-center rounded-lg text-muted-foreground transition-colors outline-none hover:bg-muted hover:text-foreground focus-visible:ring-2 focus-visible:ring-brand data-[state=open]:bg-muted data-[state=open]:text-foreground"
      >
        <BellIcon className="size-[18px]" aria-hidden />
        {n > 0 ? (
          <span
            aria-hidden
            data-testid="notification-badge"
            className="absolute top-0.5 right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-brand px-1 text-[10px] leading-none font-semibold text-brand-foreground tabular-nums ring-2 ring-background"
          >
            {badgeText(n)}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          id={panelId}
          role="dialog"
          aria-label={t.bell.title}
          className="fixed inset-x-2 top-14 z-50 rounded-xl border bg-popover text-foreground shadow-lg animate-in fade-in-0 zoom-in-95 sm:absolute sm:inset-x-auto sm:top-full sm:right-0 sm:mt-2 sm:w-96"
        >
          <BellPanel workspace={workspace} onClose={() => setOpen(false)} />
        </div>
      ) : null}
    </div>
  );
}
