"use client";

import { useState } from "react";
import { MenuIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { SidebarContent, type SidebarProps } from "@/components/sidebar";
import { useI18n } from "@/i18n/client";

/** The sidebar in a sheet, below the lg breakpoint. */
export function MobileNav({ workspaces, workspace, projects }: Omit<SidebarProps, "onNavigate">) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="lg:hidden" aria-label={t.nav.openMenu}>
          <MenuIcon className="size-5" />
        </Button>
      </SheetTrigger>
      <SheetContent closeLabel={t.common.close} side="left">
        <SheetTitle className="sr-only">{t.nav.mainNav}</SheetTitle>
        <SheetDescription className="sr-only">{workspace.name}</SheetDescription>
        <SidebarContent workspaces={workspaces} workspace={workspace} projects={projects} onNavigate={() => setOpen(false)} />
      </SheetContent>
    </Sheet>
  );
}
