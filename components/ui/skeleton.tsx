import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

/** A placeholder block; hidden from assistive tech (announce loading with aria-busy or a status). */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden
      className={cn("animate-pulse rounded-md bg-muted", className)}
      {...props}
    />
  );
}
