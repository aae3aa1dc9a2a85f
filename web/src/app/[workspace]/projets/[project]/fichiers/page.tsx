import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { FilesBrowser } from "@/components/files/files-browser";
import type { FoldersResponse } from "@/components/files/types";
import { getT } from "@/i18n/server";
import { getProject } from "@/lib/api/queries";
import { getViewer } from "@/lib/viewer";
import { serverApi } from "@/lib/api/server";

type Params = { params: Promise<{ workspace: string; project: string }> };
type PageProps = Params & { searchParams: Promise<{ fichier?: string | string[] }> };

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The folder of a linked file (?fichier=…), or null when it is gone or not visible. */
async function getFileFolder(workspace: string, project: string, file: string): Promise<string | null> {
  if (!uuidRe.test(file)) return null;
  const api = await serverApi();
  const { data } = await api.GET("/api/v1/w/{workspace}/projects/{project}/files/{file}", { params: { path: { workspace, project, file } } });
  return data?.folderId ?? null;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { workspace, project } = await params;
  const [{ t }, p] = await Promise.all([getT(), getProject(workspace, project)]);
  return { title: `${t.files.title} · ${p.name}` };
}

async function getFolders(workspace: string, project: string): Promise<FoldersResponse> {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/projects/{project}/folders", { params: { path: { workspace, project } } });
  if (data) return data;
  if (response.status === 401) redirect("/connexion");
  if (response.status === 403 || response.status === 404 || response.status === 422) notFound();
  throw new Error(`GET folders failed with status ${response.status}`);
}

export default async function FilesPage({ params, searchParams }: PageProps) {
  const { workspace: slug, project: id } = await params;
  const linked = (await searchParams).fichier;
  const fileId = typeof linked === "string" ? linked : null;
  const { t } = await getT();
  const [viewer, folders, folderId] = await Promise.all([
    getViewer(slug, id),
    getFolders(slug, id),
    fileId ? getFileFolder(slug, id, fileId) : null,
  ]);
  return (
    <>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">{t.files.title}</h1>
        <p className="mt-1.5 text-sm text-muted-foreground">{t.files.subtitle}</p>
      </div>
      <FilesBrowser scope={{ workspace: slug, project: id }} isAdmin={viewer.isAdmin} readOnly={viewer.preview} initial={folders} focus={fileId && folderId ? { fileId, folderId } : null} />
    </>
  );
}
