"use client";

import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { ReactNode } from "react";

import { cn } from "@/lib/utils";

import { Button } from "./button";
import type { Column } from "./table-model";

/**
 * A column header that toggles the column's sort (ascending first, then descending). The sort
 * state is announced through aria-sort, which DataTable puts on the surrounding <th>.
 */
export function DataTableColumnHeader<TData>({
  column,
  title,
  className,
}: {
  column: Column<TData>;
  title: ReactNode;
  className?: string;
}) {
  if (!column.getCanSort()) return <span className={className}>{title}</span>;
  const sorted = column.getIsSorted();
  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ArrowUpDown;
  return (
    <Button
      variant="ghost"
      size="sm"
      className={cn("-ml-3 h-8 data-[sorted]:text-foreground", className)}
      data-sorted={sorted || undefined}
      onClick={() => column.toggleSorting(sorted === "asc")}
    >
      {title}
      <Icon aria-hidden className={cn("size-3.5", !sorted && "opacity-50")} />
    </Button>
  );
}
