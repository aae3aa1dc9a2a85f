import { notFound } from "next/navigation";
import { getWorkspace } from "@/lib/api/queries";

/**
 * Admins only. Checked here rather than in the page: the page's loading.tsx is
 * a Suspense boundary, so a refusal from the page would arrive after an HTTP 200
 * had been sent. From a layout it is a real 404 (the same answer as an unknown
 * page: nothing tells a client that the page exists).
 */
export default async function SettingsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  if ((await getWorkspace(workspace)).role !== "admin") notFound();
  return children;
}
