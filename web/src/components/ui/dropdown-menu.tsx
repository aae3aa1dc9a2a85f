"use client";

import * as React from "react";
import { Slot } from "radix-ui";
import { lazyKit } from "./lazy-kit";

// Menus render their trigger right away and load Radix's dropdown menu
// (./dropdown-menu-kit, one chunk) when the first one opens, as the
// dialogs do (./lazy-kit): the trigger's hover or focus starts the
// download, a press or Enter/Space/ArrowDown opens the menu once it is there.

const kit = lazyKit("DropdownMenu", () => import("./dropdown-menu-kit"), "DropdownMenuRoot");

const DropdownMenu = kit.Root;

type TriggerProps = React.ComponentProps<"button"> & { asChild?: boolean };

/** Before the kit is there, a plain button (or its child) that opens the menu as Radix's trigger does. */
function DropdownMenuTrigger({ asChild, onPointerDown, onKeyDown, onPointerEnter, onFocus, ...props }: TriggerProps) {
  const root = kit.useRoot("DropdownMenuTrigger");
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
        void kit.load();
      }}
      onFocus={(e: React.FocusEvent<HTMLButtonElement>) => {
        onFocus?.(e);
        void kit.load();
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

const DropdownMenuContent = kit.part("DropdownMenuContent");
const DropdownMenuGroup = kit.part("DropdownMenuGroup");
const DropdownMenuItem = kit.part("DropdownMenuItem");
const DropdownMenuRadioGroup = kit.part("DropdownMenuRadioGroup");
const DropdownMenuRadioItem = kit.part("DropdownMenuRadioItem");
const DropdownMenuLabel = kit.part("DropdownMenuLabel");
const DropdownMenuSeparator = kit.part("DropdownMenuSeparator");
const DropdownMenuSub = kit.part("DropdownMenuSub");
const DropdownMenuSubTrigger = kit.part("DropdownMenuSubTrigger");
const DropdownMenuSubContent = kit.part("DropdownMenuSubContent");

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
