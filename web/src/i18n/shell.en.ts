import type { shellFr } from "./shell.fr";

export const shellEn: typeof shellFr = {
  projectNav: {
    label: "Project navigation",
    overview: "Overview",
    board: "Board",
    requests: "Requests",
    messages: "Messages",
    files: "Files",
    payments: "Payments",
    activity: "Activity",
    waitingCount: "{n} waiting",
    unreadCount: "{n} unread",
  },
  unreadTotal: "{n} unread messages in the workspace",
  unreadElsewhere: "{n} unread messages in the other projects",
  breadcrumb: "Breadcrumb",
  notFound: {
    title: "Page not found",
    body: "This page does not exist or you do not have access to it.",
    back: "Back to projects",
    home: "Back to home",
  },
  dashboard: {
    plannedWas: "Originally planned for {date}",
    adminTools: "Steering, notes and clients",
    adminToolsHint: "Tools only you can see",
  },
  activity: {
    today: "Today",
    yesterday: "Yesterday",
    reorders: "{n} board reorderings",
    reorderOne: "1 board reordering",
  },
  preview: {
    enter: "View as the client",
    enterHint: "Show this page as your client sees it, read-only",
    banner: "Client preview — read-only",
    bannerHint: "You see this project as your client does, without changing anything.",
    exit: "Leave the preview",
  },
  login: {
    subtitle: "Sign in to your {workspace} space.",
  },
};
