import type { Metadata } from "next";
import Link from "@/components/link";
import { ArrowRightIcon } from "@/components/icons";
import { TicketStatusBadge, TicketTypeBadge } from "@/components/requests/badges";
import { LocalTime } from "@/components/work/local-time";
import { fmt } from "@/i18n";
import { getT } from "@/i18n/server";
import { getTriage } from "@/lib/api/queries";
import { requestHref } from "@/lib/work";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t.requests.triage.title };
}

/** Triage: every request awaiting a decision across the workspace's projects, oldest first. */
export default async function TriagePage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const [{ t }, items] = await Promise.all([getT(), getTriage(slug)]);
  const r = t.requests;
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-semibold tracking-tight">{r.triage.title}</h1>
      <p className="mt-1.5 text-sm text-muted-foreground">{r.triage.subtitle}</p>
      {items.length === 0 ? (
        <div className="mt-6 rounded-xl border border-dashed px-6 py-12 text-center text-sm text-muted-foreground">{r.triage.empty}</div>
      ) : (
        <ul className="mt-6 divide-y overflow-hidden rounded-xl border bg-card" data-testid="triage">
          {items.map((it) => (
            <li key={it.id}>
              <Link
                href={requestHref(slug, it.projectId, it.id)}
                className="group flex flex-col gap-2 px-4 py-3.5 transition-colors hover:bg-muted/60 focus-visible:bg-muted/60 focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none focus-visible:ring-inset sm:flex-row sm:items-center sm:gap-3"
              >
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium">
                    <span className="text-muted-foreground tabular-nums">{fmt(r.short, { n: it.number })}</span> {it.title}
                  </span>
                  <span className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
                    <TicketTypeBadge type={it.type} />
                    <span>{it.projectName}</span>
                    <span aria-hidden>·</span>
                    <span>{it.authorName}</span>
                    <span aria-hidden>·</span>
                    <LocalTime iso={it.createdAt} dateOnly />
                  </span>
                </span>
                <span className="flex items-center gap-3">
                  <TicketStatusBadge status={it.status} forClient={false} />
                  <span className="inline-flex items-center gap-1 text-[13px] font-medium text-brand">
                    {r.triage.open}
                    <ArrowRightIcon className="size-4 transition-transform group-hover:translate-x-0.5" aria-hidden />
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
