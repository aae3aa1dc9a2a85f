"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { ArrowDownIcon, ArrowUpIcon, CheckIcon, GripVerticalIcon, PencilIcon, PlusIcon, Trash2Icon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { DateInput } from "@/components/ui/date-input";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { asProblem, fieldMessage, problemMessage } from "@/lib/api/errors";
import type { Phase, PhaseInput } from "@/lib/api/types";
import { call } from "@/lib/api-call";
import { formatDay } from "@/lib/dates";
import { cn } from "@/lib/utils";

const DEFAULTS = { fr: ["Design", "Dev", "Recette", "Livraison"], en: ["Design", "Dev", "Testing", "Delivery"] };

/** The phase timeline (Design → Dev → Recette → Livraison by default); admins edit it in a dialog. */
export function PhasesCard({ workspace, project, phases, canEdit }: { workspace: string; project: string; phases: Phase[]; canEdit: boolean }) {
  const { t, locale } = useI18n();
  const range = (a: string | null, b: string | null) =>
    a || b ? `${a ? formatDay(locale, a, { short: true }) : "…"} → ${b ? formatDay(locale, b, { short: true }) : "…"}` : null;
  return (
    <Card data-testid="phases">
      <CardHeader className="flex flex-row items-center justify-between gap-3">
        <CardTitle>{t.work.phases.title}</CardTitle>
        {canEdit ? <PhasesDialog workspace={workspace} project={project} phases={phases} /> : null}
      </CardHeader>
      <CardContent>
        {phases.length === 0 ? (
          <p className="text-sm text-muted-foreground">{canEdit ? t.work.phases.emptyAdmin : t.work.phases.empty}</p>
        ) : (
          <ol className="grid gap-4 sm:[grid-template-columns:repeat(var(--n),minmax(0,1fr))] sm:gap-3" style={{ ["--n" as string]: phases.length }}>
              {phases.map((p, i) => {
                const planned = range(p.plannedStart, p.plannedEnd);
                const actual = range(p.actualStart, p.actualEnd);
                return (
                  <li key={p.id} className="relative flex gap-3 sm:block" data-state={p.state} data-testid="phase">
                    {/* connector */}
                    {i < phases.length - 1 ? (
                      <span
                        aria-hidden
                        className={cn(
                          "absolute top-7 bottom-[-1rem] left-[11px] w-px sm:top-[11px] sm:right-[-0.75rem] sm:bottom-auto sm:left-7 sm:h-px sm:w-auto",
                          p.state === "done" ? "bg-emerald-500/50" : "bg-border",
                        )}
                      />
                    ) : null}
                    <span
                      aria-hidden
                      className={cn(
                        "relative z-10 flex size-6 shrink-0 items-center justify-center rounded-full border text-[11px] font-semibold",
                        p.state === "done" && "border-emerald-500 bg-emerald-500 text-white",
                        p.state === "current" && "border-brand bg-brand text-brand-foreground ring-4 ring-brand/15",
                        p.state === "upcoming" && "bg-card text-muted-foreground",
                      )}
                    >
                      {p.state === "done" ? <CheckIcon className="size-3.5" /> : i + 1}
                    </span>
                    <div className="min-w-0 sm:mt-3">
                      <p className={cn("text-sm font-medium", p.state === "upcoming" && "text-muted-foreground")}>{p.name}</p>
                      <p className={cn("text-xs", p.state === "current" ? "font-medium text-brand" : "text-muted-foreground")}>{t.work.phases.state[p.state]}</p>
                      {planned || actual ? (
                      <dl className="mt-1.5 grid gap-0.5 text-xs text-muted-foreground">
                        {planned ? (
                          <div className="flex flex-wrap gap-x-1 sm:block">
                            <dt className="text-muted-foreground sm:text-[11px]">{t.work.phases.planned}</dt>
                            <dd className="text-foreground/80 tabular-nums">{planned}</dd>
                          </div>
                        ) : null}
                        {actual ? (
                          <div className="flex flex-wrap gap-x-1 sm:mt-1 sm:block">
                            <dt className="text-muted-foreground sm:text-[11px]">{t.work.phases.actual}</dt>
                            <dd className="text-foreground/80 tabular-nums">{actual}</dd>
                          </div>
                        ) : null}
                      </dl>
                      ) : (
                        // Not a <dd>: a list of definitions may not hold a lone definition.
                        <p className="mt-1.5 text-xs text-muted-foreground">{t.work.phases.noDates}</p>
                      )}
                    </div>
                  </li>
                );
              })}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}

type Row = { key: string; id?: string; name: string; plannedStart: string; plannedEnd: string; actualStart: string; actualEnd: string };
const dateFields = ["plannedStart", "plannedEnd", "actualStart", "actualEnd"] as const;

function toRows(phases: Phase[]): Row[] {
  return phases.map((p) => ({
    key: p.id,
    id: p.id,
    name: p.name,
    plannedStart: p.plannedStart ?? "",
    plannedEnd: p.plannedEnd ?? "",
    actualStart: p.actualStart ?? "",
    actualEnd: p.actualEnd ?? "",
  }));
}

let seq = 0;
const newRow = (name: string): Row => ({ key: `new-${++seq}`, name, plannedStart: "", plannedEnd: "", actualStart: "", actualEnd: "" });

function PhasesDialog({ workspace, project, phases }: { workspace: string; project: string; phases: Phase[] }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<Row[]>(() => toRows(phases));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  const update = (i: number, patch: Partial<Row>) => setRows((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const move = (i: number, d: number) => setRows((r) => (i + d < 0 || i + d >= r.length ? r : arrayMove(r, i, i + d)));

  function onDragEnd(e: DragEndEvent) {
    if (!e.over || e.active.id === e.over.id) return;
    setRows((r) => arrayMove(r, r.findIndex((x) => x.key === e.active.id), r.findIndex((x) => x.key === e.over!.id)));
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    const local: Record<string, string> = {};
    rows.forEach((r, i) => {
      if (!r.name.trim()) local[`${i}.name`] = t.fields.required;
    });
    if (rows.length === 0) return setFormError(t.work.phases.atLeastOne);
    if (Object.keys(local).length) return setErrors(local);
    setPending(true);
    const body: PhaseInput[] = rows.map((r) => ({
      ...(r.id ? { id: r.id } : {}),
      name: r.name.trim(),
      plannedStart: r.plannedStart,
      plannedEnd: r.plannedEnd,
      actualStart: r.actualStart,
      actualEnd: r.actualEnd,
    }));
    const { data, error, response } = await call(
      api.PUT("/api/v1/w/{workspace}/projects/{project}/phases", { params: { path: { workspace, project } }, body: { phases: body } }),
    );
    setPending(false);
    if (data) {
      toast.success(t.work.phases.saved);
      setOpen(false);
      router.refresh();
      return;
    }
    if (!response) return setFormError(t.common.networkError);
    // huma locations look like body.phases[2].plannedEnd
    const fe: Record<string, string> = {};
    for (const er of asProblem(error).errors ?? []) {
      const m = (er.location ?? "").match(/phases\[(\d+)\]\.(\w+)/);
      if (m) fe[`${m[1]}.${m[2]}`] ??= /before the planned start/.test(er.message ?? "") ? t.work.phases.endBeforeStart : fieldMessage(t, er.message);
    }
    setErrors(fe);
    if (Object.keys(fe).length === 0) setFormError(problemMessage(t, error, response));
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) {
          setRows(toRows(phases));
          setErrors({});
          setFormError(null);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant={phases.length ? "ghost" : "secondary"} size="sm">
          {phases.length ? <PencilIcon /> : <PlusIcon />}
          {phases.length ? t.work.phases.edit : t.work.phases.setup}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t.common.close} className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{t.work.phases.dialogTitle}</DialogTitle>
          <DialogDescription>{t.work.phases.dialogDescription}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          {rows.length === 0 ? (
            <Button type="button" variant="secondary" onClick={() => setRows(DEFAULTS[locale].map(newRow))}>
              {t.work.phases.useDefaults}
            </Button>
          ) : null}
          <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
            <SortableContext items={rows.map((r) => r.key)} strategy={verticalListSortingStrategy}>
              <ul className="grid gap-3">
                {rows.map((r, i) => (
                  <PhaseRow
                    key={r.key}
                    row={r}
                    index={i}
                    count={rows.length}
                    errors={errors}
                    onChange={(patch) => update(i, patch)}
                    onMove={(d) => move(i, d)}
                    onRemove={() => setRows((x) => x.filter((_, j) => j !== i))}
                  />
                ))}
              </ul>
            </SortableContext>
          </DndContext>
          <Button type="button" variant="outline" size="sm" className="justify-self-start" onClick={() => setRows((r) => [...r, newRow("")])} disabled={rows.length >= 12}>
            <PlusIcon />
            {t.work.phases.add}
          </Button>
          {formError ? (
            <p role="alert" className="text-[13px] font-medium text-destructive">
              {formError}
            </p>
          ) : null}
          <DialogFooter className="sticky -bottom-6 -mx-6 -mb-6 border-t bg-popover px-6 py-3">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              {t.common.cancel}
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? t.common.saving : t.common.save}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function PhaseRow({
  row,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  row: Row;
  index: number;
  count: number;
  errors: Record<string, string>;
  onChange: (p: Partial<Row>) => void;
  onMove: (d: number) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: row.key });
  const id = `phase-${row.key}`;
  const nameError = errors[`${index}.name`];
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={cn("rounded-lg border bg-card p-3", isDragging && "relative z-10 shadow-lg")}
      data-testid="phase-row"
    >
      <div className="flex items-start gap-2">
        <button
          type="button"
          ref={setActivatorNodeRef}
          {...attributes}
          {...listeners}
          aria-label={t.work.phases.dragHandle}
          className="mt-1.5 cursor-grab touch-none rounded p-1 text-muted-foreground hover:bg-muted focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none active:cursor-grabbing"
        >
          <GripVerticalIcon className="size-4" />
        </button>
        <div className="grid min-w-0 flex-1 gap-1.5">
          <Label htmlFor={`${id}-name`} className="sr-only">
            {t.work.phases.name}
          </Label>
          <Input
            id={`${id}-name`}
            value={row.name}
            maxLength={60}
            placeholder={t.work.phases.newPhase}
            aria-invalid={nameError ? true : undefined}
            aria-label={`${t.work.phases.name} ${index + 1}`}
            onChange={(e) => onChange({ name: e.target.value })}
          />
          {nameError ? <p className="text-[13px] font-medium text-destructive">{nameError}</p> : null}
        </div>
        <div className="flex shrink-0 items-center">
          <Button type="button" variant="ghost" size="icon-sm" aria-label={t.work.phases.moveUp} disabled={index === 0} onClick={() => onMove(-1)}>
            <ArrowUpIcon />
          </Button>
          <Button type="button" variant="ghost" size="icon-sm" aria-label={t.work.phases.moveDown} disabled={index === count - 1} onClick={() => onMove(1)}>
            <ArrowDownIcon />
          </Button>
          <Button type="button" variant="ghost" size="icon-sm" aria-label={t.work.phases.remove} onClick={onRemove}>
            <Trash2Icon />
          </Button>
        </div>
      </div>
      <div className="mt-2 grid grid-cols-2 gap-2 pl-8 sm:grid-cols-4">
        {dateFields.map((f) => (
          <div key={f} className="grid gap-1">
            <Label htmlFor={`${id}-${f}`} className="text-xs font-normal text-muted-foreground">
              {t.work.phases[f]}
            </Label>
            <DateInput
              id={`${id}-${f}`}
              value={row[f]}
              aria-invalid={errors[`${index}.${f}`] ? true : undefined}
              onChange={(e) => onChange({ [f]: e.target.value })}
              className="h-9 px-2 text-sm"
            />
            {errors[`${index}.${f}`] ? <p className="text-xs font-medium text-destructive">{errors[`${index}.${f}`]}</p> : null}
          </div>
        ))}
      </div>
    </li>
  );
}
