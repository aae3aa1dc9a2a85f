import type { Metadata } from "next";
import { DevMailbox } from "./dev-mailbox";
import { MailPreviews } from "./mail-previews";

export const metadata: Metadata = { title: "Dev mail", robots: { index: false } };

type Search = { apercu?: string; langue?: string; largeur?: string };

/** /dev/mail: the dev mailbox; /dev/mail?apercu=<template> (or =1): the
 * templates' previews, with ?langue=en and ?largeur=phone. */
export default async function DevMailPage({ searchParams }: { searchParams: Promise<Search> }) {
  const s = await searchParams;
  if (s.apercu !== undefined) {
    return (
      <MailPreviews
        initial={s.apercu && s.apercu !== "1" ? s.apercu : undefined}
        initialLang={s.langue === "en" ? "en" : "fr"}
        initialWidth={s.largeur === "phone" ? "phone" : "desktop"}
      />
    );
  }
  return <DevMailbox />;
}
