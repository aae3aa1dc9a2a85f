"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

// The board (dnd-kit, dialogs, the task form) is not in the page's first
// load (issue 10): it is rendered on the server as usual and hydrated as
// soon as its chunk lands, which the server-rendered page preloads.
export const Board = dynamic(() => import("./board").then((m) => m.Board), { loading: () => <Skeleton className="h-96 w-full rounded-xl" /> });
