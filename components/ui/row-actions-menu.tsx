"use client";

import type { ReactNode } from "react";

import { DropdownMenu, DropdownMenuContent, DropdownMenuTrigger } from "./dropdown-menu";
import { RowActionsTrigger } from "./row-actions-trigger";

/**
 * The "…" menu at the end of a table row; its items (DropdownMenuItem) are the children. Usually mounted
 * through DeferredRowActions, on the first click, with `defaultOpen`.
 */
export function RowActionsMenu({
  label,
  testId,
  defaultOpen,
  children,
}: {
  label: string;
  testId?: string;
  defaultOpen?: boolean;
  children: ReactNode;
}) {
  return (
    <DropdownMenu modal={false} defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>
        <RowActionsTrigger label={label} testId={testId} />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">{children}</DropdownMenuContent>
    </DropdownMenu>
  );
}
