// Wire types derived from the generated OpenAPI paths, so that they follow
// the Go API's document whatever its schema names are.
import type { components, paths } from "./schema";

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

/** Every error code the Go API can send (its one table of codes, as an OpenAPI enum). */
export type ErrorCode = components["schemas"]["ErrorCode"];

/** RFC 9457 problem details as sent by the Go API (huma ErrorModel + a stable `code`). */
export type Problem = {
  title?: string;
  status?: number;
  detail?: string;
  code?: ErrorCode;
  errors?: { message?: string; location?: string; value?: unknown }[];
};

// Projects and the work (dashboard, phases, board, approvals, notes, activity).
type W = "/api/v1/w/{workspace}/projects/{project}";
export type Dashboard = JsonOf<paths[`${W}/dashboard`]["get"]["responses"][200]>;
export type Phase = NonNullable<Dashboard["phases"]>[number];
export type PhaseInput = NonNullable<NonNullable<paths[`${W}/phases`]["put"]["requestBody"]>["content"]["application/json"]["phases"]>[number];
export type WaitingItem = NonNullable<Dashboard["waiting"]>[number];
export type StatusChoice = NonNullable<NonNullable<paths[W]["patch"]["requestBody"]>["content"]["application/json"]["status"]>;
export type Board = JsonOf<paths[`${W}/board`]["get"]["responses"][200]>;
export type BoardColumn = NonNullable<Board["columns"]>[number];
export type ColumnKey = BoardColumn["key"];
/** A task as a board card shows it (description as a short excerpt). */
export type Card = NonNullable<BoardColumn["tasks"]>[number];
/** One whole task (get-task): what the sheet shows and edits. */
/** A task as every write answers it; opened (get-task), it also carries its request's attachments. */
export type Task = JsonOf<paths[`${W}/tasks/{task}`]["patch"]["responses"][200]> & { attachments?: TaskDetail["attachments"] };
export type TaskDetail = JsonOf<paths[`${W}/tasks/{task}`]["get"]["responses"][200]>;
export type RequestCard = NonNullable<Board["requests"]>[number];
export type BoardOrigin = "all" | "project" | "request";
export type Approval = NonNullable<JsonOf<paths[`${W}/approvals`]["get"]["responses"][200]>["approvals"]>[number];
export type ApprovalKind = Approval["kind"];
export type Note = NonNullable<JsonOf<paths[`${W}/notes`]["get"]["responses"][200]>["notes"]>[number];
export type ActivityPage = JsonOf<paths[`${W}/activity`]["get"]["responses"][200]>;
export type ActivityEntry = NonNullable<ActivityPage["entries"]>[number];
export type ActivityFamily = NonNullable<NonNullable<paths[`${W}/activity`]["get"]["parameters"]["query"]>["family"]>;

// Client requests (tickets).
type T = `${W}/tickets`;
export type TicketList = JsonOf<paths[T]["get"]["responses"][200]>;
export type Ticket = NonNullable<TicketList["tickets"]>[number];
export type TicketType = Ticket["type"];
export type TicketStatus = Ticket["status"];
export type TicketThread = JsonOf<paths[`${T}/{ticket}`]["get"]["responses"][200]>;
export type TicketComment = NonNullable<TicketThread["comments"]>[number];
export type TicketAttachment = NonNullable<TicketThread["attachments"]>[number];
export type TicketDecision = NonNullable<paths[`${T}/{ticket}/decision`]["post"]["requestBody"]>["content"]["application/json"];
export type TicketAction = TicketDecision["action"];
export type TriageItem = NonNullable<JsonOf<paths["/api/v1/w/{workspace}/tickets/triage"]["get"]["responses"][200]>["items"]>[number];

type M = "/api/v1/w/{workspace}/projects/{project}/messages";
export type MessagePage = JsonOf<paths[M]["get"]["responses"][200]>;
export type ChatMessage = NonNullable<MessagePage["messages"]>[number];
export type UnreadMessages = JsonOf<paths["/api/v1/w/{workspace}/messages/unread"]["get"]["responses"][200]>;
export type NotificationPreferences = JsonOf<paths["/api/v1/w/{workspace}/notification-preferences"]["get"]["responses"][200]>;
export type InboxPage = JsonOf<paths["/api/v1/w/{workspace}/notifications"]["get"]["responses"][200]>;
export type InboxItem = NonNullable<InboxPage["items"]>[number];
export type NotificationFamily = components["schemas"]["NotificationFamily"];
export type NotificationMode = NonNullable<NotificationPreferences["families"]>[number]["mode"];
