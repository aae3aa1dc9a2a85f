import { AccentStyle } from "./accent-style";
import { BrandMark } from "./brand-mark";
import { LocaleSwitch } from "./locale-switch";

/**
 * A workspace's identity on a signed-out page (its login, an invitation):
 * its accent colour themes the page, its logo (or initials) and name sit at
 * the top. The product's name never appears beside it.
 */
export function AuthBrand({ name, accentColor, logoUrl }: { name: string; accentColor: string; logoUrl: string | null }) {
  return (
    <>
      <AccentStyle color={accentColor} />
      <div className="flex min-w-0 items-center gap-2.5" data-testid="auth-brand">
        <BrandMark name={name} logoUrl={logoUrl} />
        <span className="truncate text-sm font-semibold">{name}</span>
      </div>
    </>
  );
}

/** Centered, calm frame for the signed-out pages. */
export function AuthShell({ children, top }: { children: React.ReactNode; top?: React.ReactNode }) {
  return (
    <div className="relative flex min-h-dvh flex-col bg-surface">
      <div
        aria-hidden
        className="pointer-events-none absolute inset-x-0 top-0 h-72 bg-[radial-gradient(60%_100%_at_50%_0%,color-mix(in_oklab,var(--brand)_12%,transparent),transparent)]"
      />
      <header className="relative flex items-center justify-between px-4 py-4 sm:px-6">
        <div>{top}</div>
        <LocaleSwitch />
      </header>
      <main id="main" className="relative flex flex-1 items-start justify-center px-4 pt-6 pb-16 sm:items-center sm:pt-0">
        <div className="w-full max-w-[400px]">{children}</div>
      </main>
    </div>
  );
}

export function AuthCard({ title, subtitle, children, icon }: { title: string; subtitle?: React.ReactNode; children: React.ReactNode; icon?: React.ReactNode }) {
  return (
    <div className="rounded-xl border bg-card p-6 shadow-[0_1px_2px_rgb(0_0_0/0.04),0_8px_24px_-8px_rgb(0_0_0/0.08)] sm:p-8">
      {icon ? <div className="mb-5">{icon}</div> : null}
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      {subtitle ? <p className="mt-1.5 text-sm text-muted-foreground">{subtitle}</p> : null}
      <div className="mt-6">{children}</div>
    </div>
  );
}
