"use client";

import Link from "@/components/link";
import { useEffect, useMemo, useState } from "react";
import { InboxIcon, MonitorIcon, SmartphoneIcon } from "lucide-react";
import { Skeleton } from "@/components/ui/skeleton";
import { LocaleSwitch } from "@/components/locale-switch";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { cn } from "@/lib/utils";

type Template = components["schemas"]["Template"];
type Preview = components["schemas"]["Preview"];
type Lang = "fr" | "en";
type Width = "desktop" | "phone";

const widths: Record<Width, number> = { desktop: 1440, phone: 390 };

function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: { value: T; label: React.ReactNode }[];
  onChange: (v: T) => void;
}) {
  return (
    <div className="inline-flex w-fit rounded-lg border bg-background p-0.5 text-xs font-medium" role="group" aria-label={label}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={value === o.value}
          onClick={() => onChange(o.value)}
          className={cn(
            "inline-flex cursor-pointer items-center gap-1.5 rounded-md px-2.5 py-1 [&>svg]:size-3.5",
            value === o.value ? "bg-muted text-foreground" : "text-muted-foreground hover:text-foreground",
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

/** Every email template rendered by the API with sample data and the demo
 * workspace's branding (GET /api/v1/dev/mail/preview). */
export function MailPreviews({ initial, initialLang, initialWidth }: { initial?: string; initialLang: Lang; initialWidth: Width }) {
  const { t } = useI18n();
  const p = t.mailops.previews;
  const [templates, setTemplates] = useState<Template[] | null | "unavailable">(null);
  const [selected, setSelected] = useState<string | undefined>(initial);
  const [lang, setLang] = useState<Lang>(initialLang);
  const [width, setWidth] = useState<Width>(initialWidth);
  const [view, setView] = useState<"html" | "text">("html");
  const [preview, setPreview] = useState<Preview | null>(null);

  useEffect(() => {
    let live = true;
    void api
      .GET("/api/v1/dev/mail/previews")
      .then(({ data }) => {
        if (!live) return;
        setTemplates(data ? (data.templates ?? []) : "unavailable");
        if (data) setSelected((s) => s ?? data.templates?.[0]?.name);
      })
      .catch(() => live && setTemplates("unavailable"));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!selected) return;
    let live = true;
    void api
      .GET("/api/v1/dev/mail/preview", { params: { query: { name: selected, locale: lang } } })
      .then(({ data }) => live && setPreview(data ?? null));
    return () => {
      live = false;
    };
  }, [selected, lang]);

  const groups = useMemo(() => {
    const out = new Map<Template["group"], Template[]>();
    if (Array.isArray(templates)) for (const tp of templates) out.set(tp.group, [...(out.get(tp.group) ?? []), tp]);
    return out;
  }, [templates]);
  const current = preview && preview.name === selected && preview.locale === lang ? preview : null;

  return (
    <div className="flex min-h-dvh flex-col bg-surface">
      <header className="flex h-14 items-center gap-3 border-b bg-background px-4 sm:px-6">
        <Link href="/dev/mail" className="flex items-center gap-2 rounded text-sm font-semibold">
          <InboxIcon className="size-4" aria-hidden />
          {p.title}
        </Link>
        <nav className="ml-2 hidden gap-1 text-sm sm:flex">
          <Link href="/dev/mail" className="rounded-md px-2 py-1 text-muted-foreground hover:text-foreground">
            {p.mailboxTab}
          </Link>
          <span aria-current="page" className="rounded-md bg-muted px-2 py-1 font-medium">
            {p.tab}
          </span>
        </nav>
        <div className="ml-auto">
          <LocaleSwitch />
        </div>
      </header>
      <main id="main" className="grid flex-1 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <section className="border-b bg-background lg:border-r lg:border-b-0" aria-label={p.tab}>
          <p className="border-b px-4 py-3 text-xs text-muted-foreground">{p.subtitle}</p>
          {templates === null ? (
            <div className="grid gap-2 p-4">
              {[0, 1, 2, 3].map((i) => (
                <Skeleton key={i} className="h-4 w-3/4" />
              ))}
            </div>
          ) : templates === "unavailable" ? (
            <p className="p-4 text-sm text-muted-foreground">{p.unavailable}</p>
          ) : (
            <div className="max-h-[36dvh] overflow-y-auto lg:max-h-[calc(100dvh-6.5rem)]">
              {(["notification", "digest", "account"] as const).map((g) =>
                groups.get(g)?.length ? (
                  <div key={g} className="py-2">
                    <p className="px-4 pt-1 pb-1.5 text-[11px] font-semibold tracking-wide text-muted-foreground uppercase">{p.groups[g]}</p>
                    <ul>
                      {groups.get(g)!.map((tp) => (
                        <li key={tp.name}>
                          <button
                            type="button"
                            onClick={() => setSelected(tp.name)}
                            aria-current={tp.name === selected ? "true" : undefined}
                            className={cn(
                              "w-full cursor-pointer px-4 py-1.5 text-left font-mono text-[12.5px] transition-colors focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none focus-visible:ring-inset",
                              tp.name === selected ? "bg-muted font-medium text-foreground" : "text-muted-foreground hover:bg-muted/60 hover:text-foreground",
                            )}
                          >
                            {tp.name}
                          </button>
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null,
              )}
            </div>
          )}
        </section>
        <section className="flex min-w-0 flex-col gap-3 p-4 sm:p-6">
          <div className="flex flex-wrap items-center gap-2">
            <Segmented label={p.language} value={lang} onChange={setLang} options={[{ value: "fr", label: "FR" }, { value: "en", label: "EN" }]} />
            <Segmented
              label={p.width}
              value={width}
              onChange={setWidth}
              options={[
                { value: "desktop", label: <><MonitorIcon aria-hidden />{p.desktop}</> },
                { value: "phone", label: <><SmartphoneIcon aria-hidden />{p.phone}</> },
              ]}
            />
            <Segmented
              label="HTML / Text"
              value={view}
              onChange={setView}
              options={[{ value: "html", label: t.devMail.htmlTab }, { value: "text", label: t.devMail.textTab }]}
            />
          </div>
          {current ? (
            <article className="flex flex-1 flex-col overflow-hidden rounded-xl border bg-card" data-testid="preview">
              <header className="border-b px-4 py-3">
                <p className="text-xs text-muted-foreground">{p.subject}</p>
                <h1 className="text-base font-semibold" data-testid="preview-subject">
                  {current.subject}
                </h1>
              </header>
              {view === "html" ? (
                <div className="flex flex-1 justify-center overflow-x-auto bg-muted/50 p-3" tabIndex={0} role="region" aria-label={current.subject}>
                  {/* sandbox="" : no scripts, no same-origin, no forms, no top navigation. */}
                  <iframe
                    title={current.subject}
                    sandbox=""
                    srcDoc={current.html}
                    data-testid="preview-frame"
                    style={{ width: widths[width], maxWidth: width === "desktop" ? "100%" : undefined }}
                    className="min-h-[44rem] flex-none rounded-lg border bg-white shadow-sm"
                  />
                </div>
              ) : (
                <pre className="flex-1 overflow-auto p-4 font-mono text-[13px] leading-relaxed whitespace-pre-wrap" data-testid="preview-text">
                  {current.text}
                </pre>
              )}
            </article>
          ) : templates === "unavailable" ? null : (
            <Skeleton className="h-[44rem] w-full rounded-xl" />
          )}
        </section>
      </main>
    </div>
  );
}
