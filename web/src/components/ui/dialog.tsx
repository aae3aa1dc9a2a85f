"use client";

import * as React from "react";
import { Slot } from "radix-ui";
import { cn } from "@/lib/utils";
import { lazyKit } from "./lazy-kit";

// Dialogs and sheets render their trigger right away and load Radix's dialog
// (./dialog-kit, one shared chunk) when the first one opens (./lazy-kit): a
// page with a few dialogs no longer ships a copy of it in each island, and
// never downloads it when none is opened (issue 10). The trigger's hover or
// focus starts the download, so it is usually there by the click.

const kit = lazyKit("Dialog or Sheet", () => import("./dialog-kit"), "DialogRoot");

const Dialog = kit.Root;

type TriggerProps = React.ComponentProps<"button"> & { asChild?: boolean };

/** Before the kit is there, a plain button (or its child) that opens the dialog. */
function DialogTrigger({ asChild, onClick, onPointerEnter, onFocus, ...props }: TriggerProps) {
  const root = kit.useRoot("DialogTrigger");
  if (root.kit) {
    const Trigger = root.kit.DialogTrigger;
    return <Trigger asChild={asChild} onClick={onClick} onPointerEnter={onPointerEnter} onFocus={onFocus} {...props} />;
  }
  const Comp = asChild ? Slot.Root : "button";
  return (
    <Comp
      type={asChild ? undefined : "button"}
      aria-haspopup="dialog"
      aria-expanded={root.open}
      data-state={root.open ? "open" : "closed"}
      {...props}
      onPointerEnter={(e: React.PointerEvent<HTMLButtonElement>) => {
        onPointerEnter?.(e);
        void kit.load();
      }}
      onFocus={(e: React.FocusEvent<HTMLButtonElement>) => {
        onFocus?.(e);
        void kit.load();
      }}
      onClick={(e: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(e);
        if (!e.defaultPrevented) root.setOpen(true);
      }}
    />
  );
}

const DialogClose = kit.part("DialogClose");
const DialogContent = kit.part("DialogContent");
const DialogTitle = kit.part("DialogTitle");
const DialogDescription = kit.part("DialogDescription");

function DialogHeader({ className, ...props }: React.ComponentProps<"div">) {
  return <div className={cn("grid gap-1.5 pr-6", className)} {...props} />;
}

function DialogFooter({ className, ...props }: React.ComponentProps<"div">) {
  return <div className={cn("flex flex-col-reverse gap-2 sm:flex-row sm:justify-end", className)} {...props} />;
}

/** Parts of the same kit for ./sheet. */
const dialogPart = kit.part;

export { Dialog, DialogTrigger, DialogClose, DialogContent, DialogHeader, DialogFooter, DialogTitle, DialogDescription, dialogPart };
