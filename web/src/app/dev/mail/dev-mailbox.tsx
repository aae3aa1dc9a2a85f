"use client";

import Link from "@/components/link";
import { useCallback, useEffect, useState } from "react";
import { InboxIcon, RefreshCwIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { LocaleSwitch } from "@/components/locale-switch";
import { formatDateTime } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import type { MailMessage } from "@/lib/api/types";
import { cn } from "@/lib/utils";

type State = { kind: "loading" } | { kind: "unavailable" } | { kind: "error" } | { kind: "ok"; messages: MailMessage[] };

async function readMailbox(): Promise<State> {
  try {
    const { data, response } = await api.GET("/api/v1/dev/mail");
    if (data) return { kind: "ok", messages: data.messages ?? [] };
    return { kind: response.status === 404 ? "unavailable" : "error" };
  } catch {
    return { kind: "error" };
  }
}

/** Development mailbox: what the API "sent", read from GET /api/v1/dev/mail. */
export function DevMailbox() {
  const { t, locale } = useI18n();
  const [state, setState] = useState<State>({ kind: "loading" });
  const [selected, setSelected] = useState<string | null>(null);
  const [view, setView] = useState<"html" | "text">("html");

  const show = useCallback((next: State) => {
    setState(next);
    if (next.kind === "ok") setSelected((s) => s ?? next.messages[0]?.id ?? null);
  }, []);
  const load = useCallback(async () => show(await readMailbox()), [show]);

  useEffect(() => {
    // Initial fetch of an external resource, once on mount.
    let live = true;
    void readMailbox().then((next) => live && show(next));
    return () => {
      live = false;
    };
  }, [show]);

  const messages = state.kind === "ok" ? state.messages : [];
  const current = messages.find((m) => m.id === selected) ?? null;

  return (
    <div className="flex min-h-dvh flex-col bg-surface">
      <header className="flex h-14 items-center gap-3 border-b bg-background px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 rounded text-sm font-semibold">
          <InboxIcon className="size-4" aria-hidden />
          {t.devMail.title}
        </Link>
        <div className="ml-auto flex items-center gap-2">
          <Link href="/dev/mail?apercu=1" className="rounded-md px-2 py-1 text-sm text-muted-foreground hover:text-foreground">
            {t.mailops.previews.tab}
          </Link>
          <LocaleSwitch />
          <Button variant="secondary" size="sm" onClick={() => void load()}>
            <RefreshCwIcon />
            {t.devMail.refresh}
          </Button>
        </div>
      </header>
      <main id="main" className="grid flex-1 lg:grid-cols-[22rem_minmax(0,1fr)]">
        <section className="border-b bg-background lg:border-r lg:border-b-0" aria-label={t.devMail.title}>
          <p className="border-b px-4 py-3 text-xs text-muted-foreground">{t.devMail.subtitle}</p>
          {state.kind === "loading" ? (
            <div className="grid gap-3 p-4">
              {[0, 1, 2].map((i) => (
                <div key={i} className="grid gap-2">
                  <Skeleton className="h-4 w-3/4" />
                  <Skeleton className="h-3 w-1/2" />
                </div>
              ))}
            </div>
          ) : state.kind === "unavailable" ? (
            <p className="p-4 text-sm text-muted-foreground">{t.devMail.unavailable}</p>
          ) : state.kind === "error" ? (
            <p className="p-4 text-sm text-destructive">{t.common.genericError}</p>
          ) : messages.length === 0 ? (
            <p className="p-4 text-sm text-muted-foreground">{t.devMail.empty}</p>
          ) : (
            <ul className="max-h-[40dvh] overflow-y-auto lg:max-h-[calc(100dvh-6.5rem)]">
              {messages.map((m) => (
                <li key={m.id}>
                  <button
                    type="button"
                    onClick={() => setSelected(m.id)}
                    aria-current={m.id === selected ? "true" : undefined}
                    className={cn(
                      "grid w-full cursor-pointer gap-0.5 border-b px-4 py-3 text-left transition-colors focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none focus-visible:ring-inset",
                      m.id === selected ? "bg-muted" : "hover:bg-muted/60",
                    )}
                  >
                    <span className="truncate text-sm font-medium">{m.subject}</span>
                    <span className="truncate text-xs text-muted-foreground">
                      {t.devMail.to} {m.to} · {formatDateTime(locale, m.sentAt)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="flex min-h-[60dvh] flex-col p-4 sm:p-6">
          {current ? (
            <article className="flex flex-1 flex-col overflow-hidden rounded-xl border bg-card" data-testid="mail-detail">
              <header className="grid gap-1 border-b p-4">
                <h1 className="text-base font-semibold">{current.subject}</h1>
                <p className="text-xs text-muted-foreground">
                  {t.devMail.to} <span className="text-foreground">{current.to}</span> · {t.devMail.sentAt} {formatDateTime(locale, current.sentAt)}
                </p>
                <div className="mt-2 inline-flex w-fit rounded-lg border p-0.5 text-xs font-medium" role="group">
                  {(["html", "text"] as const).map((v) => (
                    <button
                      key={v}
                      type="button"
                      aria-pressed={view === v}
                      onClick={() => setView(v)}
                      className={cn("cursor-pointer rounded-md px-2.5 py-1", view === v ? "bg-muted" : "text-muted-foreground hover:text-foreground")}
                    >
                      {v === "html" ? t.devMail.htmlTab : t.devMail.textTab}
                    </button>
                  ))}
                </div>
              </header>
              {view === "html" ? (
                // sandbox="" : no scripts, no same-origin, no forms, no top navigation.
                <iframe title={current.subject} sandbox="" srcDoc={current.html} className="min-h-[32rem] w-full flex-1 bg-white" />
              ) : (
                <pre className="flex-1 overflow-auto p-4 font-mono text-[13px] leading-relaxed whitespace-pre-wrap">{current.text}</pre>
              )}
            </article>
          ) : (
            <p className="m-auto text-sm text-muted-foreground">{state.kind === "ok" && messages.length > 0 ? t.devMail.select : null}</p>
          )}
        </section>
      </main>
    </div>
  );
}
