import { WorkspaceHomeLink } from "@/components/workspace-home-link";
import { getT } from "@/i18n/server";

/**
 * An unknown or hidden page inside a workspace (a project that does not
 * exist or is not the caller's, an admin page for a client, a mistyped
 * address): HTTP 404, rendered inside the app shell, with a way back.
 * Refused and unknown look the same on purpose: nothing hints that it exists.
 */
export default async function WorkspaceNotFound() {
  const { t } = await getT();
  return (
    <div className="flex min-h-[50dvh] flex-col items-center justify-center py-16 text-center" data-testid="not-found">
      <p className="font-mono text-sm text-muted-foreground">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">{t.shell.notFound.title}</h1>
      <p className="mt-2 max-w-sm text-sm text-pretty text-muted-foreground">{t.shell.notFound.body}</p>
      <WorkspaceHomeLink label={t.shell.notFound.back} />
    </div>
  );
}
