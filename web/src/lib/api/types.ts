// Wire types derived from the generated OpenAPI paths, so that they follow
// the Go API's document whatever its schema names are.
import type { paths } from "./schema";

type JsonOf<R> = R extends { content: { "application/json": infer T } } ? T : never;

export type Me = JsonOf<paths["/api/v1/me"]["get"]["responses"][200]>;
export type MeWorkspace = NonNullable<Me["workspaces"]>[number];
export type User = Me["user"];
export type Locale = User["locale"];
export type Workspace = JsonOf<paths["/api/v1/w/{workspace}"]["get"]["responses"][200]>;
export type Role = Workspace["role"];
export type Project = JsonOf<paths["/api/v1/w/{workspace}/projects/{project}"]["get"]["responses"][200]>;
export type ProjectStatus = Project["status"];
export type People = JsonOf<paths["/api/v1/w/{workspace}/projects/{project}/people"]["get"]["responses"][200]>;
export type Member = NonNullable<People["members"]>[number];
export type PendingInvitation = NonNullable<People["invitations"]>[number];
export type InvitationInfo = JsonOf<paths["/api/v1/invitations/{token}"]["get"]["responses"][200]>;
export type MailMessage = NonNullable<JsonOf<paths["/api/v1/dev/mail"]["get"]["responses"][200]>["messages"]>[number];

/** RFC 9457 problem details as sent by the Go API (huma ErrorModel + a stable `code`). */
export type Problem = {
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: { message?: string; location?: string; value?: unknown }[] | null;
};
