"use client";

import * as React from "react";
import { Slot } from "radix-ui";
import { cn } from "@/lib/utils";

// Dialogs render their trigger right away and load Radix's dialog
// (./dialog-kit, one shared chunk) when the first one opens: a page with
// a few dialogs no longer ships a copy of it in each island, and never
// downloads it when none is opened (issue 10). The trigger's hover or focus
// starts the download, so it is usually there by the click.

type Kit = typeof import("./dialog-kit");

let kitLoaded: Kit | null = null;
let kitLoading: Promise<Kit> | null = null;

export function loadDialogKit(): Promise<Kit> {
  kitLoading ??= import("./dialog-kit").then((m) => (kitLoaded = m));
  return kitLoading;
}

type Root = { kit: Kit | null; open: boolean; setOpen: (open: boolean) => void };
const RootContext = React.createContext<Root | null>(null);

export function useDialogRoot(part: string): Root {
  const root = React.useContext(RootContext);
  if (!root) throw new Error(`${part} outside its Dialog or Sheet`);
  return root;
}

type RootProps = { open?: boolean; defaultOpen?: boolean; onOpenChange?: (open: boolean) => void; modal?: boolean; children?: React.ReactNode };

/** Radix's Dialog.Root, controlled or not, whose Radix part loads on first open. */
function Dialog({ open: controlled, defaultOpen = false, onOpenChange, modal, children }: RootProps) {
  const [kit, setKit] = React.useState<Kit | null>(kitLoaded);
  const [uncontrolled, setUncontrolled] = React.useState(defaultOpen);
  const open = controlled ?? uncontrolled;
  const setOpen = React.useCallback(
    (next: boolean) => {
      if (controlled === undefined) setUncontrolled(next);
      onOpenChange?.(next);
    },
    [controlled, onOpenChange],
  );
  React.useEffect(() => {
    if (!open || kit) return;
    let live = true;
    void loadDialogKit().then((k) => live && setKit(k));
    return () => {
      live = false;
    };
  }, [open, kit]);
  const root = React.useMemo(() => ({ kit, open, setOpen }), [kit, open, setOpen]);
  return (
    <RootContext.Provider value={root}>
      {kit ? (
        <kit.DialogRoot open={open} onOpenChange={setOpen} modal={modal}>
          {children}
        </kit.DialogRoot>
      ) : (
        children
      )}
    </RootContext.Provider>
  );
}

type TriggerProps = React.ComponentProps<"button"> & { asChild?: boolean };

/** Before the kit is there, a plain button (or its child) that opens the dialog and warms the kit on hover or focus. */
function DialogTrigger({ asChild, onClick, onPointerEnter, onFocus, ...props }: TriggerProps) {
  const root = useDialogRoot("DialogTrigger");
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
        void loadDialogKit();
      }}
      onFocus={(e: React.FocusEvent<HTMLButtonElement>) => {
        onFocus?.(e);
        void loadDialogKit();
      }}
      onClick={(e: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(e);
        if (!e.defaultPrevented) root.setOpen(true);
      }}
    />
  );
}

/** Closes its dialog (inside the content, where the kit is always there). */
function DialogClose(props: TriggerProps) {
  const root = useDialogRoot("DialogClose");
  if (!root.kit) return null;
  const Close = root.kit.DialogClose;
  return <Close {...props} />;
}

type KitPart = "DialogContent" | "DialogTitle" | "DialogDescription" | "SheetContent" | "SheetTitle" | "SheetDescription";

/** A part that only exists inside an open dialog: rendered by the kit once it is there. */
function part<K extends KitPart>(name: K) {
  function Part(props: React.ComponentProps<Kit[K]>) {
    const root = useDialogRoot(name);
    if (!root.kit) return null;
    const C = root.kit[name] as React.ComponentType<React.ComponentProps<Kit[K]>>;
    return <C {...props} />;
  }
  Part.displayName = name;
  return Part;
}

const DialogContent = part("DialogContent");
const DialogTitle = part("DialogTitle");
const DialogDescription = part("DialogDescription");

function DialogHeader({ className, ...props }: React.ComponentProps<"div">) {
  return <div className={cn("grid gap-1.5 pr-6", className)} {...props} />;
}

function DialogFooter({ className, ...props }: React.ComponentProps<"div">) {
  return <div className={cn("flex flex-col-reverse gap-2 sm:flex-row sm:justify-end", className)} {...props} />;
}

export { Dialog, DialogTrigger, DialogClose, DialogContent, DialogHeader, DialogFooter, DialogTitle, DialogDescription, part as dialogPart };
