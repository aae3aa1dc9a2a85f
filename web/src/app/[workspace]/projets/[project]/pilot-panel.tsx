"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { GaugeIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { DateInput } from "@/components/ui/date-input";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { fieldErrors, problemMessage } from "@/lib/api/errors";
import type { Project, StatusChoice } from "@/lib/api/types";
import { call } from "@/lib/api-call";

const choices: StatusChoice[] = ["auto", "in_progress", "waiting_client", "done"];

/** Admin only: status override, next step text and estimated delivery. */
export function PilotPanel({ workspace, project }: { workspace: string; project: Project }) {
  const { t } = useI18n();
  const router = useRouter();
  const initial = {
    status: (project.statusSource === "manual" ? project.status : "auto") as StatusChoice,
    nextStep: project.nextStep,
    estimatedDelivery: project.estimatedDelivery ?? "",
  };
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const dirty = values.status !== initial.status || values.nextStep !== initial.nextStep || values.estimatedDelivery !== initial.estimatedDelivery;

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setErrors({});
    setFormError(null);
    const body: { status?: StatusChoice; nextStep?: string; estimatedDelivery?: string } = {};
    if (values.status !== initial.status) body.status = values.status;
    if (values.nextStep !== initial.nextStep) body.nextStep = values.nextStep.trim();
    if (values.estimatedDelivery !== initial.estimatedDelivery) body.estimatedDelivery = values.estimatedDelivery;
    const { data, error, response } = await call(
      api.PATCH("/api/v1/w/{workspace}/projects/{project}", { params: { path: { workspace, project: project.id } }, body }),
    );
    setPending(false);
    if (data) {
      toast.success(t.work.pilot.saved);
      router.refresh();
      return;
    }
    if (!response) return setFormError(t.common.networkError);
    const fe = fieldErrors(t, error);
    setErrors(fe);
    if (Object.keys(fe).length === 0) setFormError(problemMessage(t, error, response));
  }

  return (
    <Card data-testid="pilot-panel">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <GaugeIcon className="size-4 text-muted-foreground" aria-hidden />
          {t.work.pilot.title}
        </CardTitle>
        <CardDescription>{t.work.pilot.subtitle}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <Field
            label={t.work.pilot.status}
            error={errors.status}
            hint={values.status === "auto" ? t.work.pilot.autoHint : fmt(t.work.pilot.manualHint, { status: t.status[project.computedStatus] })}
          >
            <NativeSelect value={values.status} onChange={(e) => setValues({ ...values, status: e.target.value as StatusChoice })}>
              {choices.map((c) => (
                <option key={c} value={c}>
                  {c === "auto" ? `${t.work.pilot.auto} (${t.status[project.computedStatus]})` : t.status[c]}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field label={t.work.pilot.nextStep} error={errors.nextStep}>
            <Input
              value={values.nextStep}
              maxLength={300}
              placeholder={t.work.pilot.nextStepPlaceholder}
              onChange={(e) => setValues({ ...values, nextStep: e.target.value })}
            />
          </Field>
          <Field label={t.work.pilot.delivery} error={errors.estimatedDelivery}>
            <DateInput value={values.estimatedDelivery} onChange={(e) => setValues({ ...values, estimatedDelivery: e.target.value })} />
          </Field>
          {formError ? (
            <p role="alert" className="text-[13px] font-medium text-destructive">
              {formError}
            </p>
          ) : null}
          <div className="flex justify-end">
            <Button type="submit" size="sm" disabled={pending || !dirty}>
              {pending ? t.common.saving : t.common.save}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
