"use client";

import dynamic from "next/dynamic";

// The board (dnd-kit, dialogs, the task form) is not in the page's first
// load (issue 10): it is rendered on the server as usual and hydrated as
// soon as its chunk lands, which the server-rendered page preloads.
// No `loading` (so no Suspense boundary of its own): the server writes the
// board into the page's first HTML instead of streaming it after a
// skeleton, so the cards (the page's largest paint) show without waiting
// for the scripts that would reveal a streamed boundary.
export const Board = dynamic(() => import("./board").then((m) => m.Board));
