"use client";

import dynamic from "next/dynamic";

// The live stream's client (lib/live) loads after the page, in its own chunk:
// every project page carries it, and none needs it to render.
export const LiveRefresh = dynamic(() => import("@/components/live-refresh").then((m) => m.LiveRefresh), { ssr: false });
