"use client";

import { useState } from "react";
import { MenuIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { NavBadge, SidebarContent, type SidebarProps } from "@/components/sidebar";
import { fmt } from "@/i18n";
import { useI18n } from "@/i18n/client";

/** The sidebar in a sheet, below the lg breakpoint. */
export function MobileNav({ workspaces, workspace, projects, unread }: Omit<SidebarProps, "onNavigate">) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="relative lg:hidden" aria-label={t.nav.openMenu}>
          <MenuIcon className="size-5" />
          <NavBadge
            n={unread.total}
            label={fmt(t.shell.unreadTotal, { n: unread.total })}
            className="absolute -top-0.5 -right-0.5 h-4 min-w-4 px-1 text-[10px]"
            testId="menu-unread-total"
          />
        </Button>
      </SheetTrigger>
      <SheetContent closeLabel={t.common.close} side="left">
        <SheetTitle className="sr-only">{t.nav.mainNav}</SheetTitle>
        <SheetDescription className="sr-only">{workspace.name}</SheetDescription>
        <SidebarContent workspaces={workspaces} workspace={workspace} projects={projects} unread={unread} onNavigate={() => setOpen(false)} />
      </SheetContent>
    </Sheet>
  );
}
