"use client";

import type { ComponentProps, ReactNode } from "react";

import { Button } from "./button";
import { Deferred } from "./deferred";

/** The "…" button at the end of a table row: the menu's trigger, and its stand-in until first opened. */
export function RowActionsTrigger({
  label,
  testId,
  ...props
}: { label: string; testId?: string } & ComponentProps<"button">) {
  return (
    <Button
      variant="ghost"
      size="icon"
      className="size-8"
      aria-label={label}
      aria-haspopup="menu"
      data-testid={testId}
      {...props}
    >
      <span aria-hidden className="icon-[lucide--ellipsis] size-4" />
    </Button>
  );
}

/**
 * A row's actions menu whose code loads on first use: `children` is a lazy component rendering
 * `<RowActionsMenu defaultOpen>` with the row's items, and `preload` its dynamic import.
 */
export function DeferredRowActions({
  label,
  testId,
  preload,
  children,
}: {
  label: string;
  testId?: string;
  preload: () => Promise<unknown>;
  children: ReactNode;
}) {
  return (
    <Deferred
      preload={preload}
      trigger={(props) => <RowActionsTrigger label={label} testId={testId} {...props} />}
    >
      {children}
    </Deferred>
  );
}
