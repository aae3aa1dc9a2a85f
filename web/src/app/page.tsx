import { redirect } from "next/navigation";
import { requireMe } from "@/lib/api/server";

export default async function Home() {
  const me = await requireMe();
  const only = me.workspaces.length === 1 ? me.workspaces[0] : undefined;
  redirect(only ? `/${only.slug}` : "/espaces");
}
