"use client";

import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { CheckCheckIcon, EyeOffIcon, Loader2Icon, MoreHorizontalIcon, PencilIcon, SendHorizontalIcon, Trash2Icon } from "lucide-react";
import { toast } from "@/lib/toast";
import { AttachmentList, AttachmentsField, useAttachments } from "@/components/requests/attachments";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Textarea } from "@/components/ui/textarea";
import { LocalTime } from "@/components/work/local-time";
import { Markdown } from "@/components/work/lazy-markdown";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { dayKey, dayLabel } from "@/lib/activity-days";
import { api } from "@/lib/api/client";
import { problemMessage } from "@/lib/api/errors";
import type { ChatMessage, MessagePage } from "@/lib/api/types";
import { call } from "@/lib/api-call";
import { useLive } from "@/lib/live";
import { cn } from "@/lib/utils";

const P = "/api/v1/w/{workspace}/projects/{project}/messages" as const;
const MAX = 10000;
/** Messages of one author closer than this share one header. */
const GROUP_MS = 5 * 60_000;

type Props = { workspace: string; project: string; first: MessagePage; isAdmin: boolean; readOnly: boolean };

function merge(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * A project's conversation: newest at the bottom, older pages loaded when
 * scrolling up, grouped by day and author, « nouveaux messages » where the
 * reader stopped, « Vu par le client » under the admin's last message a
 * client read, and the composer (draft kept per project, Enter sends).
 */
export function Conversation({ workspace, project, first, isAdmin, readOnly }: Props) {
  const { t, locale } = useI18n();
  const m = t.messages;
  const router = useRouter();
  const path = useMemo(() => ({ workspace, project }), [workspace, project]);
  const [msgs, setMsgs] = useState<ChatMessage[]>(first.messages);
  const [cursor, setCursor] = useState<string | null>(first.nextCursor ?? null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [clientsRead, setClientsRead] = useState(first.clientsReadSeq);
  // Where the reader stopped when the page opened: the divider stays there.
  const [dividerAfter] = useState(first.lastReadSeq);
  const scroller = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLDivElement>(null);
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const stick = useRef(true);
  const marked = useRef(first.lastReadSeq);

  // Opening: at the divider if there is one, else at the bottom.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const divider = el.querySelector<HTMLElement>("[data-testid=new-divider]");
    el.scrollTop = divider ? divider.offsetTop - 16 : el.scrollHeight;
  }, []);

  // Keeps the view still when older messages are put on top, and follows new
  // messages at the bottom when the reader was there.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (anchor.current) {
      el.scrollTop = anchor.current.top + (el.scrollHeight - anchor.current.height);
      anchor.current = null;
    } else if (stick.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [msgs]);

  const loadOlder = useCallback(async () => {
    if (!cursor || loadingOlder) return;
    setLoadingOlder(true);
    const res = await call(api.GET(P, { params: { path, query: { before: cursor, ...(readOnly ? { as: "client" as const } : {}) } } }));
    setLoadingOlder(false);
    if (!res.data) {
      toast.error(res.response ? problemMessage(t, res.error, res.response) : t.common.networkError);
      return;
    }
    const el = scroller.current;
    if (el) anchor.current = { height: el.scrollHeight, top: el.scrollTop };
    setMsgs((cur) => merge(cur, res.data!.messages));
    setCursor(res.data.nextCursor ?? null);
  }, [cursor, loadingOlder, path, readOnly, t]);

  // Infinite scroll back: the sentinel at the top loads the previous page.
  useEffect(() => {
    const el = top.current;
    if (!el || !cursor) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void loadOlder(), { root: scroller.current, rootMargin: "200px 0px 0px 0px" });
    io.observe(el);
    return () => io.disconnect();
  }, [cursor, loadOlder]);

  // The newest page again: new, edited, deleted or hidden messages and the
  // client's read mark (live event, focus, or the fallback poll).
  const refresh = useCallback(async () => {
    const res = await call(api.GET(P, { params: { path, query: readOnly ? { as: "client" } : {} } }));
    if (!res.data) return;
    setMsgs((cur) => merge(cur, res.data!.messages));
    setClientsRead(res.data.clientsReadSeq);
  }, [path, readOnly]);

  useLive(workspace, (e) => {
    if (!e) return void refresh();
    if (e.projectId === project && e.kind.startsWith("message.")) void refresh();
  });

  // What the reader sees is read: move the mark, then let the navigation's
  // badges catch up.
  useEffect(() => {
    if (readOnly) return;
    const last = msgs[msgs.length - 1];
    if (!last || last.seq <= marked.current) return;
    const unseen = msgs.some((x) => x.seq > marked.current && !x.mine);
    marked.current = last.seq;
    const mark = () => {
      void call(api.PUT(`${P}/read`, { params: { path }, body: { seq: last.seq } })).then((res) => {
        if (res.data && unseen) router.refresh();
      });
    };
    if (document.visibilityState === "visible") mark();
    else {
      marked.current = 0;
      const on = () => {
        if (document.visibilityState !== "visible") return;
        document.removeEventListener("visibilitychange", on);
        marked.current = last.seq;
        mark();
      };
      document.addEventListener("visibilitychange", on);
      return () => document.removeEventListener("visibilitychange", on);
    }
  }, [msgs, path, readOnly, router]);

  const seenSeq = useMemo(() => {
    if (!isAdmin) return 0;
    const seen = msgs.filter((x) => x.authorIsAdmin && x.seq <= clientsRead && !x.deleted);
    return seen.length ? seen[seen.length - 1]!.seq : 0;
  }, [msgs, clientsRead, isAdmin]);

  const firstNew = useMemo(() => msgs.find((x) => x.seq > dividerAfter && !x.mine)?.seq ?? 0, [msgs, dividerAfter]);
  const now = useMemo(() => new Date(), []);

  const onSent = (msg: ChatMessage) => {
    stick.current = true;
    marked.current = Math.max(marked.current, msg.seq);
    setMsgs((cur) => merge(cur, [msg]));
  };
  const onChanged = (msg: ChatMessage) => setMsgs((cur) => merge(cur, [msg]));

  return (
    <div className="flex flex-col overflow-hidden rounded-xl border bg-card" data-testid="conversation">
      <div
        ref={scroller}
        className="h-[calc(100dvh-27rem)] min-h-64 overflow-y-auto overscroll-contain px-3 py-4 sm:h-[calc(100dvh-20rem)] sm:px-5"
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
        }}
        role="log"
        aria-label={m.title}
        aria-live="polite"
        tabIndex={0}
      >
        <div ref={top} />
        {cursor ? (
          <div className="mb-4 flex justify-center">
            <Button variant="ghost" size="sm" onClick={() => void loadOlder()} disabled={loadingOlder} data-testid="load-older">
              {loadingOlder ? <Loader2Icon className="animate-spin" aria-hidden /> : null}
              {loadingOlder ? m.loadingOlder : m.older}
            </Button>
          </div>
        ) : msgs.length > 0 ? (
          <p className="mb-4 text-center text-xs text-muted-foreground">{m.start}</p>
        ) : null}
        {msgs.length === 0 ? (
          <p className="flex h-full items-center justify-center px-6 text-center text-sm text-muted-foreground">{isAdmin ? m.empty : m.emptyClient}</p>
        ) : null}
        <ol className="grid gap-1">
          {msgs.map((msg, i) => {
            const prev = msgs[i - 1];
            const day = dayKey(msg.createdAt);
            const newDay = !prev || dayKey(prev.createdAt) !== day;
            const grouped =
              !newDay && prev && prev.authorName === msg.authorName && prev.mine === msg.mine && msg.seq !== firstNew && new Date(msg.createdAt).getTime() - new Date(prev.createdAt).getTime() < GROUP_MS;
            return (
              <Fragment key={msg.id}>
                {newDay ? (
                  <li className="my-3 flex items-center gap-3 text-xs font-medium text-muted-foreground" aria-hidden={false}>
                    <span className="h-px flex-1 bg-border" />
                    <span className="first-letter:uppercase">{dayLabel(t, locale, day, now)}</span>
                    <span className="h-px flex-1 bg-border" />
                  </li>
                ) : null}
                {msg.seq === firstNew ? (
                  <li className="my-2 flex items-center gap-3 text-xs font-semibold text-brand" data-testid="new-divider">
                    <span className="h-px flex-1 bg-brand/40" />
                    {m.newDivider}
                    <span className="h-px flex-1 bg-brand/40" />
                  </li>
                ) : null}
                <Bubble msg={msg} grouped={!!grouped} path={path} isAdmin={isAdmin} readOnly={readOnly} seen={msg.seq === seenSeq} onChanged={onChanged} />
              </Fragment>
            );
          })}
        </ol>
      </div>
      {readOnly ? (
        <p className="border-t bg-muted/40 px-4 py-3 text-center text-sm text-muted-foreground">{m.previewReadOnly}</p>
      ) : (
        <Composer path={path} folder={first.attachmentsFolderId} maxBytes={first.maxBytes} onSent={onSent} />
      )}
    </div>
  );
}

function Bubble({ msg, grouped, path, isAdmin, readOnly, seen, onChanged }: { msg: ChatMessage; grouped: boolean; path: { workspace: string; project: string }; isAdmin: boolean; readOnly: boolean; seen: boolean; onChanged: (m: ChatMessage) => void }) {
  const { t } = useI18n();
  const m = t.messages;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(msg.body);
  const [pending, setPending] = useState(false);
  // Past the window the server answers edit_window_closed, in words.
  const [shownAt] = useState(() => Date.now());
  const editable = !readOnly && msg.mine && !msg.deleted && !!msg.editableUntil && new Date(msg.editableUntil).getTime() > shownAt;
  const canHide = !readOnly && isAdmin && !msg.deleted;
  const gone = msg.deleted || (msg.hidden && !isAdmin);

  async function act(p: Promise<{ data?: ChatMessage; error?: unknown; response: Response }>, after?: () => void) {
    setPending(true);
    const res = await call(p);
    setPending(false);
    if (res.response?.ok) {
      if (res.data) onChanged(res.data);
      after?.();
    } else {
      toast.error(res.response ? problemMessage(t, res.error, res.response) : t.common.networkError);
    }
  }
  const mpath = { ...path, message: msg.id };

  return (
    <li className={cn("group flex flex-col", msg.mine ? "items-end" : "items-start", grouped ? "mt-0.5" : "mt-3")} data-testid="message" data-mine={msg.mine ? "true" : "false"} data-seq={msg.seq}>
      {grouped ? null : (
        <p className={cn("mb-1 flex items-baseline gap-2 px-1 text-xs text-muted-foreground", msg.mine && "flex-row-reverse")}>
          <span className="font-medium text-foreground">{msg.mine ? m.you : msg.authorName}</span>
          <LocalTime iso={msg.createdAt} timeOnly />
        </p>
      )}
      <div className={cn("flex max-w-[min(40rem,88%)] items-start gap-1", msg.mine && "flex-row-reverse")}>
        <div
          className={cn(
            "min-w-0 rounded-2xl px-3.5 py-2.5 text-[15px] break-words sm:text-sm",
            gone ? "border border-dashed bg-transparent text-muted-foreground italic" : msg.mine ? "bg-brand/10 dark:bg-brand/20" : "bg-muted",
            msg.hidden && isAdmin && "ring-1 ring-amber-400/60",
          )}
        >
          {msg.deleted ? (
            m.deleted
          ) : msg.hidden && !isAdmin ? (
            m.hidden
          ) : editing ? (
            <form
              className="grid w-[min(32rem,70vw)] gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                void act(api.PATCH(`${P}/{message}`, { params: { path: mpath }, body: { body: draft } }), () => setEditing(false));
              }}
            >
              <Textarea value={draft} onChange={(e) => setDraft(e.target.value)} className="min-h-20 bg-background" aria-label={m.edit} maxLength={MAX} autoFocus />
              <div className="flex justify-end gap-2">
                <Button type="button" variant="ghost" size="sm" onClick={() => setEditing(false)}>
                  {m.cancel}
                </Button>
                <Button type="submit" size="sm" disabled={pending || !draft.trim()}>
                  {m.save}
                </Button>
              </div>
            </form>
          ) : (
            <div className="prose-chat" data-testid="message-body">
              <Markdown>{msg.body}</Markdown>
            </div>
          )}
          {!gone && !editing ? <AttachmentList scope={path} items={msg.attachments} /> : null}
          {msg.editedAt && !msg.deleted ? <span className="mt-1 block text-[11px] text-muted-foreground">{m.edited}</span> : null}
          {msg.hidden && isAdmin ? (
            <span className="mt-1 flex items-center gap-1 text-[11px] font-medium text-amber-700 dark:text-amber-300">
              <EyeOffIcon className="size-3" aria-hidden />
              {m.hiddenAdmin}
            </span>
          ) : null}
        </div>
        {(editable || canHide) && !editing ? (
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="icon-sm" className="size-7 shrink-0 opacity-60 group-hover:opacity-100 focus-visible:opacity-100" aria-label={m.actions}>
                <MoreHorizontalIcon />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align={msg.mine ? "end" : "start"}>
              {editable ? (
                <>
                  <DropdownMenuItem
                    onSelect={() => {
                      setDraft(msg.body);
                      setEditing(true);
                    }}
                  >
                    <PencilIcon aria-hidden />
                    {m.edit}
                  </DropdownMenuItem>
                  <DropdownMenuItem
                    className="text-destructive focus:text-destructive"
                    onSelect={() => {
                      if (!window.confirm(m.deleteConfirm)) return;
                      void act(api.DELETE(`${P}/{message}`, { params: { path: mpath } }) as never, () => onChanged({ ...msg, deleted: true, body: "", attachments: [] }));
                    }}
                  >
                    <Trash2Icon aria-hidden />
                    {m.delete}
                  </DropdownMenuItem>
                </>
              ) : null}
              {canHide ? (
                <DropdownMenuItem onSelect={() => void act(api.PUT(`${P}/{message}/hidden`, { params: { path: mpath }, body: { hidden: !msg.hidden } }))}>
                  <EyeOffIcon aria-hidden />
                  {msg.hidden ? m.unhide : m.hide}
                </DropdownMenuItem>
              ) : null}
            </DropdownMenuContent>
          </DropdownMenu>
        ) : null}
      </div>
      {seen ? (
        <p className="mt-1 flex items-center gap-1 px-1 text-[11px] text-muted-foreground" data-testid="seen-by-client">
          <CheckCheckIcon className="size-3.5 text-brand" aria-hidden />
          {m.seenByClient}
        </p>
      ) : null}
    </li>
  );
}

function Composer({ path, folder, maxBytes, onSent }: { path: { workspace: string; project: string }; folder: string; maxBytes: number; onSent: (m: ChatMessage) => void }) {
  const { t } = useI18n();
  const m = t.messages;
  const key = `parvis.draft.${path.workspace}.${path.project}`;
  const [body, setBody] = useState("");
  const [pending, setPending] = useState(false);
  const attachments = useAttachments(path, folder, maxBytes);
  const area = useRef<HTMLTextAreaElement>(null);

  // The draft survives a reload, per project.
  useEffect(() => {
    const saved = window.localStorage.getItem(key);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- read once from the browser's storage after hydration
    if (saved) setBody(saved);
  }, [key]);
  const change = (v: string) => {
    setBody(v);
    if (v) window.localStorage.setItem(key, v);
    else window.localStorage.removeItem(key);
  };

  // The field grows with its text, up to a third of the screen.
  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, Math.round(window.innerHeight / 3))}px`;
  }, [body]);

  const tooLong = body.length > MAX;
  async function send() {
    if (pending || !body.trim() || tooLong) return;
    if (attachments.busy) {
      toast.info(m.waitUploads);
      return;
    }
    setPending(true);
    const res = await call(api.POST(P, { params: { path }, body: { body, attachments: attachments.files.map((f) => f.id) } }));
    setPending(false);
    if (res.data) {
      change("");
      attachments.reset();
      onSent(res.data);
      area.current?.focus();
    } else {
      toast.error(res.response ? problemMessage(t, res.error, res.response) : t.common.networkError);
    }
  }

  return (
    <form
      className="grid gap-2 border-t bg-surface p-3 sm:p-4"
      data-testid="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <div className="flex items-end gap-2">
        <Textarea
          ref={area}
          value={body}
          onChange={(e) => change(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void send();
            }
          }}
          onPaste={(e) => {
            const files = Array.from(e.clipboardData.files);
            if (files.length === 0) return;
            e.preventDefault();
            void attachments.add(files);
          }}
          rows={1}
          aria-label={m.composer}
          aria-invalid={tooLong || undefined}
          placeholder={m.placeholderShort}
          title={m.placeholder}
          className="max-h-[33vh] min-h-11 resize-none bg-background"
          data-testid="composer-input"
        />
        <Button type="submit" size="icon" className="size-11 shrink-0" disabled={pending || !body.trim() || tooLong} aria-label={pending ? m.sending : m.send} data-testid="send">
          {pending ? <Loader2Icon className="animate-spin" aria-hidden /> : <SendHorizontalIcon aria-hidden />}
        </Button>
      </div>
      {tooLong ? (
        <p className="text-sm text-destructive" role="alert">
          {fmt(m.tooLong, { max: MAX.toLocaleString("fr-FR") })}
        </p>
      ) : null}
      <AttachmentsField state={attachments} maxBytes={maxBytes} compact id="message-attachments" />
    </form>
  );
}
