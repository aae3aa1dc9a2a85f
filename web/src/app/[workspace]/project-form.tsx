"use client";

import { useState } from "react";
import { AlertCircleIcon } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useI18n } from "@/i18n/client";

export type ProjectFields = { name: string; clientName: string; description: string };

/** Name / client / description fields shared by the create and edit dialogs. */
export function ProjectFormFields({
  values,
  onChange,
  errors,
  formError,
}: {
  values: ProjectFields;
  onChange: (v: ProjectFields) => void;
  errors: Record<string, string>;
  formError: string | null;
}) {
  const { t } = useI18n();
  return (
    <div className="grid gap-5">
      {formError ? (
        <Alert variant="destructive">
          <AlertCircleIcon />
          <AlertDescription>{formError}</AlertDescription>
        </Alert>
      ) : null}
      <Field label={t.projects.name} error={errors.name}>
        <Input name="name" required maxLength={120} placeholder={t.projects.namePlaceholder} value={values.name} onChange={(e) => onChange({ ...values, name: e.target.value })} />
      </Field>
      <Field label={t.projects.clientName} error={errors.clientName}>
        <Input name="clientName" required maxLength={120} placeholder={t.projects.clientNamePlaceholder} value={values.clientName} onChange={(e) => onChange({ ...values, clientName: e.target.value })} />
      </Field>
      <Field label={<>{t.projects.description} <span className="font-normal text-muted-foreground">({t.common.optional})</span></>} error={errors.description}>
        <Textarea name="description" maxLength={5000} rows={4} placeholder={t.projects.descriptionPlaceholder} value={values.description} onChange={(e) => onChange({ ...values, description: e.target.value })} />
      </Field>
    </div>
  );
}

export function useProjectForm(initial: ProjectFields) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return { values, setValues, errors, setErrors, formError, setFormError, pending, setPending };
}
