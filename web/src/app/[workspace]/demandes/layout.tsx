import { notFound } from "next/navigation";
import { getWorkspace } from "@/lib/api/queries";

/** Admins only, decided in the layout (a real 404 for a client, as for /parametres). */
export default async function TriageLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  if ((await getWorkspace(workspace)).role !== "admin") notFound();
  return children;
}
