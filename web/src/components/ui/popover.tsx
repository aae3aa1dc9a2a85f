"use client";

import * as React from "react";
import { Popover as PP } from "radix-ui";
import { cn } from "@/lib/utils";

const Popover = PP.Root;
const PopoverTrigger = PP.Trigger;
const PopoverAnchor = PP.Anchor;

function PopoverContent({ className, align = "end", sideOffset = 8, ...props }: React.ComponentProps<typeof PP.Content>) {
  return (
    <PP.Portal>
      <PP.Content
        align={align}
        sideOffset={sideOffset}
        collisionPadding={8}
        className={cn(
          "z-50 rounded-xl border bg-popover text-foreground shadow-lg outline-none data-[state=open]:animate-in data-[state=open]:fade-in-0 data-[state=open]:zoom-in-95 data-[state=closed]:animate-out data-[state=closed]:fade-out-0 data-[state=closed]:zoom-out-95",
          className,
        )}
        {...props}
      />
    </PP.Portal>
  );
}

export { Popover, PopoverAnchor, PopoverContent, PopoverTrigger };
