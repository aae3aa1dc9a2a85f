"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { PlusIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { fieldErrors, problemMessage } from "@/lib/api/errors";
import { ProjectFormFields, useProjectForm } from "./project-form";

const empty = { name: "", clientName: "", description: "" };

export function NewProjectDialog({ workspace }: { workspace: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const f = useProjectForm(empty);

  function reset(o: boolean) {
    setOpen(o);
    if (!o) {
      f.setValues(empty);
      f.setErrors({});
      f.setFormError(null);
    }
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    f.setPending(true);
    f.setErrors({});
    f.setFormError(null);
    try {
      const body = { name: f.values.name.trim(), clientName: f.values.clientName.trim(), description: f.values.description.trim() };
      const { data, error, response } = await api.POST("/api/v1/w/{workspace}/projects", { params: { path: { workspace } }, body });
      if (data) {
        toast.success(fmt(t.projects.created, { name: data.name }));
        reset(false);
        router.push(`/${workspace}/projets/${data.id}`);
        router.refresh();
      } else {
        const fe = fieldErrors(t, error);
        f.setErrors(fe);
        if (Object.keys(fe).length === 0) f.setFormError(problemMessage(t, error, response));
      }
    } catch {
      f.setFormError(t.common.networkError);
    }
    f.setPending(false);
  }

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon />
          {t.projects.new}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t.common.close}>
        <DialogHeader>
          <DialogTitle>{t.projects.newTitle}</DialogTitle>
          <DialogDescription>{t.projects.newDescription}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-6">
          <ProjectFormFields values={f.values} onChange={f.setValues} errors={f.errors} formError={f.formError} />
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="secondary">
                {t.common.cancel}
              </Button>
            </DialogClose>
            <Button type="submit" disabled={f.pending}>
              {f.pending ? t.projects.creating : t.projects.create}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
