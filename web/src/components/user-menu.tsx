"use client";

import Link from "@/components/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LanguagesIcon, LogOutIcon, MonitorIcon, MoonIcon, SunIcon, UserRoundIcon, ChevronsUpDownIcon } from "lucide-react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuSub,
  DropdownMenuSubContent,
  DropdownMenuSubTrigger,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useTheme, type Theme } from "@/components/theme";
import { setLocaleCookie, useI18n } from "@/i18n/client";
import { isLocale } from "@/i18n";
import { api } from "@/lib/api/client";
import type { User } from "@/lib/api/types";
import { Avatar } from "@/components/avatar";
import { workspaceLoginHref } from "@/lib/last-workspace";

export { Avatar };

/** `workspace`: the workspace the page belongs to; logging out leads to its own login page. */
export function UserMenu({ user, workspace }: { user: User; workspace?: string | null }) {
  const { t, locale } = useI18n();
  const { theme, setTheme } = useTheme();
  const router = useRouter();
  const [, start] = useTransition();

  async function changeLocale(v: string) {
    if (!isLocale(v) || v === locale) return;
    setLocaleCookie(v);
    await api.PATCH("/api/v1/me", { body: { locale: v } }).catch(() => undefined);
    start(() => router.refresh());
  }

  async function logout() {
    await api.POST("/api/v1/auth/logout").catch(() => undefined);
    router.replace(workspace ? workspaceLoginHref(workspace) : "/connexion");
    router.refresh();
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex cursor-pointer items-center gap-2 rounded-lg py-1 pr-2 pl-1 text-sm transition-colors outline-none hover:bg-muted focus-visible:ring-2 focus-visible:ring-brand data-[state=open]:bg-muted"
      >
        <Avatar name={user.name || user.email} />
        {/* The button is named by what it shows (the person's name), also on phones where only the initials show. */}
        <span className="sr-only max-w-40 truncate font-medium sm:not-sr-only">{user.name || user.email}</span>
        <ChevronsUpDownIcon className="hidden size-3.5 text-muted-foreground sm:inline" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <DropdownMenuLabel className="grid gap-0.5 font-normal">
          <span className="truncate text-sm font-medium text-foreground">{user.name}</span>
          <span className="truncate text-xs text-muted-foreground">{user.email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/compte">
            <UserRoundIcon />
            {t.nav.account}
          </Link>
        </DropdownMenuItem>
        {workspace ? (
          <DropdownMenuItem asChild>
            <Link href={`/${workspace}/notifications/preferences`}>
              <UserRoundIcon className="invisible" aria-hidden />
              {t.notify.nav}
            </Link>
          </DropdownMenuItem>
        ) : null}
        <DropdownMenuSub>
          <DropdownMenuSubTrigger>
            <LanguagesIcon />
            {t.nav.language}
          </DropdownMenuSubTrigger>
          <DropdownMenuSubContent>
            <DropdownMenuRadioGroup value={locale} onValueChange={changeLocale}>
              <DropdownMenuRadioItem value="fr" lang="fr">
                Français
              </DropdownMenuRadioItem>
              <DropdownMenuRadioItem value="en" lang="en">
                English
              </DropdownMenuRadioItem>
            </DropdownMenuRadioGroup>
          </DropdownMenuSubContent>
        </DropdownMenuSub>
        <DropdownMenuSub>
          <DropdownMenuSubTrigger>
            {theme === "dark" ? <MoonIcon /> : theme === "light" ? <SunIcon /> : <MonitorIcon />}
            {t.nav.theme}
          </DropdownMenuSubTrigger>
          <DropdownMenuSubContent>
            <DropdownMenuRadioGroup value={theme} onValueChange={(v) => setTheme(v as Theme)}>
              <DropdownMenuRadioItem value="light">
                <SunIcon />
                {t.nav.themeLight}
              </DropdownMenuRadioItem>
              <DropdownMenuRadioItem value="dark">
                <MoonIcon />
                {t.nav.themeDark}
              </DropdownMenuRadioItem>
              <DropdownMenuRadioItem value="system">
                <MonitorIcon />
                {t.nav.themeSystem}
              </DropdownMenuRadioItem>
            </DropdownMenuRadioGroup>
          </DropdownMenuSubContent>
        </DropdownMenuSub>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={logout}>
          <LogOutIcon />
          {t.nav.logout}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
