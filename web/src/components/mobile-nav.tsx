"use client";

import { useState } from "react";
import { MenuIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { SidebarContent, type SidebarProps } from "@/components/sidebar";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";

/** The sidebar in a sheet, below the lg breakpoint. */
export function MobileNav({ workspaces, workspace, projects, projectsTotal, unread }: Omit<SidebarProps, "onNavigate">) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="relative lg:hidden"
          // The badge's number is part of the name (it is visible text).
          aria-label={unread.total > 0 ? `${t.nav.openMenu} · ${fmt(t.shell.unreadTotal, { n: unread.total })}` : t.nav.openMenu}
        >
          <MenuIcon className="size-5" />
          {unread.total > 0 ? (
            <span
              aria-hidden
              data-testid="menu-unread-total"
              className="absolute -top-0.5 -right-0.5 inline-flex h-4 min-w-4 items-center justify-center rounded-full bg-brand px-1 text-[10px] font-semibold tabular-nums text-brand-foreground"
            >
              {unread.total > 99 ? "99+" : unread.total}
            </span>
          ) : null}
        </Button>
      </SheetTrigger>
      <SheetContent closeLabel={t.common.close} side="left">
        <SheetTitle className="sr-only">{t.nav.mainNav}</SheetTitle>
        <SheetDescription className="sr-only">{workspace.name}</SheetDescription>
        <SidebarContent workspaces={workspaces} workspace={workspace} projects={projects} projectsTotal={projectsTotal} unread={unread} onNavigate={() => setOpen(false)} />
      </SheetContent>
    </Sheet>
  );
}
