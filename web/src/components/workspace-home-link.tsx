"use client";

import Link from "@/components/link";
import { useParams } from "next/navigation";
import { ArrowLeftIcon } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";

/** « Retour aux projets » from a not-found page, which receives no params: the slug comes from the URL. */
export function WorkspaceHomeLink({ label }: { label: string }) {
  const params = useParams<{ workspace?: string }>();
  const href = params.workspace ? `/${encodeURIComponent(params.workspace)}` : "/";
  return (
    <Link href={href} className={buttonVariants({ variant: "secondary", className: "mt-6" })}>
      <ArrowLeftIcon aria-hidden />
      {label}
    </Link>
  );
}
