"use client";

import { useTranslations } from "next-intl";

import { cn } from "@/lib/utils";

/** A value as indented JSON; a string holding JSON is parsed first, any other string is shown as it is. */
export function prettyJson(value: unknown): string {
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        return JSON.stringify(JSON.parse(trimmed), null, 2);
      } catch {
        return value;
      }
    }
    return value;
  }
  return JSON.stringify(value, null, 2) ?? String(value);
}

export function JsonBlock({ value, className }: { value: unknown; className?: string }) {
  const t = useTranslations("activity.detail");
  if (value === null || value === undefined || value === "") {
    return <p className={cn("text-sm text-muted-foreground", className)}>{t("nothing")}</p>;
  }
  return (
    // Focusable, so a long body can be scrolled from the keyboard.
    <pre
      tabIndex={0}
      className={cn(
        "max-h-80 overflow-auto rounded-md border bg-muted/40 p-3 font-mono text-xs leading-5 whitespace-pre-wrap [overflow-wrap:anywhere]",
        className,
      )}
    >
      {prettyJson(value)}
    </pre>
  );
}
