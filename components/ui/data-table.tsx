"use client";

/**
 * The one table of the product, over TanStack Table: each feature supplies
 * its columns and row actions; loading, empty and error states are built in.
 */
import {
  type ColumnDef,
  type OnChangeFn,
  type RowSelectionState,
  type SortingState,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
} from "@tanstack/react-table";
import type { ReactNode } from "react";

import { cn } from "@/lib/utils";

import { Button } from "./button";
import { Checkbox } from "./checkbox";
import { Skeleton } from "./skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "./table";

export interface DataTableProps<TData> {
  columns: ColumnDef<TData, unknown>[];
  data: TData[];
  getRowId: (row: TData) => string;
  caption?: string;
  sorting?: SortingState;
  onSortingChange?: OnChangeFn<SortingState>;
  /** Sorting done by the server (the table only reports the wanted order). */
  manualSorting?: boolean;
  rowSelection?: RowSelectionState;
  onRowSelectionChange?: OnChangeFn<RowSelectionState>;
  isLoading?: boolean;
  skeletonRows?: number;
  error?: ReactNode;
  onRetry?: () => void;
  retryLabel?: string;
  empty?: ReactNode;
}

export function DataTable<TData>({
  columns,
  data,
  getRowId,
  caption,
  sorting,
  onSortingChange,
  manualSorting = false,
  rowSelection,
  onRowSelectionChange,
  isLoading = false,
  skeletonRows = 5,
  error,
  onRetry,
  retryLabel = "Retry",
  empty,
}: DataTableProps<TData>) {
  // TanStack Table returns functions that cannot be memoised; the React Compiler is told so.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    getRowId,
    state: { ...(sorting ? { sorting } : {}), ...(rowSelection ? { rowSelection } : {}) },
    onSortingChange,
    onRowSelectionChange,
    enableRowSelection: Boolean(onRowSelectionChange),
    manualSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: manualSorting ? undefined : getSortedRowModel(),
  });
  const columnCount = table.getVisibleLeafColumns().length;

  let body: ReactNode;
  if (isLoading) {
    body = Array.from({ length: skeletonRows }, (_, index) => (
      <TableRow key={`skeleton-${index}`} aria-hidden>
        {table.getVisibleLeafColumns().map((column) => (
          <TableCell key={column.id}>
            <Skeleton className="h-4 w-full max-w-48" />
          </TableCell>
        ))}
      </TableRow>
    ));
  } else if (error) {
    body = (
      <TableRow>
        <TableCell colSpan={columnCount} className="py-10 text-center">
          <div role="alert" className="space-y-3 text-sm text-destructive">
            <div>{error}</div>
            {onRetry ? (
              <Button variant="outline" size="sm" onClick={onRetry}>
                {retryLabel}
              </Button>
            ) : null}
          </div>
        </TableCell>
      </TableRow>
    );
  } else if (table.getRowModel().rows.length === 0) {
    body = (
      <TableRow>
        <TableCell colSpan={columnCount} className="py-12 text-center text-sm text-muted-foreground">
          {empty}
        </TableCell>
      </TableRow>
    );
  } else {
    body = table.getRowModel().rows.map((row) => (
      <TableRow key={row.id} data-state={row.getIsSelected() ? "selected" : undefined}>
        {row.getVisibleCells().map((cell) => (
          <TableCell key={cell.id} className={cn(cell.column.columnDef.meta?.cellClassName)}>
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </TableCell>
        ))}
      </TableRow>
    ));
  }

  return (
    <Table aria-busy={isLoading || undefined}>
      {caption ? <TableCaption className="sr-only">{caption}</TableCaption> : null}
      <TableHeader>
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id}>
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              return (
                <TableHead
                  key={header.id}
                  aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                  className={cn(header.column.columnDef.meta?.headClassName)}
                >
                  {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                </TableHead>
              );
            })}
          </TableRow>
        ))}
      </TableHeader>
      <TableBody>{body}</TableBody>
    </Table>
  );
}

/** A first column of checkboxes for selecting rows, with accessible names. */
export function selectionColumn<TData>(labels: {
  selectAll: string;
  selectRow: (row: TData) => string;
}): ColumnDef<TData, unknown> {
  return {
    id: "select",
    enableSorting: false,
    meta: { headClassName: "w-10", cellClassName: "w-10" },
    header: ({ table }) => (
      <Checkbox
        aria-label={labels.selectAll}
        checked={table.getIsAllRowsSelected() ? true : table.getIsSomeRowsSelected() ? "indeterminate" : false}
        onCheckedChange={(value) => table.toggleAllRowsSelected(value === true)}
      />
    ),
    cell: ({ row }) => (
      <Checkbox
        aria-label={labels.selectRow(row.original)}
        checked={row.getIsSelected()}
        disabled={!row.getCanSelect()}
        onCheckedChange={(value) => row.toggleSelected(value === true)}
      />
    ),
  };
}
