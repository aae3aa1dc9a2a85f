import Link from "@/components/link";
import { cn } from "@/lib/utils";

/** « Activité » / « Préférences »: the two halves of the notifications page. */
export function NotificationTabs({ workspace, current, labels }: { workspace: string; current: "activity" | "preferences"; labels: { activity: string; preferences: string; nav: string } }) {
  const tabs = [
    { key: "activity", href: `/${workspace}/notifications`, label: labels.activity },
    { key: "preferences", href: `/${workspace}/notifications/preferences`, label: labels.preferences },
  ] as const;
  return (
    <nav aria-label={labels.nav} className="mb-6 flex gap-1 border-b">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={current === tab.key ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium transition-colors outline-none focus-visible:ring-2 focus-visible:ring-brand",
            current === tab.key ? "border-brand text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
