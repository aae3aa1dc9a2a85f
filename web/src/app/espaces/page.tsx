import type { Metadata } from "next";
import Link from "@/components/link";
import { ChevronRightIcon, InboxIcon } from "@/components/icons";
import { BrandMark } from "@/components/brand-mark";
import { PageHeader } from "@/components/page-header";
import { TopShell } from "@/components/top-shell";
import { getT } from "@/i18n/server";
import { getMe, requireMe } from "@/lib/api/server";
import { knownWorkspace, productName } from "@/lib/brand";
import { accentStyle, logoUrl } from "@/lib/utils";

// The tab title carries the workspace's name the person came from, not the product's.
export async function generateMetadata(): Promise<Metadata> {
  const [{ t }, me] = await Promise.all([getT(), getMe().catch(() => null)]);
  const brand = me ? await knownWorkspace(me.workspaces) : null;
  return { title: { absolute: `${t.workspaces.title} · ${brand?.name ?? productName()}` } };
}

export default async function WorkspacesPage() {
  const me = await requireMe();
  const { t } = await getT();
  return (
    <TopShell user={me.user} brand={await knownWorkspace(me.workspaces)}>
      <PageHeader title={t.workspaces.title} description={me.workspaces.length ? t.workspaces.subtitle : undefined} />
      {me.workspaces.length === 0 ? (
        <div className="flex flex-col items-center rounded-xl border border-dashed px-6 py-16 text-center">
          <InboxIcon className="size-6 text-muted-foreground" aria-hidden />
          <p className="mt-4 font-medium">{t.workspaces.empty}</p>
          <p className="mt-1 text-sm text-muted-foreground">{t.workspaces.emptyHint}</p>
        </div>
      ) : (
        <ul className="grid gap-3">
          {me.workspaces.map((w) => (
            <li key={w.id} style={accentStyle(w.accentColor)}>
              <Link
                href={`/${w.slug}`}
                className="group flex items-center gap-4 rounded-xl border bg-card p-4 shadow-xs transition-[border-color,box-shadow] hover:border-foreground/15 hover:shadow-md focus-visible:ring-2 focus-visible:ring-brand focus-visible:outline-none"
              >
                <BrandMark name={w.name} logoUrl={logoUrl(w.slug, w.hasLogo)} className="size-10 rounded-xl text-sm" />
                <span className="grid min-w-0 flex-1">
                  <span className="truncate font-medium">{w.name}</span>
                  <span className="text-sm text-muted-foreground">{t.roles[w.role]}</span>
                </span>
                <ChevronRightIcon className="size-4 text-muted-foreground transition-transform group-hover:translate-x-0.5" aria-hidden />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </TopShell>
  );
}
