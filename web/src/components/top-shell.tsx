import Link from "next/link";
import { UserMenu } from "@/components/user-menu";
import type { User } from "@/lib/api/types";

/** Frame for pages outside a workspace (workspace list, account). */
export function TopShell({ user, children, home = "/" }: { user: User; children: React.ReactNode; home?: string }) {
  return (
    <div className="flex min-h-dvh flex-col bg-surface">
      <header className="sticky top-0 z-30 flex h-14 items-center border-b bg-background/80 px-4 backdrop-blur-md sm:px-6">
        <Link href={home} className="flex items-center gap-2 rounded-md text-sm font-semibold tracking-tight">
          <span aria-hidden className="flex size-7 items-center justify-center rounded-lg bg-foreground text-[13px] font-bold text-background">
            P
          </span>
          Parvis
        </Link>
        <div className="ml-auto">
          <UserMenu user={user} />
        </div>
      </header>
      <main id="main" className="flex-1 bg-background">
        <div className="mx-auto w-full max-w-3xl px-4 py-8 sm:px-8 sm:py-12">{children}</div>
      </main>
    </div>
  );
}
