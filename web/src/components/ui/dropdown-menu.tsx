"use client";

import * as React from "react";
import { Slot } from "radix-ui";

// Menus render their trigger right away and load Radix's dropdown menu
// (./dropdown-menu-kit, one chunk) when the first one opens, as the
// dialogs do (./dialog): the trigger's hover or focus starts the download,
// a press or Enter/Space/ArrowDown opens the menu once it is there.

type Kit = typeof import("./dropdown-menu-kit");

let kitLoaded: Kit | null = null;
let kitLoading: Promise<Kit> | null = null;

function loadMenuKit(): Promise<Kit> {
  kitLoading ??= import("./dropdown-menu-kit").then((m) => (kitLoaded = m));
  return kitLoading;
}

type Root = { kit: Kit | null; open: boolean; setOpen: (open: boolean) => void };
const RootContext = React.createContext<Root | null>(null);

function useRoot(part: string): Root {
  const root = React.useContext(RootContext);
  if (!root) throw new Error(`${part} outside its DropdownMenu`);
  return root;
}

type RootProps = { open?: boolean; defaultOpen?: boolean; onOpenChange?: (open: boolean) => void; modal?: boolean; children?: React.ReactNode };

function DropdownMenu({ open: controlled, defaultOpen = false, onOpenChange, modal, children }: RootProps) {
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
    void loadMenuKit().then((k) => live && setKit(k));
    return () => {
      live = false;
    };
  }, [open, kit]);
  const root = React.useMemo(() => ({ kit, open, setOpen }), [kit, open, setOpen]);
  return (
    <RootContext.Provider value={root}>
      {kit ? (
        <kit.DropdownMenuRoot open={open} onOpenChange={setOpen} modal={modal}>
          {children}
        </kit.DropdownMenuRoot>
      ) : (
        children
      )}
    </RootContext.Provider>
  );
}

type TriggerProps = React.ComponentProps<"button"> & { asChild?: boolean };

/** Before the kit is there, a plain button (or its child) that opens the menu as Radix's trigger does. */
function DropdownMenuTrigger({ asChild, onPointerDown, onKeyDown, onPointerEnter, onFocus, ...props }: TriggerProps) {
  const root = useRoot("DropdownMenuTrigger");
  if (root.kit) {
    const Trigger = root.kit.DropdownMenuTrigger;
    return <Trigger asChild={asChild} onPointerDown={onPointerDown} onKeyDown={onKeyDown} onPointerEnter={onPointerEnter} onFocus={onFocus} {...props} />;
  }
  const Comp = asChild ? Slot.Root : "button";
  return (
    <Comp
      type={asChild ? undefined : "button"}
      aria-haspopup="menu"
      aria-expanded={root.open}
      data-state={root.open ? "open" : "closed"}
      {...props}
      onPointerEnter={(e: React.PointerEvent<HTMLButtonElement>) => {
        onPointerEnter?.(e);
        void loadMenuKit();
      }}
      onFocus={(e: React.FocusEvent<HTMLButtonElement>) => {
        onFocus?.(e);
        void loadMenuKit();
      }}
      onPointerDown={(e: React.PointerEvent<HTMLButtonElement>) => {
        onPointerDown?.(e);
        if (e.defaultPrevented || props.disabled || e.button !== 0 || e.ctrlKey) return;
        root.setOpen(true);
        e.preventDefault(); // as Radix: the focus goes to the menu, not the trigger
      }}
      onKeyDown={(e: React.KeyboardEvent<HTMLButtonElement>) => {
        onKeyDown?.(e);
        if (e.defaultPrevented || props.disabled) return;
        if (e.key === "Enter" || e.key === " " || e.key === "ArrowDown") {
          root.setOpen(true);
          e.preventDefault();
        }
      }}
    />
  );
}

type KitPart =
  | "DropdownMenuContent"
  | "DropdownMenuGroup"
  | "DropdownMenuItem"
  | "DropdownMenuRadioGroup"
  | "DropdownMenuRadioItem"
  | "DropdownMenuLabel"
  | "DropdownMenuSeparator"
  | "DropdownMenuSub"
  | "DropdownMenuSubTrigger"
  | "DropdownMenuSubContent";

/** A part that only exists inside an open menu: rendered by the kit once it is there. */
function part<K extends KitPart, P extends object = React.ComponentProps<Kit[K]>>(name: K) {
  function Part(props: P) {
    const root = useRoot(name);
    if (!root.kit) return null;
    const C = root.kit[name] as unknown as React.ComponentType<P>;
    return <C {...props} />;
  }
  Part.displayName = name;
  return Part;
}

const DropdownMenuContent = part("DropdownMenuContent");
const DropdownMenuGroup = part("DropdownMenuGroup");
const DropdownMenuItem = part("DropdownMenuItem");
const DropdownMenuRadioGroup = part("DropdownMenuRadioGroup");
const DropdownMenuRadioItem = part("DropdownMenuRadioItem");
const DropdownMenuLabel = part("DropdownMenuLabel");
const DropdownMenuSeparator = part("DropdownMenuSeparator");
const DropdownMenuSub = part("DropdownMenuSub");
const DropdownMenuSubTrigger = part("DropdownMenuSubTrigger");
const DropdownMenuSubContent = part("DropdownMenuSubContent");

export {
  DropdownMenu,
  DropdownMenuTrigger,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuSub,
  DropdownMenuSubTrigger,
  DropdownMenuSubContent,
};
