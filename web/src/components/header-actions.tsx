"use client";

import { NotificationBell } from "@/components/bell/notification-bell";
import { UserMenu } from "@/components/user-menu";
import type { User } from "@/lib/api/types";

/** The top bar's right side: the notification bell and the account menu (one lazy chunk, issue 10). */
export function HeaderActions({ user, workspace }: { user: User; workspace: string }) {
  return (
    <>
      <NotificationBell workspace={workspace} />
      <UserMenu user={user} workspace={workspace} />
    </>
  );
}
