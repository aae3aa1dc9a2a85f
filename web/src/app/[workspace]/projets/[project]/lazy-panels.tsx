"use client";

import dynamic from "next/dynamic";
import { island } from "@/components/island";
import { Skeleton } from "@/components/ui/skeleton";

// The dashboard's interactive cards (dialogs, forms, drag and drop for the
// phases) are not in the page's first load (issue 10). The cards are
// islands: rendered on the server as usual, their code loaded and their
// HTML hydrated only when they come on screen or are touched, so the
// cards below the first screen cost the page's loading nothing. A client
// never downloads the admin-only ones.
const card = <Skeleton className="h-40 w-full rounded-xl" />;

export const PhasesCard = island(() => import("./phases-card").then((m) => m.PhasesCard), { fallback: card });
export const ApprovalsCard = island(() => import("./approvals-card").then((m) => m.ApprovalsCard), { fallback: card });
export const PilotPanel = island(() => import("./pilot-panel").then((m) => m.PilotPanel), { fallback: card });
export const NotesPanel = island(() => import("./notes-panel").then((m) => m.NotesPanel), { fallback: card });
export const PeoplePanel = island(() => import("./people-panel").then((m) => m.PeoplePanel), { fallback: card });
// In the page's header, on the first screen: hydrated with the page.
export const ProjectAdminActions = dynamic(() => import("./project-admin-actions").then((m) => m.ProjectAdminActions), {
  loading: () => <Skeleton className="h-9 w-28" />,
});
