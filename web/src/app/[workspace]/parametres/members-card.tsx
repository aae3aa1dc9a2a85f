"use client";

import { useCallback, useEffect, useState } from "react";
import { MailWarningIcon, RotateCcwIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { fmt, formatDate } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { problemMessage } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema";

type Member = components["schemas"]["Member"];
type Suppression = components["schemas"]["EmailSuppression"];
type State = { kind: "loading" } | { kind: "error" } | { kind: "ok"; members: Member[]; failing: Map<string, Suppression> };

async function read(workspace: string): Promise<State> {
  try {
    const params = { params: { path: { workspace } } };
    const [m, s] = await Promise.all([
      api.GET("/api/v1/w/{workspace}/members", params),
      api.GET("/api/v1/w/{workspace}/email-suppressions", params),
    ]);
    if (!m.data || !s.data) return { kind: "error" };
    return { kind: "ok", members: m.data.members ?? [], failing: new Map((s.data.suppressions ?? []).map((x) => [x.userId, x])) };
  } catch {
    return { kind: "error" };
  }
}

/** The workspace's members, with a warning on each address that bounced
 * or complained (no email reaches it) and the way to resume sending. */
export function MembersCard({ workspace }: { workspace: string }) {
  const { t, locale } = useI18n();
  const m = t.mailops.members;
  const [state, setState] = useState<State>({ kind: "loading" });
  const [busy, setBusy] = useState<string | null>(null);
  const load = useCallback(async () => setState(await read(workspace)), [workspace]);

  useEffect(() => {
    // Initial fetch, once on mount.
    let live = true;
    void read(workspace).then((next) => live && setState(next));
    return () => {
      live = false;
    };
  }, [workspace]);

  async function lift(member: Member) {
    setBusy(member.userId);
    try {
      const { error, response } = await api.DELETE("/api/v1/w/{workspace}/members/{user}/email-suppression", {
        params: { path: { workspace, user: member.userId } },
      });
      if (response.ok) {
        toast.success(fmt(m.lifted, { email: member.email }));
        await load();
      } else {
        toast.error(problemMessage(t, error, response));
      }
    } catch {
      toast.error(t.common.networkError);
    }
    setBusy(null);
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>{m.title}</CardTitle>
        <CardDescription>{m.description}</CardDescription>
      </CardHeader>
      <CardContent>
        {state.kind === "loading" ? (
          <div className="grid gap-3">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-10 w-full" />
            ))}
          </div>
        ) : state.kind === "error" ? (
          <p className="text-sm text-destructive">{t.common.genericError}</p>
        ) : state.members.length === 0 ? (
          <p className="text-sm text-muted-foreground">{m.empty}</p>
        ) : (
          <ul className="-my-2 divide-y" data-testid="members">
            {state.members.map((member) => {
              const failing = state.failing.get(member.userId);
              return (
                <li key={member.userId} className="grid gap-2 py-3" data-testid="member">
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <div className="min-w-0 flex-1">
                      <p className="truncate text-sm font-medium">{member.name}</p>
                      <p className="truncate text-xs text-muted-foreground">{member.email}</p>
                    </div>
                    <Badge variant={member.role === "admin" ? "brand" : "outline"}>{member.role === "admin" ? m.admin : m.client}</Badge>
                  </div>
                  {failing ? (
                    <div
                      role="status"
                      className="flex flex-wrap items-start gap-3 rounded-lg border border-amber-300/70 bg-amber-50 px-3 py-2.5 text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200"
                    >
                      <MailWarningIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
                      <div className="min-w-0 flex-1 basis-56 text-sm">
                        <p className="font-medium">{m.failing}</p>
                        <p className="text-xs text-amber-800 dark:text-amber-300">
                          {m.reasons[failing.reason]} · {fmt(m.since, { date: formatDate(locale, failing.since) })}
                          {failing.detail ? <span className="block truncate">{failing.detail}</span> : null}
                        </p>
                        <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">{m.liftHint}</p>
                      </div>
                      <Button size="sm" variant="secondary" className="ml-7 sm:ml-0" disabled={busy === member.userId} onClick={() => void lift(member)}>
                        <RotateCcwIcon />
                        {m.lift}
                      </Button>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
