import { cn, initials } from "@/lib/utils";

/** A person's initials in a disc. */
export function Avatar({ name, className }: { name: string; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn("flex size-7 shrink-0 items-center justify-center rounded-full bg-muted text-[11px] font-semibold text-muted-foreground ring-1 ring-border", className)}
    >
      {initials(name)}
    </span>
  );
}
