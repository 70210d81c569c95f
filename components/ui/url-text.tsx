import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

/** Characters kept whole at the end: the last segment and query, where two links of a rule differ. */
const TAIL = 18;

/**
 * A URL on one line, in monospace, cut in the middle when its column is too narrow: its scheme and host
 * stay at the start and its end stays whole, so two links that differ only at the end still look
 * different. The whole value is its text (for copy, search and screen readers) and its tooltip.
 */
export function UrlText({
  value,
  className,
  ...props
}: { value: string; className?: string } & Omit<ComponentProps<"span">, "children" | "title">) {
  const cut = value.length > TAIL + 4 ? value.length - TAIL : value.length;
  // The start gives way first (down to its first few characters); only in a very narrow column does
  // the end give way too.
  return (
    <span {...props} className={cn("flex min-w-0 font-mono text-xs", className)} title={value}>
      <span className="min-w-[5ch] shrink-[1000] truncate">{value.slice(0, cut)}</span>
      {cut < value.length ? (
        <span className="min-w-0 truncate whitespace-pre">{value.slice(cut)}</span>
      ) : null}
    </span>
  );
}
