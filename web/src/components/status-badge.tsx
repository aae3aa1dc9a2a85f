"use client";

import { Badge } from "@/components/ui/badge";
import { useI18n } from "@/i18n/client";
import type { ProjectStatus } from "@/lib/api/types";

const variant = { in_progress: "progress", waiting_client: "waiting", done: "done" } as const;

export function StatusBadge({ status }: { status: ProjectStatus }) {
  const { t } = useI18n();
  return (
    <Badge variant={variant[status]}>
      <span className="size-1.5 rounded-full bg-current opacity-80" aria-hidden />
      {t.status[status]}
    </Badge>
  );
}
