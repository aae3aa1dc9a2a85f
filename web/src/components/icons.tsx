// Icons for server components (issue 10).
//
// lucide-react's icons render through its `Icon`, a "use client" component
// (it reads a context for defaults). Used in a server component, every icon
// therefore became a client reference: its paths were sent twice (in the
// HTML and again in the page's RSC payload) and each one was hydrated in the
// browser, ~60 on the admin's dashboard. These render the same <svg> (class
// names, attributes and aria-hidden included: icons.test.ts compares their
// markup with lucide-react's) from lucide's own path data: server HTML only,
// nothing to hydrate. (Each `lucide-react/icons/*` module still imports
// lucide's client `Icon`, so its chunk stays in the client manifest; every
// page that uses these also loads lucide-react for its client components.)
// They work in client components too, but those can simply keep importing
// lucide-react.
import { createElement, type SVGProps } from "react";
import * as arrowLeft from "lucide-react/icons/arrow-left";
import * as arrowRight from "lucide-react/icons/arrow-right";
import * as arrowUpRight from "lucide-react/icons/arrow-up-right";
import * as calendarClock from "lucide-react/icons/calendar-clock";
import * as chevronRight from "lucide-react/icons/chevron-right";
import * as circleAlert from "lucide-react/icons/circle-exclamation-point";
import * as clock from "lucide-react/icons/clock";
import * as flag from "lucide-react/icons/flag";
import * as folderOpen from "lucide-react/icons/folder-open";
import * as hand from "lucide-react/icons/hand";
import * as inbox from "lucide-react/icons/inbox";
import * as link from "lucide-react/icons/link";
import * as listTodo from "lucide-react/icons/list-todo";
import * as messageSquare from "lucide-react/icons/message-square";
import * as messageSquarePlus from "lucide-react/icons/message-square-plus";
import * as partyPopper from "lucide-react/icons/party-popper";
import * as plus from "lucide-react/icons/plus";
import * as stamp from "lucide-react/icons/stamp";

type IconNode = ReadonlyArray<readonly [string, Record<string, string | number>]>;
type IconData = { name: string; aliases?: readonly string[]; node: IconNode };

/** The path data lucide-react exports next to each icon (`__iconData`). */
function dataOf(mod: object): IconData {
  const data = (mod as { __iconData?: IconData }).__iconData;
  if (!data?.name || !Array.isArray(data.node)) {
    throw new Error("components/icons: lucide-react no longer exports __iconData; see icons.test.ts");
  }
  return data;
}

/** lucide's class merge: trimmed, empty and repeated names dropped, first occurrence kept. */
function classes(...names: (string | undefined)[]): string {
  const seen = new Set<string>();
  for (const n of names) for (const c of (n ?? "").split(/\s+/)) if (c) seen.add(c);
  return [...seen].join(" ");
}

export type ServerIconProps = SVGProps<SVGSVGElement>;

function serverIcon(mod: object) {
  const { name, aliases = [], node } = dataOf(mod);
  const base = ["lucide", name, ...aliases].map((n, i) => (i === 0 ? n : `lucide-${n}`)).join(" ");
  function ServerIcon({ className, children, color, ...rest }: ServerIconProps) {
    // As lucide: decorative (aria-hidden) unless given a label, a role, a
    // title or children (an attribute set to undefined or null counts as absent).
    const labelled =
      Boolean(children) ||
      Object.entries(rest).some(([k, v]) => v != null && (k.startsWith("aria-") || k === "role" || k === "title"));
    return createElement(
      "svg",
      {
        xmlns: "http://www.w3.org/2000/svg",
        width: 24,
        height: 24,
        viewBox: "0 0 24 24",
        fill: "none",
        stroke: color ?? "currentColor",
        strokeWidth: 2,
        strokeLinecap: "round",
        strokeLinejoin: "round",
        className: classes(base, className),
        ...(labelled ? {} : { "aria-hidden": "true" }),
        ...rest,
      },
      ...node.map(([tag, attrs]) => createElement(tag, attrs)),
      children,
    );
  }
  ServerIcon.displayName = `Icon(${name})`;
  return ServerIcon;
}

export const ArrowLeftIcon = serverIcon(arrowLeft);
export const ArrowRightIcon = serverIcon(arrowRight);
export const ArrowUpRightIcon = serverIcon(arrowUpRight);
export const CalendarClockIcon = serverIcon(calendarClock);
export const ChevronRightIcon = serverIcon(chevronRight);
export const CircleAlertIcon = serverIcon(circleAlert);
export const ClockIcon = serverIcon(clock);
export const FlagIcon = serverIcon(flag);
export const FolderOpenIcon = serverIcon(folderOpen);
export const HandIcon = serverIcon(hand);
export const InboxIcon = serverIcon(inbox);
export const LinkIcon = serverIcon(link);
export const ListTodoIcon = serverIcon(listTodo);
export const MessageSquareIcon = serverIcon(messageSquare);
export const MessageSquarePlusIcon = serverIcon(messageSquarePlus);
export const PartyPopperIcon = serverIcon(partyPopper);
export const PlusIcon = serverIcon(plus);
export const StampIcon = serverIcon(stamp);
