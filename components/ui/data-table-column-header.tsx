"use client";

import type { Column } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";

import { Button } from "./button";

/** A header that sorts its column; the table puts aria-sort on the header cell. */
export function DataTableColumnHeader<TData>({ column, title }: { column: Column<TData, unknown>; title: string }) {
  if (!column.getCanSort()) return <span>{title}</span>;
  const sorted = column.getIsSorted();
  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ArrowUpDown;
  return (
    <Button variant="ghost" size="sm" className="-ml-3 h-8" onClick={() => column.toggleSorting(sorted === "asc")}>
      {title}
      <Icon aria-hidden className="size-3.5" />
    </Button>
  );
}
