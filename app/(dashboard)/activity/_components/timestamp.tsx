"use client";

import { useFormatter, useNow } from "next-intl";

import { cn } from "@/lib/utils";

/** An absolute time in the operator's language, with how long ago it was on a second line. */
export function Timestamp({
  iso,
  className,
  inline = false,
}: {
  iso: string;
  className?: string;
  inline?: boolean;
}) {
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span className={className}>{iso}</span>;
  const absolute = format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" });
  const relative = format.relativeTime(date, now);
  return (
    <time dateTime={iso} title={date.toISOString()} className={cn(inline ? "inline" : "block", className)}>
      <span className="whitespace-nowrap">{absolute}</span>
      {inline ? " · " : null}
      {/* Drawn on the server a moment before the browser hydrates it: "20 seconds ago" there may be
          "21 seconds ago" here, and the next tick of `now` brings it up to date. */}
      <span
        className={cn("whitespace-nowrap text-xs text-muted-foreground", inline ? "inline" : "block")}
        suppressHydrationWarning
      >
        {relative}
      </span>
    </time>
  );
}
