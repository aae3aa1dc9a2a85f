"use client";

import Link from "@/components/link";
import { CheckIcon, ChevronsUpDownIcon, LayoutGridIcon } from "lucide-react";
import { BrandMark } from "@/components/brand-mark";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useI18n } from "@/i18n/client";
import type { MeWorkspace, Workspace } from "@/lib/api/types";
import { logoUrl } from "@/lib/utils";

/** The workspace menu at the top of the sidebar: switch workspace, all workspaces. */
export function WorkspaceSwitcher({ workspaces, workspace, onNavigate }: { workspaces: MeWorkspace[]; workspace: Workspace; onNavigate?: () => void }) {
  const { t } = useI18n();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex w-full cursor-pointer items-center gap-2.5 rounded-lg p-1.5 text-left transition-colors outline-none hover:bg-muted focus-visible:ring-2 focus-visible:ring-brand data-[state=open]:bg-muted"
      >
        <BrandMark name={workspace.name} logoUrl={logoUrl(workspace.slug, workspace.hasLogo)} />
        <span className="grid min-w-0 flex-1">
          <span className="truncate text-sm font-semibold">{workspace.name}</span>
          <span className="truncate text-xs text-muted-foreground">{t.roles[workspace.role]}</span>
        </span>
        <ChevronsUpDownIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-60">
        <DropdownMenuLabel>{t.workspaces.switch}</DropdownMenuLabel>
        {workspaces.map((w) => (
          <DropdownMenuItem key={w.id} asChild>
            <Link href={`/${w.slug}`} onClick={onNavigate}>
              <BrandMark name={w.name} logoUrl={logoUrl(w.slug, w.hasLogo)} className="size-5 rounded-md text-[9px]" />
              <span className="min-w-0 flex-1 truncate">{w.name}</span>
              {w.slug === workspace.slug ? <CheckIcon className="text-foreground" /> : null}
            </Link>
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/espaces" onClick={onNavigate}>
            <LayoutGridIcon />
            {t.workspaces.all}
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
