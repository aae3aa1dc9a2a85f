"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { PencilIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogHeader, DialogTitle, DialogTrigger, DialogDescription } from "@/components/ui/dialog";
import { useI18n } from "@/i18n/client";
import { api } from "@/lib/api/client";
import { fieldErrors, problemMessage } from "@/lib/api/errors";
import type { Project } from "@/lib/api/types";
import { ProjectFormFields, useProjectForm } from "../../project-form";

// The status is steered from the dashboard's « Pilotage » panel (automatic or fixed).
export function ProjectAdminActions({ workspace, project }: { workspace: string; project: Project }) {
  const { t } = useI18n();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const f = useProjectForm({ name: project.name, clientName: project.clientName, description: project.description });
  const path = { workspace, project: project.id };

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    f.setPending(true);
    f.setErrors({});
    f.setFormError(null);
    try {
      const body = { name: f.values.name.trim(), clientName: f.values.clientName.trim(), description: f.values.description.trim() };
      const { data, error, response } = await api.PATCH("/api/v1/w/{workspace}/projects/{project}", { params: { path }, body });
      if (data) {
        toast.success(t.project.saved);
        setOpen(false);
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
    <div className="flex items-center gap-2">
      <Dialog
        open={open}
        onOpenChange={(o) => {
          setOpen(o);
          if (o) f.setValues({ name: project.name, clientName: project.clientName, description: project.description });
        }}
      >
        <DialogTrigger asChild>
          <Button variant="secondary">
            <PencilIcon />
            {t.project.edit}
          </Button>
        </DialogTrigger>
        <DialogContent closeLabel={t.common.close}>
          <DialogHeader>
            <DialogTitle>{t.project.editTitle}</DialogTitle>
            <DialogDescription className="sr-only">{project.name}</DialogDescription>
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
                {f.pending ? t.common.saving : t.common.save}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
