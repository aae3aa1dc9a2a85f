import Link from "@/components/link";
import { buttonVariants } from "@/components/ui/button";
import { getT } from "@/i18n/server";

export default async function NotFound() {
  const { t } = await getT();
  return (
    <div className="flex min-h-[60dvh] flex-col items-center justify-center px-6 py-16 text-center">
      <p className="font-mono text-sm text-muted-foreground">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">{t.notFound.title}</h1>
      <p className="mt-2 max-w-sm text-sm text-muted-foreground">{t.notFound.body}</p>
      <Link href="/" className={buttonVariants({ variant: "secondary", className: "mt-6" })}>
        {t.notFound.home}
      </Link>
    </div>
  );
}
