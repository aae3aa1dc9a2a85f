import type { Metadata } from "next";
import { AuthBrand, AuthCard, AuthShell } from "@/components/auth-shell";
import { getT } from "@/i18n/server";
import { getPublicBrand, publicLogoUrl } from "@/lib/brand";
import { workspaceLoginHref } from "@/lib/last-workspace";
import { ForgotForm } from "./forgot-form";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** ?espace=<slug>: reached from a workspace's own login, the page keeps its identity. */
async function brandOf(searchParams: Props["searchParams"]) {
  const espace = (await searchParams).espace;
  return getPublicBrand(typeof espace === "string" ? espace : null).catch(() => null);
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const [{ t }, brand] = await Promise.all([getT(), brandOf(searchParams)]);
  return brand ? { title: { absolute: `${t.forgot.title} · ${brand.name}` } } : { title: t.forgot.title };
}

export default async function ForgotPage({ searchParams }: Props) {
  const [{ t }, brand] = await Promise.all([getT(), brandOf(searchParams)]);
  return (
    <AuthShell top={brand ? <AuthBrand name={brand.name} accentColor={brand.accentColor} logoUrl={publicLogoUrl(brand)} /> : undefined}>
      <AuthCard title={t.forgot.title} subtitle={t.forgot.subtitle}>
        <ForgotForm login={brand ? workspaceLoginHref(brand.slug) : "/connexion"} />
      </AuthCard>
    </AuthShell>
  );
}
