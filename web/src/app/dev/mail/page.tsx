import type { Metadata } from "next";
import { DevMailbox } from "./dev-mailbox";

export const metadata: Metadata = { title: "Dev mail", robots: { index: false } };

export default function DevMailPage() {
  return <DevMailbox />;
}
