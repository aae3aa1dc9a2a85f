import { cn, initials } from "@/lib/utils";

/**
 * A workspace's logo, or its initials on its accent colour. With no workspace,
 * a neutral mark (the product name is only a fallback, never a brand).
 */
export function BrandMark({
  name,
  logoUrl,
  className,
}: {
  name: string;
  logoUrl?: string | null;
  className?: string;
}) {
  if (logoUrl) {
    return <img src={logoUrl} alt="" className={cn("size-8 shrink-0 rounded-lg border bg-card object-contain", className)} />;
  }
  return (
    <span
      aria-hidden
      className={cn(
        "flex size-8 shrink-0 items-center justify-center rounded-lg bg-brand text-[13px] font-semibold tracking-tight text-brand-foreground shadow-sm",
        className,
      )}
    >
      {initials(name)}
    </span>
  );
}
