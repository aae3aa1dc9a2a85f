import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeftIcon, CalendarIcon, ClockIcon, SparklesIcon } from "lucide-react";
import { StatusBadge } from "@/components/status-badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { fmt, formatDate } from "@/i18n";
import { getT } from "@/i18n/server";
import { getPeople, getProject, getWorkspace } from "@/lib/api/queries";
import { ProjectAdminActions } from "./project-admin-actions";
import { PeoplePanel } from "./people-panel";

type Params = { params: Promise<{ workspace: string; project: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { workspace, project } = await params;
  const p = await getProject(workspace, project);
  return { title: p.name };
}

export default async function ProjectPage({ params }: Params) {
  const { workspace: slug, project: id } = await params;
  const { t, locale } = await getT();
  const [workspace, project] = await Promise.all([getWorkspace(slug), getProject(slug, id)]);
  const isAdmin = workspace.role === "admin";
  const people = isAdmin ? await getPeople(slug, id) : null;

  return (
    <>
      <Link href={`/${slug}`} className="mb-6 inline-flex items-center gap-1.5 rounded text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeftIcon className="size-4" aria-hidden />
        {t.project.back}
      </Link>
      <div className="mb-8 flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight text-balance">{project.name}</h1>
            <StatusBadge status={project.status} />
          </div>
          <p className="mt-1.5 text-sm text-muted-foreground">
            <span className="sr-only">{t.project.client} : </span>
            {project.clientName}
          </p>
        </div>
        {isAdmin ? <ProjectAdminActions workspace={slug} project={project} /> : null}
      </div>

      <div className={isAdmin ? "grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]" : "grid max-w-3xl gap-6"}>
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t.project.description}</CardTitle>
            </CardHeader>
            <CardContent>
              {project.description ? (
                <p className="text-sm leading-relaxed whitespace-pre-line">{project.description}</p>
              ) : (
                <p className="text-sm text-muted-foreground">{t.project.noDescription}</p>
              )}
              <div className="mt-6 flex flex-wrap gap-x-6 gap-y-2 border-t pt-4 text-xs text-muted-foreground">
                <span className="inline-flex items-center gap-1.5">
                  <CalendarIcon className="size-3.5" aria-hidden />
                  {fmt(t.project.createdAt, { date: formatDate(locale, project.createdAt) })}
                </span>
                <span className="inline-flex items-center gap-1.5">
                  <ClockIcon className="size-3.5" aria-hidden />
                  {fmt(t.project.updatedAt, { date: formatDate(locale, project.updatedAt) })}
                </span>
              </div>
            </CardContent>
          </Card>
          <div className="flex gap-3 rounded-xl border border-dashed p-5">
            <SparklesIcon className="mt-0.5 size-4 shrink-0 text-brand" aria-hidden />
            <div>
              <p className="text-sm font-medium">{t.project.upcomingTitle}</p>
              <p className="mt-1 text-sm text-muted-foreground">{t.project.upcoming}</p>
            </div>
          </div>
        </div>
        {people ? <PeoplePanel workspace={slug} project={id} people={people} /> : null}
      </div>
    </>
  );
}
