import { Fragment, type ReactNode } from "react";

/** Like fmt(), but placeholders may be React nodes (a <time>, a link…). */
export function fmtNode(template: string, vars: Record<string, ReactNode>): ReactNode {
  const parts = template.split(/\{(\w+)\}/g);
  return parts.map((p, i) => <Fragment key={i}>{i % 2 === 1 ? (p in vars ? vars[p] : `{${p}}`) : p}</Fragment>);
}
