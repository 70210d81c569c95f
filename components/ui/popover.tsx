"use client";

import { Popover as PopoverPrimitive } from "radix-ui";
import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

export const Popover = PopoverPrimitive.Root;
export const PopoverTrigger = PopoverPrimitive.Trigger;

/**
 * A panel beside its trigger for content one may read or act on (a tooltip is only a hint): opened by click,
 * Enter or Space, closed by Escape or a click elsewhere, focus returned to the trigger. Rendered in a portal,
 * so a dialog's scrolling or a table's overflow never clips it.
 */
export function PopoverContent({
  className,
  sideOffset = 4,
  align = "start",
  collisionPadding = 8,
  ...props
}: ComponentProps<typeof PopoverPrimitive.Content>) {
  return (
    <PopoverPrimitive.Portal>
      <PopoverPrimitive.Content
        data-slot="popover-content"
        sideOffset={sideOffset}
        align={align}
        collisionPadding={collisionPadding}
        className={cn(
          "z-50 w-80 max-w-(--radix-popover-content-available-width) rounded-md border bg-popover p-4 text-sm text-popover-foreground shadow-md outline-none",
          className,
        )}
        {...props}
      />
    </PopoverPrimitive.Portal>
  );
}
