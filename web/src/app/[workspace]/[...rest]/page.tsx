import { notFound } from "next/navigation";

/** Any other address under a workspace: the 404 page inside the app shell (not the bare root one). */
export default function UnknownWorkspacePage() {
  notFound();
}
