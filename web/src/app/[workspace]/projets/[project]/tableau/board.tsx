"use client";

import Link from "@/components/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  closestCorners,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { CalendarIcon, CircleAlertIcon, GripVerticalIcon, InboxIcon, LockIcon, PlusIcon, UserIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { asProblem, fieldErrors, problemMessage } from "@/lib/api/errors";
import type { Board as BoardData, BoardOrigin, Card, ColumnKey, Phase, RequestCard, Task } from "@/lib/api/types";
import { call } from "@/lib/api-call";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { formatDay, todayISO } from "@/lib/dates";
import { boardColumns, requestHref } from "@/lib/work";
import { cn } from "@/lib/utils";
import { markOpened } from "@/lib/opened";
import { TaskFields, TaskSheet, emptyTask, validateTask, type TaskValues } from "./task-form";

type Cols = Record<ColumnKey, Card[]>;
type Normalised = { columns: { key: ColumnKey; tasks: Card[] }[]; requests: RequestCard[]; canEdit: boolean };

/** The card of a whole task (what create, edit and move answer), as the board sends cards. */
function toCard(t: Task): Card {
  return {
    id: t.id,
    title: t.title,
    column: t.column,
    rank: t.rank,
    ...(t.origin !== "project" ? { origin: t.origin } : {}),
    ...(t.description ? { excerpt: t.description.slice(0, 100) } : {}),
    ...(t.phaseId ? { phaseId: t.phaseId } : {}),
    ...(t.dueDate ? { dueDate: t.dueDate } : {}),
    ...(t.assigneeLabel ? { assigneeLabel: t.assigneeLabel } : {}),
    ...(t.blocked.byClient ? { blocked: t.blocked } : {}),
  };
}

const colId = (k: ColumnKey) => `col:${k}`;
const isColId = (id: UniqueIdentifier) => String(id).startsWith("col:");

function toCols(b: Normalised): Cols {
  const out = { backlog: [], in_progress: [], waiting_client: [], done: [] } as Cols;
  for (const c of b.columns) out[c.key] = c.tasks;
  return out;
}

function normalise(b: BoardData): Normalised {
  return { columns: (b.columns ?? []).map((c) => ({ key: c.key, tasks: c.tasks ?? [] })), requests: b.requests ?? [], canEdit: b.canEdit };
}

/** Turns form values into the API's task body ("" clears optional fields). */
function taskBody(v: TaskValues) {
  return {
    title: v.title.trim(),
    description: v.description,
    phaseId: v.phaseId,
    dueDate: v.dueDate,
    assigneeLabel: v.assigneeLabel.trim(),
    blockedByClient: v.blockedByClient,
    blockedReason: v.blockedByClient ? v.blockedReason.trim() : "",
  };
}

/** API codes that concern one field of the task form. */
const blockFields = { reason_required: "blockedReason", task_waiting_client: "blockedByClient" };

/** Asks what the client must do when a task goes into « En attente client ». */
function ReasonDialog({ task, onConfirm, onCancel }: { task: Card | null; onConfirm: (reason: string) => Promise<boolean>; onCancel: () => void }) {
  const { t } = useI18n();
  const b = t.work.board;
  const [reason, setReason] = useState("");
  const [error, setError] = useState("");
  const [pending, setPending] = useState(false);
  const [openFor, setOpenFor] = useState<string | null>(null);
  if ((task?.id ?? null) !== openFor) {
    setOpenFor(task?.id ?? null);
    setReason("");
    setError("");
  }
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return setError(b.blockedReasonRequired);
    setPending(true);
    await onConfirm(reason.trim());
    setPending(false);
  }
  return (
    <Dialog open={task !== null} onOpenChange={(o) => (o || pending ? null : onCancel())}>
      <DialogContent closeLabel={t.common.close} className="max-w-md" data-testid="reason-dialog">
        <DialogHeader>
          <DialogTitle>{b.askReasonTitle}</DialogTitle>
          <DialogDescription>{fmt(b.askReasonDescription, { title: task?.title ?? "" })}</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} noValidate className="grid gap-4">
          <Field label={b.blockedReason} error={error} id="move-reason">
            <Textarea
              value={reason}
              maxLength={500}
              rows={3}
              autoFocus
              placeholder={b.blockedReasonPlaceholder}
              onChange={(e) => {
                setReason(e.target.value);
                setError("");
              }}
            />
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={pending}>
                {t.common.cancel}
              </Button>
            </DialogClose>
            <Button type="submit" disabled={pending}>
              {b.askReasonConfirm}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function Board({
  workspace,
  project,
  initial,
  phases,
  openTaskId,
  markRead = true,
}: {
  workspace: string;
  project: string;
  initial: Normalised;
  phases: Phase[];
  openTaskId: string | null;
  /** Opening a task reads the bell's items about it; off in an admin's client preview. */
  markRead?: boolean;
}) {
  const { t } = useI18n();
  const b = t.work.board;
  const router = useRouter();
  const canEdit = initial.canEdit;
  // Column names as each reader reads them: the client is « vous », never « le client ».
  const columnLabels = canEdit ? b.columns : b.columnsClient;
  const [cols, setCols] = useState<Cols>(() => toCols(initial));
  const [requests, setRequests] = useState(initial.requests);
  const [filter, setFilter] = useState<BoardOrigin>("all");
  const [activeId, setActiveId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(openTaskId);
  const [createIn, setCreateIn] = useState<ColumnKey | null>(null);
  const [ask, setAsk] = useState<{ task: Card; after: string | undefined; rollback: Cols } | null>(null);
  // A refresh (live event, back on the tab) brings the server's board: take
  // it, unless a drag or a question is under way (they end with their own save).
  const [shown, setShown] = useState(initial);
  if (shown !== initial && !activeId && !ask) {
    setShown(initial);
    setCols(toCols(initial));
    setRequests(initial.requests);
  }
  const snapshot = useRef<Cols | null>(null);
  const colsRef = useRef(cols);
  colsRef.current = cols;
  const path = { workspace, project };
  const phaseName = useMemo(() => new Map(phases.map((p) => [p.id, p.name])), [phases]);

  const all = useMemo(() => boardColumns.flatMap((k) => cols[k]), [cols]);
  const findTask = useCallback((id: string | null) => (id ? all.find((x) => x.id === id) ?? null : null), [all]);
  const activeTask = findTask(activeId);
  // Cards carry an excerpt: the sheet loads the whole task when a card (or a link to it) opens.
  const [loaded, setLoaded] = useState<Task | null>(null);
  const openTask = openId && loaded?.id === openId ? loaded : null;
  // Set once hydrated (the board is a next/dynamic island, server-rendered
  // first): drag and drop, by mouse or keyboard, works from then on.
  const boardRef = useRef<HTMLDivElement>(null);
  useEffect(() => boardRef.current?.setAttribute("data-ready", ""), []);
  useEffect(() => {
    if (!openId) return;
    let live = true;
    void (async () => {
      const r = await call(api.GET("/api/v1/w/{workspace}/projects/{project}/tasks/{task}", { params: { path: { workspace, project, task: openId } } }));
      if (!live) return;
      if (r.data) {
        setLoaded(r.data);
        if (markRead) markOpened(workspace, project, "task", r.data.id);
      } else {
        toast.error(r.response ? problemMessage(t, r.error, r.response) : t.common.networkError);
        setOpenId(null);
      }
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [openId, workspace, project]);

  // A link to a task (?tache=…) scrolls to its card and opens it.
  useEffect(() => {
    if (!openTaskId) return;
    document.getElementById(`task-${openTaskId}`)?.scrollIntoView({ block: "center", inline: "center" });
  }, [openTaskId]);

  const reload = useCallback(async () => {
    const r = await call(api.GET("/api/v1/w/{workspace}/projects/{project}/board", { params: { path, query: { origin: "all" } } }));
    if (r.data) {
      const n = normalise(r.data);
      setCols(toCols(n));
      setRequests(n.requests);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workspace, project]);

  const colOf = (id: UniqueIdentifier, c: Cols = colsRef.current): ColumnKey | null => {
    if (isColId(id)) return String(id).slice(4) as ColumnKey;
    return boardColumns.find((k) => c[k].some((x) => x.id === id)) ?? null;
  };

  // Keyboard: ↑/↓ move within a column (dnd-kit's sortable coordinates), ←/→ jump to the
  // next column, landing at its top.
  const coordinateGetter: KeyboardCoordinateGetter = (event, args) => {
    if (event.code === "ArrowRight" || event.code === "ArrowLeft") {
      event.preventDefault();
      const active = args.context.active;
      const from = active ? colOf(active.id) : null;
      if (!from) return undefined;
      const target = boardColumns[boardColumns.indexOf(from) + (event.code === "ArrowRight" ? 1 : -1)];
      const list = target ? document.querySelector(`[data-column="${target}"]`) : null;
      if (!list) return undefined;
      list.scrollIntoView({ block: "nearest", inline: "nearest" });
      const r = list.getBoundingClientRect();
      return { x: r.left, y: r.top };
    }
    return sortableKeyboardCoordinates(event, args);
  };
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter }),
  );

  function onDragStart(e: DragStartEvent) {
    snapshot.current = colsRef.current;
    setActiveId(String(e.active.id));
  }

  // Cross-column moves happen while dragging so that the card shows where it will land.
  function onDragOver(e: DragOverEvent) {
    const { active, over } = e;
    if (!over) return;
    setCols((c) => {
      const from = colOf(active.id, c);
      const to = colOf(over.id, c);
      if (!from || !to || from === to) return c;
      const task = c[from].find((x) => x.id === active.id);
      if (!task) return c;
      const target = c[to];
      const overIndex = isColId(over.id) ? target.length : target.findIndex((x) => x.id === over.id);
      const below = over.rect && active.rect.current.translated ? active.rect.current.translated.top > over.rect.top + over.rect.height / 2 : false;
      const index = overIndex < 0 ? target.length : overIndex + (isColId(over.id) ? 0 : below ? 1 : 0);
      return {
        ...c,
        [from]: c[from].filter((x) => x.id !== active.id),
        [to]: [...target.slice(0, index), { ...task, column: to }, ...target.slice(index)],
      };
    });
  }

  async function onDragEnd(e: DragEndEvent) {
    const { active, over } = e;
    setActiveId(null);
    const before = snapshot.current;
    snapshot.current = null;
    if (!over || !before) {
      if (before) setCols(before);
      return;
    }
    let next = colsRef.current;
    const to = colOf(active.id, next);
    if (!to) return setCols(before);
    if (!isColId(over.id) && colOf(over.id, next) === to) {
      const list = next[to];
      const a = list.findIndex((x) => x.id === active.id);
      const o = list.findIndex((x) => x.id === over.id);
      if (a !== o && o >= 0) next = { ...next, [to]: arrayMove(list, a, o) };
    }
    const from = colOf(active.id, before);
    const list = next[to];
    const idx = list.findIndex((x) => x.id === active.id);
    const beforeList = from ? before[from] : [];
    const unchanged = from === to && beforeList.findIndex((x) => x.id === active.id) === idx;
    setCols(next);
    if (unchanged) return;
    const after = idx > 0 ? list[idx - 1]!.id : undefined;
    const task = from ? before[from].find((x) => x.id === active.id) : undefined;
    if (needsReason(task, from, to)) {
      setAsk({ task: task!, after, rollback: before });
      return;
    }
    await persistMove(String(active.id), to, after, before);
  }

  async function persistMove(taskId: string, column: ColumnKey, afterTaskId: string | undefined, rollback: Cols, blockedReason?: string): Promise<boolean> {
    const r = await call(
      api.POST("/api/v1/w/{workspace}/projects/{project}/tasks/{task}/move", {
        params: { path: { ...path, task: taskId } },
        body: { column, ...(afterTaskId ? { afterTaskId } : {}), ...(blockedReason ? { blockedReason } : {}) },
      }),
    );
    if (r.data) {
      const moved = toCard(r.data);
      setCols((c) => ({ ...c, [column]: c[column].map((x) => (x.id === moved.id ? moved : x)) }));
      if (colOf(taskId, rollback) !== column) router.refresh();
      return true;
    }
    const code = asProblem(r.error).code;
    if (code === "stale_order") {
      toast.warning(b.staleOrder);
      await reload();
      return false;
    }
    setCols(rollback);
    toast.error(fmt(b.moveError, { error: r.response ? problemMessage(t, r.error, r.response) : t.common.networkError }));
    if (code === "task_deleted") await reload();
    return false;
  }

  /**
   * Into « En attente client », a task not yet blocked needs what the client must do:
   * the card stays where it was dropped while the admin says it, and goes back on cancel.
   */
  function needsReason(task: Card | undefined, from: ColumnKey | null, to: ColumnKey) {
    return to === "waiting_client" && from !== "waiting_client" && !!task && !task.blocked?.byClient;
  }

  /** Column change from the sheet or the card menu: to the end of the target column. */
  async function moveToColumn(task: Card, column: ColumnKey, blockedReason?: string): Promise<boolean> {
    const rollback = colsRef.current;
    const target = rollback[column].filter((x) => x.id !== task.id);
    const last = target[target.length - 1];
    setCols((c) => {
      const from = colOf(task.id, c);
      if (!from) return c;
      return { ...c, [from]: c[from].filter((x) => x.id !== task.id), [column]: [...c[column].filter((x) => x.id !== task.id), { ...task, column }] };
    });
    if (!blockedReason && needsReason(task, task.column, column)) {
      setAsk({ task, after: last?.id, rollback });
      return true;
    }
    return persistMove(task.id, column, last?.id, rollback, blockedReason);
  }

  async function confirmAsk(reason: string): Promise<boolean> {
    if (!ask) return false;
    const ok = await persistMove(ask.task.id, "waiting_client", ask.after, ask.rollback, reason);
    setAsk(null);
    return ok;
  }

  function cancelAsk() {
    if (ask) setCols(ask.rollback);
    setAsk(null);
  }

  async function save(task: Task, v: TaskValues): Promise<Record<string, string> | null> {
    // The column first: leaving « En attente client » lifts the block the PATCH then leaves off.
    if (v.column !== task.column) {
      const ok = await moveToColumn(toCard(task), v.column, v.blockedByClient ? v.blockedReason.trim() : undefined);
      if (!ok) return { _form: b.moveFailed };
    }
    const r = await call(api.PATCH("/api/v1/w/{workspace}/projects/{project}/tasks/{task}", { params: { path: { ...path, task: task.id } }, body: taskBody(v) }));
    if (!r.data) {
      if (!r.response) return { _form: t.common.networkError };
      if (asProblem(r.error).code === "task_deleted") {
        toast.error(b.deletedTask);
        setOpenId(null);
        await reload();
        return null;
      }
      const fe = fieldErrors(t, r.error, blockFields);
      return Object.keys(fe).length ? fe : { _form: problemMessage(t, r.error, r.response) };
    }
    const saved = r.data;
    const card = toCard(saved);
    setLoaded(saved);
    setCols((c) => ({ ...c, [saved.column]: c[saved.column].map((x) => (x.id === saved.id ? card : x)) }));
    toast.success(b.saved);
    setOpenId(null);
    if (task.blocked.byClient !== saved.blocked.byClient) router.refresh();
    return null;
  }

  async function remove(task: Task) {
    const rollback = colsRef.current;
    setOpenId(null);
    setCols((c) => ({ ...c, [task.column]: c[task.column].filter((x) => x.id !== task.id) }));
    const r = await call(api.DELETE("/api/v1/w/{workspace}/projects/{project}/tasks/{task}", { params: { path: { ...path, task: task.id } } }));
    if (!r.data) {
      setCols(rollback);
      toast.error(r.response ? problemMessage(t, r.error, r.response) : t.common.networkError);
      return;
    }
    router.refresh();
    toast(fmt(b.deleted, { title: task.title }), {
      duration: 8000,
      action: {
        label: b.undo,
        onClick: async () => {
          const u = await call(api.POST("/api/v1/w/{workspace}/projects/{project}/tasks/{task}/restore", { params: { path: { ...path, task: task.id } } }));
          if (u.data) {
            toast.success(b.restored);
            await reload();
            router.refresh();
          } else toast.error(u.response ? problemMessage(t, u.error, u.response) : t.common.networkError);
        },
      },
    });
  }

  function created(task: Task) {
    setCols((c) => ({ ...c, [task.column]: [...c[task.column], toCard(task)] }));
    if (task.blocked.byClient) router.refresh();
  }

  const visible = (task: Card) => filter === "all" || (task.origin ?? "project") === filter;
  const colLabel = (id: UniqueIdentifier | undefined) => {
    const k = id === undefined ? null : colOf(id);
    return k ? columnLabels[k] : "";
  };
  const titleOf = (id: UniqueIdentifier) => findTask(String(id))?.title ?? "";
  const announcements: Announcements = {
    onDragStart: ({ active }) => fmt(b.dragStart, { title: titleOf(active.id) }),
    onDragOver: ({ active, over }) => (over ? fmt(b.dragOver, { title: titleOf(active.id), column: colLabel(over.id) }) : undefined),
    onDragEnd: ({ active, over }) => (over ? fmt(b.dragEnd, { title: titleOf(active.id), column: colLabel(over.id) }) : b.dragCancel),
    onDragCancel: () => b.dragCancel,
  };

  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div role="radiogroup" aria-label={b.filter} className="inline-flex rounded-lg border bg-card p-0.5 shadow-xs" data-testid="board-filter">
          {(["all", "project", "request"] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="radio"
              aria-checked={filter === k}
              onClick={() => setFilter(k)}
              className={cn(
                "cursor-pointer rounded-md px-3 py-1.5 text-[13px] font-medium text-muted-foreground transition-colors hover:text-foreground focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none",
                filter === k && "bg-muted text-foreground",
              )}
            >
              {b.filters[k]}
            </button>
          ))}
        </div>
        {canEdit ? (
          <Button onClick={() => setCreateIn("backlog")}>
            <PlusIcon />
            {b.newTask}
          </Button>
        ) : (
          <Badge variant="outline" className="gap-1">
            <LockIcon className="size-3" aria-hidden />
            {b.readOnly}
          </Badge>
        )}
      </div>

      <DndContext
        // A fixed id: dnd-kit's own counter differs between the server render and the browser (hydration mismatch).
        id="board-dnd"
        sensors={sensors}
        collisionDetection={closestCorners}
        measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          if (snapshot.current) setCols(snapshot.current);
          snapshot.current = null;
          setActiveId(null);
        }}
        accessibility={{ announcements, screenReaderInstructions: { draggable: b.dragHint } }}
      >
        <div className="-mx-4 flex snap-x snap-mandatory gap-3 overflow-x-auto px-4 pb-4 sm:-mx-6 sm:px-6 lg:snap-none" data-testid="board" ref={boardRef}>
          {boardColumns.map((k) => {
            const tasks = cols[k].filter(visible);
            return (
              <Column key={k} id={k} label={columnLabels[k]} count={tasks.length} canEdit={canEdit} onAdd={() => setCreateIn(k)}>
                <SortableContext items={tasks.map((x) => x.id)} strategy={verticalListSortingStrategy}>
                  {tasks.length === 0 ? (
                    <p className="rounded-lg border border-dashed px-3 py-6 text-center text-[13px] text-muted-foreground">{b.emptyColumn}</p>
                  ) : (
                    tasks.map((task) => (
                      <SortableCard
                        key={task.id}
                        task={task}
                        phase={task.phaseId ? phaseName.get(task.phaseId) : undefined}
                        canEdit={canEdit && filter === "all"}
                        highlighted={task.id === openTaskId}
                        onOpen={() => setOpenId(task.id)}
                      />
                    ))
                  )}
                </SortableContext>
              </Column>
            );
          })}
          <section
            aria-label={columnLabels.requests}
            data-testid="column-requests"
            className="flex w-[85vw] max-w-[18rem] shrink-0 snap-start flex-col rounded-xl border border-dashed bg-surface/60 p-2.5 sm:w-72 xl:w-auto xl:max-w-none xl:min-w-52 xl:flex-1"
          >
            <ColumnHeader label={columnLabels.requests} count={filter === "project" ? 0 : requests.length} />
            {filter === "project" || requests.length === 0 ? (
              <div className="flex flex-1 flex-col items-center justify-center px-3 py-8 text-center">
                <InboxIcon className="size-5 text-muted-foreground/60" aria-hidden />
                <p className="mt-2 text-[13px] text-muted-foreground">{canEdit ? b.requestsEmpty : b.requestsEmptyClient}</p>
              </div>
            ) : (
              <ul className="grid gap-2">
                {requests.map((r) => (
                  <li key={r.id}>
                    <Link
                      href={requestHref(workspace, project, r.id)}
                      aria-label={`${fmt(t.requests.board.open, { n: r.number })} · ${r.title}`}
                      className="block rounded-lg border bg-card p-3 text-sm shadow-xs transition-colors hover:bg-muted/60 focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none"
                      data-testid="request-card"
                    >
                      <span className="mb-1.5 flex flex-wrap items-center gap-1.5">
                        <Badge variant="brand">{b.badgeRequest}</Badge>
                        <span className="text-xs text-muted-foreground tabular-nums">{fmt(t.requests.short, { n: r.number })}</span>
                      </span>
                      <span className="block font-medium">{r.title}</span>
                      <span className="mt-1.5 block text-xs text-muted-foreground">{(canEdit ? t.requests.status : t.requests.statusClient)[r.status]}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <DragOverlay dropAnimation={{ duration: 180, easing: "cubic-bezier(0.2, 0, 0, 1)" }}>
          {activeTask ? <CardBody task={activeTask} phase={activeTask.phaseId ? phaseName.get(activeTask.phaseId) : undefined} canEdit overlay /> : null}
        </DragOverlay>
      </DndContext>

      <ReasonDialog task={ask?.task ?? null} onConfirm={confirmAsk} onCancel={cancelAsk} />
      <TaskSheet task={openTask} phases={phases} canEdit={canEdit} onClose={() => setOpenId(null)} onSave={save} onDelete={remove} />
      {canEdit ? (
        <CreateTaskDialog workspace={workspace} project={project} column={createIn} phases={phases} onClose={() => setCreateIn(null)} onCreated={created} />
      ) : null}
    </>
  );
}

function ColumnHeader({ label, count, action }: { label: string; count: number; action?: React.ReactNode }) {
  return (
    <div className="mb-2.5 flex items-center justify-between gap-2 px-1.5 pt-0.5">
      <h2 className="flex items-center gap-2 text-[13px] font-semibold">
        {label}
        <span className="rounded-full bg-muted px-1.5 py-px text-[11px] font-medium text-muted-foreground tabular-nums">{count}</span>
      </h2>
      {action}
    </div>
  );
}

function Column({ id, label, count, canEdit, onAdd, children }: { id: ColumnKey; label: string; count: number; canEdit: boolean; onAdd: () => void; children: React.ReactNode }) {
  const { t } = useI18n();
  const { setNodeRef, isOver } = useDroppable({ id: colId(id), disabled: !canEdit });
  return (
    <section
      ref={setNodeRef}
      aria-label={label}
      data-testid={`column-${id}`}
      className={cn(
        "flex w-[85vw] max-w-[18rem] shrink-0 snap-start flex-col rounded-xl border bg-muted/40 p-2.5 transition-colors sm:w-72 xl:w-auto xl:max-w-none xl:min-w-52 xl:flex-1",
        isOver && "border-brand/40 bg-brand/5",
      )}
    >
      <ColumnHeader
        label={label}
        count={count}
        action={
          canEdit ? (
            <Button variant="ghost" size="icon-sm" className="size-7" aria-label={fmt(t.work.board.addToColumn, { column: label })} onClick={onAdd}>
              <PlusIcon />
            </Button>
          ) : null
        }
      />
      <ul className="grid min-h-16 content-start gap-2" data-column={id}>
        {children}
      </ul>
    </section>
  );
}

function SortableCard({ task, phase, canEdit, highlighted, onOpen }: { task: Card; phase?: string; canEdit: boolean; highlighted: boolean; onOpen: () => void }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: task.id, disabled: !canEdit });
  return (
    <li
      ref={setNodeRef}
      id={`task-${task.id}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={cn("scroll-mt-24", isDragging && "opacity-40")}
      data-testid="task-card"
      data-task-id={task.id}
    >
      <CardBody
        task={task}
        phase={phase}
        canEdit={canEdit}
        highlighted={highlighted}
        onOpen={onOpen}
        handle={canEdit ? { ref: setActivatorNodeRef, props: { ...attributes, ...listeners } } : undefined}
      />
    </li>
  );
}

function CardBody({
  task,
  phase,
  canEdit,
  highlighted = false,
  overlay = false,
  onOpen,
  handle,
}: {
  task: Card;
  phase?: string;
  canEdit: boolean;
  highlighted?: boolean;
  overlay?: boolean;
  onOpen?: () => void;
  handle?: { ref: (el: HTMLElement | null) => void; props: Record<string, unknown> };
}) {
  const { t, locale } = useI18n();
  const b = t.work.board;
  const overdue = task.dueDate && task.column !== "done" && task.dueDate < todayISO();
  return (
    <div
      className={cn(
        "group relative rounded-lg border bg-card p-3 shadow-xs transition-[border-color,box-shadow] hover:border-foreground/15 hover:shadow-sm",
        task.blocked?.byClient && "border-l-2 border-l-amber-500",
        highlighted && "ring-2 ring-brand",
        overlay && "rotate-[1.5deg] cursor-grabbing shadow-xl",
      )}
    >
      <div className="flex items-start gap-1.5">
        {handle || overlay ? (
          <button
            type="button"
            ref={handle?.ref}
            {...(handle?.props ?? {})}
            aria-label={fmt(b.dragHandle, { title: task.title })}
            data-testid="drag-handle"
            className="relative z-10 -ml-1.5 mt-px cursor-grab touch-none rounded p-0.5 text-muted-foreground/60 hover:bg-muted hover:text-foreground focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none active:cursor-grabbing"
          >
            <GripVerticalIcon className="size-4" aria-hidden />
          </button>
        ) : null}
        <button
          type="button"
          onClick={onOpen}
          className="min-w-0 flex-1 cursor-pointer rounded text-left text-sm leading-snug font-medium text-pretty after:absolute after:inset-0 after:content-[''] focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none"
          aria-label={`${task.title} — ${canEdit ? b.edit : b.view}`}
        >
          {task.title}
        </button>
      </div>
      {task.excerpt ? (
        <p className="mt-1 line-clamp-2 text-xs leading-relaxed text-muted-foreground" data-testid="task-hint">
          {descriptionHint(task.excerpt)}
        </p>
      ) : null}
      {task.blocked?.byClient ? (
        <div className="mt-2 rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-900 dark:bg-amber-950/40 dark:text-amber-200" data-testid="blocked-tag">
          <p className="flex items-center gap-1 font-medium">
            <CircleAlertIcon className="size-3.5" aria-hidden />
            {canEdit ? b.blocked : b.blockedClient}
          </p>
          {task.blocked.reason ? <p className="mt-0.5 line-clamp-3">{task.blocked.reason}</p> : null}
        </div>
      ) : null}
      <div className="mt-2.5 flex flex-wrap items-center gap-1.5">
        <Badge variant={task.origin === "request" ? "brand" : "outline"} className="px-1.5 text-[11px]">
          {task.origin === "request" ? b.badgeRequest : b.badgeProject}
        </Badge>
        {phase ? (
          <Badge variant="default" className="px-1.5 text-[11px] font-normal">
            {phase}
          </Badge>
        ) : null}
        {task.dueDate ? (
          <span className={cn("inline-flex items-center gap-1 text-[11px] text-muted-foreground", overdue && "font-medium text-destructive")}>
            <CalendarIcon className="size-3" aria-hidden />
            {formatDay(locale, task.dueDate, { short: true })}
            {overdue ? <span className="sr-only"> ({b.overdue})</span> : null}
          </span>
        ) : null}
        {task.assigneeLabel ? (
          <span className="ml-auto inline-flex items-center gap-1 text-[11px] text-muted-foreground">
            <UserIcon className="size-3" aria-hidden />
            {task.assigneeLabel}
          </span>
        ) : null}
      </div>
    </div>
  );
}

/** The start of a markdown description as plain text, for the card's hint line (an excerpt may end mid-link). */
function descriptionHint(md: string): string {
  return md
    .replace(/!?\[[^\]]*(\]\([^)]*)?$/, "")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, "")
    .replace(/[*_`~]+/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 160);
}

function CreateTaskDialog({
  workspace,
  project,
  column,
  phases,
  onClose,
  onCreated,
}: {
  workspace: string;
  project: string;
  column: ColumnKey | null;
  phases: Phase[];
  onClose: () => void;
  onCreated: (t: Task) => void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<TaskValues>(emptyTask());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [openFor, setOpenFor] = useState<ColumnKey | null>(null);
  if (column !== openFor) {
    setOpenFor(column);
    if (column) {
      setValues(emptyTask(column));
      setErrors({});
    }
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const local = validateTask(t, values);
    setErrors(local);
    if (Object.keys(local).length) return;
    setPending(true);
    const r = await call(
      api.POST("/api/v1/w/{workspace}/projects/{project}/tasks", {
        params: { path: { workspace, project } },
        body: { ...taskBody(values), column: values.column },
      }),
    );
    setPending(false);
    if (r.data) {
      onCreated(r.data);
      toast.success(t.work.board.created);
      onClose();
      return;
    }
    if (!r.response) return setErrors({ _form: t.common.networkError });
    const fe = fieldErrors(t, r.error, blockFields);
    setErrors(Object.keys(fe).length ? fe : { _form: problemMessage(t, r.error, r.response) });
  }

  return (
    <Dialog open={column !== null} onOpenChange={(o) => (o ? null : onClose())}>
      <DialogContent closeLabel={t.common.close} className="max-w-xl">
        <DialogHeader>
          <DialogTitle>{t.work.board.newTask}</DialogTitle>
          <DialogDescription className="sr-only">{t.work.board.newTask}</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} noValidate className="grid gap-5">
          <TaskFields values={values} onChange={setValues} errors={errors} phases={phases} idPrefix="new-task" />
          {errors._form ? (
            <p role="alert" className="text-[13px] font-medium text-destructive">
              {errors._form}
            </p>
          ) : null}
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="secondary">
                {t.common.cancel}
              </Button>
            </DialogClose>
            <Button type="submit" disabled={pending}>
              {pending ? t.common.saving : t.work.board.create}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
