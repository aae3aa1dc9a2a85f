"use client";

import Link from "@/components/link";
import { usePathname } from "next/navigation";
import { CreditCardIcon, FolderOpenIcon, HistoryIcon, InboxIcon, KanbanSquareIcon, LayoutDashboardIcon, MessagesSquareIcon } from "lucide-react";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { isSectionActive, type ProjectSection, type SectionKey } from "@/lib/project-nav";
import { cn } from "@/lib/utils";

const icons: Record<SectionKey, React.ComponentType<{ className?: string; "aria-hidden"?: boolean }>> = {
  overview: LayoutDashboardIcon,
  board: KanbanSquareIcon,
  requests: InboxIcon,
  messages: MessagesSquareIcon,
  files: FolderOpenIcon,
  payments: CreditCardIcon,
  activity: HistoryIcon,
};

/**
 * A project's sections: tabs under the project's name from the small-tablet
 * width up, and on phones a bar fixed at the bottom of the screen, within
 * reach of the thumb. The current page is marked with aria-current.
 */
export function ProjectNav({ sections }: { sections: ProjectSection[] }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const n = t.shell.projectNav;
  return (
    <>
      <nav aria-label={n.label} className="-mx-1 hidden overflow-x-auto sm:block" data-testid="project-tabs">
        <ul className="flex min-w-max items-center gap-1 px-1">
          {sections.map((s) => {
            const active = isSectionActive(s, pathname);
            const Icon = icons[s.key];
            return (
              <li key={s.key} className="relative">
                <Link
                  href={s.href}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "flex h-10 items-center gap-2 rounded-md px-3 text-sm font-medium transition-colors outline-none focus-visible:ring-2 focus-visible:ring-brand",
                    active ? "text-foreground" : "text-muted-foreground hover:bg-muted hover:text-foreground",
                  )}
                >
                  <Icon className={cn("size-4", active ? "text-brand" : "text-muted-foreground/80")} aria-hidden />
                  {n[s.key]}
                  <Count n={s.count} label={fmt(s.key === "messages" ? n.unreadCount : n.waitingCount, { n: s.count })} />
                </Link>
                {active ? <span aria-hidden className="absolute inset-x-2 -bottom-px h-0.5 rounded-full bg-brand" /> : null}
              </li>
            );
          })}
        </ul>
      </nav>
      <nav
        aria-label={n.label}
        className="fixed inset-x-0 bottom-0 z-30 border-t bg-background/90 pb-[env(safe-area-inset-bottom)] backdrop-blur-md sm:hidden"
        data-testid="project-tabbar"
      >
        <ul className="flex items-stretch overflow-x-auto">
          {sections.map((s) => {
            const active = isSectionActive(s, pathname);
            const Icon = icons[s.key];
            return (
              <li key={s.key} className="min-w-[4.5rem] flex-1">
                <Link
                  href={s.href}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "relative flex h-16 flex-col items-center justify-center gap-1 px-1 text-[11px] font-medium outline-none focus-visible:bg-muted",
                    active ? "text-foreground" : "text-muted-foreground",
                  )}
                >
                  {active ? <span aria-hidden className="absolute inset-x-5 top-0 h-0.5 rounded-full bg-brand" /> : null}
                  <span className="relative">
                    <Icon className={cn("size-5", active && "text-brand")} aria-hidden />
                    {s.count > 0 ? (
                      <span className="absolute -top-1.5 -right-2.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-amber-500 px-1 text-[10px] leading-none font-semibold text-white tabular-nums">
                        {s.count}
                        <span className="sr-only"> ({fmt(s.key === "messages" ? n.unreadCount : n.waitingCount, { n: s.count })})</span>
                      </span>
                    ) : null}
                  </span>
                  <span className="max-w-full truncate">{n[s.key]}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </>
  );
}

function Count({ n, label }: { n: number; label: string }) {
  if (n <= 0) return null;
  return (
    <span className="rounded-full bg-amber-100 px-1.5 py-px text-xs font-semibold text-amber-900 tabular-nums dark:bg-amber-950 dark:text-amber-200" title={label}>
      {n}
      <span className="sr-only"> ({label})</span>
    </span>
  );
}
