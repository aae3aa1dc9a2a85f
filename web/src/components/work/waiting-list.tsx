import Link from "@/components/link";
import { ArrowRightIcon, CircleAlertIcon, HandIcon, PartyPopperIcon, StampIcon } from "@/components/icons";
import { plural, type Dictionary } from "@/i18n";
import type { WaitingItem } from "@/lib/api/types";
import { waitingHref, waitingKind, waitingSince } from "@/lib/work";

/** « À vous de jouer » (clients) / « En attente de vos clients » (admins): oldest first, one click from where to act. */
export function WaitingList({ t, slug, items, total, isAdmin }: { t: Dictionary; slug: string; items: WaitingItem[]; total: number; isAdmin: boolean }) {
  const w = t.work.waiting;
  const more = total - items.length;
  return (
    <section aria-labelledby="waiting-list-title" className="mb-8" data-testid="waiting-list">
      <div className="mb-3 flex items-end justify-between gap-3">
        <div>
          <h2 id="waiting-list-title" className="flex items-center gap-2 text-base font-semibold tracking-tight">
            <HandIcon className="size-4 text-brand" aria-hidden />
            {isAdmin ? w.titleAdmin : w.titleClient}
            {total ? <span className="rounded-full bg-amber-100 px-2 py-px text-xs font-medium text-amber-800 tabular-nums dark:bg-amber-950 dark:text-amber-300">{total}</span> : null}
          </h2>
          <p className="mt-0.5 text-[13px] text-muted-foreground">{isAdmin ? w.subtitleAdmin : w.subtitleClient}</p>
        </div>
      </div>
      {items.length === 0 ? (
        <p className="flex items-center gap-2 rounded-xl border border-dashed px-4 py-4 text-sm text-muted-foreground">
          <PartyPopperIcon className="size-4" aria-hidden />
          {isAdmin ? w.emptyAdmin : w.empty}
        </p>
      ) : (
        <ul className="divide-y overflow-hidden rounded-xl border bg-card shadow-xs">
          {items.map((item) => (
            <li key={`${item.kind}-${item.id}`}>
              <Link
                href={waitingHref(slug, item)}
                className="group flex items-start gap-3 px-4 py-3 transition-colors hover:bg-muted/60 focus-visible:bg-muted/60 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand focus-visible:ring-inset"
              >
                <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-md bg-amber-50 text-amber-700 dark:bg-amber-950/50 dark:text-amber-400">
                  {item.kind === "approval" ? <StampIcon className="size-4" aria-hidden /> : <CircleAlertIcon className="size-4" aria-hidden />}
                </span>
                <span className="min-w-0 flex-1">
                  <span className="block text-sm font-medium">
                    {item.title}
                  </span>
                  <span className="mt-0.5 block text-[13px] text-muted-foreground">
                    {waitingKind(t, item, isAdmin)} · {item.projectName}
                    {item.detail ? <span className="block truncate sm:inline"> · {item.detail}</span> : null}
                  </span>
                </span>
                <span className="hidden shrink-0 text-xs whitespace-nowrap text-muted-foreground sm:block">{waitingSince(t, item.days)}</span>
                <span className="inline-flex shrink-0 items-center gap-1 text-[13px] font-medium text-brand">
                  <span className="hidden sm:inline">{item.kind === "payment" ? (isAdmin ? w.answer : t.payments.waiting.act) : item.kind === "approval" ? w.approve : item.kind === "request" ? w.request : w.answer}</span>
                  <ArrowRightIcon className="size-4 transition-transform group-hover:translate-x-0.5" aria-hidden />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {more > 0 ? <p className="mt-2 text-[13px] text-muted-foreground" data-testid="waiting-more">{plural(more, w.moreOne, w.more)}</p> : null}
    </section>
  );
}
