import type { Metadata } from "next";
import Link from "@/components/link";
import { ChevronRightIcon, MessageSquareIcon, PlusIcon } from "@/components/icons";
import { TicketStatusBadge, TicketTypeBadge } from "@/components/requests/badges";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/work/local-time";
import { fmt } from "@/i18n";
import { getT } from "@/i18n/server";
import { getProject, getTickets } from "@/lib/api/queries";
import { getViewer } from "@/lib/viewer";
import { requestHref, projectHref } from "@/lib/work";

type Props = { params: Promise<{ workspace: string; project: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { workspace, project } = await params;
  const [{ t }, p] = await Promise.all([getT(), getProject(workspace, project)]);
  return { title: `${t.requests.title} · ${p.name}` };
}

export default async function RequestsPage({ params }: Props) {
  const { workspace: slug, project: id } = await params;
  const [{ t }, viewer, list] = await Promise.all([getT(), getViewer(slug, id), getTickets(slug, id)]);
  const r = t.requests;
  const { isAdmin, preview } = viewer;
  return (
    <>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight">{r.title}</h1>
          <p className="mt-1.5 max-w-2xl text-sm text-muted-foreground">{isAdmin ? r.subtitleAdmin : r.subtitleClient}</p>
        </div>
        {preview ? null : (
          <Button asChild>
            <Link href={`${projectHref(slug, id)}/demandes/nouvelle`}>
              <PlusIcon aria-hidden />
              {r.new}
            </Link>
          </Button>
        )}
      </div>
      {list.tickets.length === 0 ? (
        <div className="rounded-xl border border-dashed px-6 py-12 text-center text-sm text-muted-foreground">{isAdmin ? r.empty : r.emptyClient}</div>
      ) : (
        <ul className="divide-y overflow-hidden rounded-xl border bg-card" data-testid="request-list">
          {list.tickets.map((tk) => (
            <li key={tk.id}>
              <Link
                href={requestHref(slug, id, tk.id)}
                className="group flex items-center gap-3 px-4 py-3.5 transition-colors hover:bg-muted/60 focus-visible:bg-muted/60 focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none focus-visible:ring-inset"
              >
                <span className="w-10 shrink-0 text-sm text-muted-foreground tabular-nums">{fmt(r.short, { n: tk.number })}</span>
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium">{tk.title}</span>
                  <span className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
                    <TicketTypeBadge type={tk.type} />
                    <span>{tk.mine ? r.thread.you : tk.authorName}</span>
                    <span aria-hidden>·</span>
                    <LocalTime iso={tk.createdAt} dateOnly />
                    {tk.commentCount > 0 ? (
                      <span className="inline-flex items-center gap-1">
                        <MessageSquareIcon className="size-3" aria-hidden />
                        {tk.commentCount === 1 ? r.messagesOne : fmt(r.messages, { n: tk.commentCount })}
                      </span>
                    ) : null}
                  </span>
                </span>
                <TicketStatusBadge status={tk.status} forClient={!isAdmin} />
                <ChevronRightIcon className="size-4 shrink-0 text-muted-foreground transition-transform group-hover:translate-x-0.5" aria-hidden />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
