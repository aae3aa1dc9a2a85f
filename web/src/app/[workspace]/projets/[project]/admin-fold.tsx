"use client";

import { useState } from "react";
import { ChevronDownIcon, LockIcon } from "lucide-react";
import { cn } from "@/lib/utils";

/**
 * The admin's panels (steering, private notes, clients) fold into one row on
 * phones and tablets, so the project's status and what waits stay in the
 * first screen; from the desktop width up they are always open. CSS decides
 * the default, so server and browser render the same thing.
 */
export function AdminFold({ title, hint, children }: { title: string; hint: string; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="grid min-w-0 content-start gap-6">
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-controls="admin-fold"
        className="flex w-full items-center gap-3 rounded-xl border border-dashed bg-surface px-4 py-3 text-left outline-none focus-visible:ring-2 focus-visible:ring-brand lg:hidden"
      >
        <LockIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
        <span className="min-w-0 flex-1">
          <span className="block text-sm font-medium">{title}</span>
          <span className="block text-xs text-muted-foreground">{hint}</span>
        </span>
        <ChevronDownIcon className={cn("size-4 shrink-0 text-muted-foreground transition-transform", open && "rotate-180")} aria-hidden />
      </button>
      <div id="admin-fold" className={cn("min-w-0 content-start gap-6 lg:grid", open ? "grid" : "hidden")}>
        {children}
      </div>
    </div>
  );
}
