"use client";

import dynamic from "next/dynamic";

// The markdown renderer (react-markdown and its parsers, ~60 KiB gzip) is
// loaded when a description is first shown, not with the page: every client
// component that shows markdown imports this one.
export const Markdown = dynamic(() => import("@/components/work/markdown").then((m) => m.Markdown), {
  loading: () => <p className="text-sm text-muted-foreground">…</p>,
});
