"use client";

import { BugIcon, HelpCircleIcon, PencilRulerIcon, SparklesIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { useI18n } from "@/i18n/client";
import type { TicketStatus, TicketType } from "@/lib/api/types";

const statusVariant: Record<TicketStatus, "brand" | "waiting" | "done" | "outline" | "progress" | "default"> = {
  new: "brand",
  clarify: "waiting",
  priced: "waiting",
  payment_pending: "progress",
  accepted: "done",
  paid: "done",
  refused: "outline",
  duplicate: "outline",
};

/** A request's status in plain words; `forClient` says it in the second person. */
export function TicketStatusBadge({ status, forClient }: { status: TicketStatus; forClient: boolean }) {
  const { t } = useI18n();
  return (
    <Badge variant={statusVariant[status]} data-testid="ticket-status" data-status={status}>
      <span className="size-1.5 rounded-full bg-current opacity-80" aria-hidden />
      {(forClient ? t.requests.statusClient : t.requests.status)[status]}
    </Badge>
  );
}

const typeIcon = { bug: BugIcon, modif: PencilRulerIcon, amelioration: SparklesIcon, question: HelpCircleIcon } as const;

export function TicketTypeBadge({ type }: { type: TicketType }) {
  const { t } = useI18n();
  const Icon = typeIcon[type];
  return (
    <Badge variant="default">
      <Icon className="size-3" aria-hidden />
      {t.requests.types[type]}
    </Badge>
  );
}
