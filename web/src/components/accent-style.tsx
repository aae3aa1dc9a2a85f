import { DEFAULT_ACCENT, isHexColor, readableOn } from "@/lib/utils";

/**
 * Themes the whole document (portals included: dialogs, menus, toasts) with a
 * workspace's accent colour. The value is validated as #RRGGBB before use.
 */
export function AccentStyle({ color }: { color: string | null | undefined }) {
  const c = color && isHexColor(color) ? color : DEFAULT_ACCENT;
  return <style>{`:root{--brand:${c};--brand-foreground:${readableOn(c)}}`}</style>;
}
