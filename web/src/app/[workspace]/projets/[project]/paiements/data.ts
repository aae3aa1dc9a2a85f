import { notFound, redirect } from "next/navigation";
import { serverApi } from "@/lib/api/server";

function fail(status: number, what: string): never {
  if (status === 401) redirect("/connexion");
  if (status === 403 || status === 404 || status === 422) notFound();
  throw new Error(`${what} failed with status ${status}`);
}

export async function getPayments(workspace: string, project: string) {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/projects/{project}/payments", { params: { path: { workspace, project } } });
  return data ?? fail(response.status, "GET payments");
}

export async function getPayment(workspace: string, project: string, payment: string) {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/w/{workspace}/projects/{project}/payments/{payment}", {
    params: { path: { workspace, project, payment } },
  });
  return data ?? fail(response.status, "GET payment");
}
