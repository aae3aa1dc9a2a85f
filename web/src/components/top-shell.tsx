import Link from "@/components/link";
import { AccentStyle } from "@/components/accent-style";
import { BrandMark } from "@/components/brand-mark";
import { UserMenu } from "@/components/user-menu";
import type { MeWorkspace, User } from "@/lib/api/types";
import { productName } from "@/lib/brand";
import { logoUrl } from "@/lib/utils";

/**
 * Frame for pages outside a workspace (workspace list, account). It wears the
 * identity of the workspace the person came from (see knownWorkspace); the
 * neutral product mark only when none is known.
 */
export function TopShell({ user, children, home = "/", brand = null }: { user: User; children: React.ReactNode; home?: string; brand?: MeWorkspace | null }) {
  const name = brand?.name ?? productName();
  return (
    <div className="flex min-h-dvh flex-col bg-surface">
      {brand ? <AccentStyle color={brand.accentColor} /> : null}
      <header className="sticky top-0 z-30 flex h-14 items-center border-b bg-background/80 px-4 backdrop-blur-md sm:px-6">
        <Link href={brand ? `/${brand.slug}` : home} className="flex min-w-0 items-center gap-2 rounded-md text-sm font-semibold tracking-tight">
          {brand ? (
            <BrandMark name={brand.name} logoUrl={logoUrl(brand.slug, brand.hasLogo)} className="size-7" />
          ) : (
            <span aria-hidden className="flex size-7 items-center justify-center rounded-lg bg-foreground text-[13px] font-bold text-background">
              {name.trim().charAt(0).toUpperCase()}
            </span>
          )}
          <span className="truncate">{name}</span>
        </Link>
        <div className="ml-auto">
          <UserMenu user={user} workspace={brand?.slug} />
        </div>
      </header>
      <main id="main" className="flex-1 bg-background">
        <div className="mx-auto w-full max-w-3xl px-4 py-8 sm:px-8 sm:py-12">{children}</div>
      </main>
    </div>
  );
}
