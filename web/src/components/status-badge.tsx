"use client";

import { Badge } from "@/components/ui/badge";
import { useI18n } from "@/i18n/client";
import type { ProjectStatus } from "@/lib/api/types";

const variant = { in_progress: "progress", waiting_client: "waiting", done: "done" } as const;

/** The project's state; `forClient` words it for the client (« En attente de votre retour »). */
export function StatusBadge({ status, forClient = false }: { status: ProjectStatus; forClient?: boolean }) {
  const { t } = useI18n();
  return (
    <Badge variant={variant[status]}>
      <span className="size-1.5 rounded-full bg-current opacity-80" aria-hidden />
      {(forClient ? t.statusClient : t.status)[status]}
    </Badge>
  );
}
