// The sections of a project, in the order the navigation shows them. A new
// module (Demandes, Messages, Paiements) adds its key to `built` once its
// page exists, and passes a count when something waits there.
import { projectHref } from "@/lib/work";

export type SectionKey = "overview" | "board" | "requests" | "messages" | "files" | "payments" | "activity";

export type ProjectSection = { key: SectionKey; href: string; count: number };

const order: SectionKey[] = ["overview", "board", "requests", "messages", "files", "payments", "activity"];
const paths: Record<SectionKey, string> = {
  overview: "",
  board: "/tableau",
  requests: "/demandes",
  messages: "/messages",
  files: "/fichiers",
  payments: "/paiements",
  activity: "/activite",
};
/** Sections whose pages exist today: the navigation never links to a page that isn't there. */
const built = new Set<SectionKey>(["overview", "board", "requests", "messages", "files", "payments", "activity"]);

export function projectSections(slug: string, project: string, counts: Partial<Record<SectionKey, number>> = {}): ProjectSection[] {
  const base = projectHref(slug, project);
  return order.filter((k) => built.has(k)).map((key) => ({ key, href: base + paths[key], count: counts[key] ?? 0 }));
}

/** Whether a section is the page being shown (the overview only on its own path). */
export function isSectionActive(section: ProjectSection, pathname: string): boolean {
  if (section.key === "overview") return pathname === section.href;
  return pathname === section.href || pathname.startsWith(section.href + "/");
}
