"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

// The dashboard's interactive cards (dialogs, forms, drag and drop for the
// phases) are not in the page's first load (issue 10): each is rendered on
// the server as usual and hydrated when its own chunk lands; a client
// never downloads the admin-only ones.
const card = () => <Skeleton className="h-40 w-full rounded-xl" />;

export const PhasesCard = dynamic(() => import("./phases-card").then((m) => m.PhasesCard), { loading: card });
export const ApprovalsCard = dynamic(() => import("./approvals-card").then((m) => m.ApprovalsCard), { loading: card });
export const PilotPanel = dynamic(() => import("./pilot-panel").then((m) => m.PilotPanel), { loading: card });
export const NotesPanel = dynamic(() => import("./notes-panel").then((m) => m.NotesPanel), { loading: card });
export const PeoplePanel = dynamic(() => import("./people-panel").then((m) => m.PeoplePanel), { loading: card });
export const ProjectAdminActions = dynamic(() => import("./project-admin-actions").then((m) => m.ProjectAdminActions), {
  loading: () => <Skeleton className="h-9 w-28" />,
});
