import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthBrand, AuthCard, AuthShell } from "@/components/auth-shell";
import { fmt } from "@/i18n";
import { getMe } from "@/lib/api/server";
import { getPublicBrand, publicLogoUrl } from "@/lib/brand";
import { getT } from "@/i18n/server";
import { LoginForm } from "./login-form";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** ?espace=<slug> comes from /<espace>/connexion (rewritten by the proxy). */
async function brandOf(searchParams: Props["searchParams"]) {
  const espace = (await searchParams).espace;
  return getPublicBrand(typeof espace === "string" ? espace : null).catch(() => null);
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const [{ t }, brand] = await Promise.all([getT(), brandOf(searchParams)]);
  // A known workspace's login carries its name only: never the product's.
  return brand ? { title: { absolute: `${t.login.title} · ${brand.name}` } } : { title: t.login.title };
}

export default async function LoginPage({ searchParams }: Props) {
  const raw = (await searchParams).next;
  const brand = await brandOf(searchParams);
  // Only same-site paths: never an absolute or protocol-relative URL (open redirect).
  // From a workspace's own login, the workspace is where one lands.
  const next = typeof raw === "string" && /^\/(?![/\\])/.test(raw) ? raw : brand ? `/${brand.slug}` : "/";
  // Already signed in: go straight to the portal. If the API is unreachable, still show the form.
  const me = await getMe().catch(() => null);
  if (me) redirect(next);
  const { t } = await getT();
  return (
    <AuthShell top={brand ? <AuthBrand name={brand.name} accentColor={brand.accentColor} logoUrl={publicLogoUrl(brand)} /> : undefined}>
      <AuthCard title={t.login.title} subtitle={brand ? fmt(t.shell.login.subtitle, { workspace: brand.name }) : t.login.subtitle}>
        <LoginForm next={next} espace={brand?.slug} />
      </AuthCard>
    </AuthShell>
  );
}
