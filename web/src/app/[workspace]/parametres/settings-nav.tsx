import Link from "@/components/link";
import { getT } from "@/i18n/server";
import { cn } from "@/lib/utils";

/** The workspace settings' sections: identity, payments. */
export async function SettingsNav({ workspace, current }: { workspace: string; current: "general" | "payments" }) {
  const { t } = await getT();
  const items = [
    { key: "general", href: `/${workspace}/parametres`, label: t.payments.settings.nav.general },
    { key: "payments", href: `/${workspace}/parametres/paiements`, label: t.payments.settings.nav.payments },
  ] as const;
  return (
    <nav aria-label={t.nav.settings} className="-mt-4 mb-6 flex gap-1 border-b">
      {items.map((i) => (
        <Link
          key={i.key}
          href={i.href}
          aria-current={i.key === current ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium transition-colors",
            i.key === current ? "border-brand text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
          )}
        >
          {i.label}
        </Link>
      ))}
    </nav>
  );
}
