// The one table of the product: features supply columns; loading, empty and error states are built in.
"use client";

import { useCallback, useRef } from "react";

import type { ReactNode } from "react";

import { cn } from "@/lib/utils";

import { Button } from "./button";
import { Checkbox } from "./checkbox";
import { Skeleton } from "./skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "./table";
import {
  type ColumnDef,
  type OnChangeFn,
  type PaginationState,
  type Row,
  type RowSelectionState,
  type SortingState,
  useTableModel,
} from "./table-model";

export interface DataTableProps<TData> {
  columns: ColumnDef<TData>[];
  data: TData[];
  /** A stable id per row (selection state is keyed by it, so it must survive refetches). */
  getRowId: (row: TData, index: number) => string;
  /** Describes the table to screen readers; visually hidden. */
  caption?: ReactNode;
  className?: string;
  /** On the `<table>`: a minimum width, say. */
  tableClassName?: string;
  /**
   * Lays the table out fixed: the columns take their widths from `meta.headClassName`, so long values
   * cannot widen it, and a cell out of view is neither laid out nor painted until it is scrolled to.
   */
  fixedLayout?: boolean;

  sorting?: SortingState;
  onSortingChange?: OnChangeFn<SortingState>;
  /** The server sorts: the table only reports the wanted order through onSortingChange. */
  manualSorting?: boolean;

  rowSelection?: RowSelectionState;
  onRowSelectionChange?: OnChangeFn<RowSelectionState>;
  enableRowSelection?: boolean | ((row: Row<TData>) => boolean);

  /** Client-side paging when set without manualPagination; server-side paging with it. */
  pagination?: PaginationState;
  /** The server pages: `data` is already the current page. */
  manualPagination?: boolean;

  /** First load only (keep showing rows during a background refetch). */
  isLoading?: boolean;
  skeletonRows?: number;
  /** Announced to screen readers while loading, e.g. t("common.loading"). */
  loadingLabel?: string;
  /** A translated message; shown in place of the rows with role="alert". */
  error?: ReactNode;
  onRetry?: () => void;
  retryLabel?: string;
  /** The designed empty state (icon, text, maybe a "create" button). */
  empty?: ReactNode;
  /** The row just added or changed: marked, and scrolled into view when it appears. */
  highlightedRowId?: string | null;
}

const SKELETON_WIDTHS = ["w-3/4", "w-1/2", "w-2/3", "w-5/6"] as const;

/**
 * A fixed table's cell content skips layout and paint while out of view (most of a page of 50 rows on
 * load: the browser's first frame of the rules page takes about half as long). Only in fixed tables:
 * elsewhere a column is as wide as its widest cell, which a skipped cell cannot tell. The wrapper, not
 * the cell, carries it, as a table cell cannot keep an estimated height (2.25rem, a two-line cell)
 * until it is drawn and its own height is remembered. Its painting is clipped to its box, which
 * reaches into the cell's padding far enough to hold a control's focus ring.
 */
const DEFERRED_CELL = "-m-1 p-1 [contain-intrinsic-size:auto_2.25rem] [content-visibility:auto]";

export function DataTable<TData>({
  columns,
  data,
  getRowId,
  caption,
  className,
  tableClassName,
  fixedLayout = false,
  sorting,
  onSortingChange,
  manualSorting = false,
  rowSelection,
  onRowSelectionChange,
  enableRowSelection = true,
  pagination,
  manualPagination = false,
  isLoading = false,
  skeletonRows = 5,
  loadingLabel,
  error,
  onRetry,
  retryLabel = "Retry",
  empty = "No results.",
  highlightedRowId = null,
}: DataTableProps<TData>) {
  // The highlighted row is scrolled into view once, when it first appears.
  const scrolledTo = useRef<string | null>(null);
  const scrollToHighlighted = useCallback(
    (element: HTMLTableRowElement | null) => {
      if (!element || !highlightedRowId || scrolledTo.current === highlightedRowId) return;
      scrolledTo.current = highlightedRowId;
      element.scrollIntoView({ block: "nearest" });
    },
    [highlightedRowId],
  );
  const {
    columns: leafColumns,
    rows,
    table,
  } = useTableModel({
    data,
    columns,
    getRowId,
    sorting,
    onSortingChange,
    manualSorting,
    rowSelection,
    onRowSelectionChange,
    enableRowSelection,
    pagination,
    manualPagination,
  });

  let body: ReactNode;
  if (isLoading) {
    // Same columns and cell classes as real rows, so nothing jumps when the data arrives.
    body = Array.from({ length: skeletonRows }, (_, rowIndex) => (
      <TableRow key={`skeleton-${rowIndex}`} aria-hidden className="hover:bg-transparent">
        {leafColumns.map((column, columnIndex) => (
          <TableCell key={column.id} className={column.columnDef.meta?.cellClassName}>
            {column.id === SELECT_COLUMN_ID ? (
              <Skeleton className="size-4 rounded-[4px]" />
            ) : (
              <Skeleton
                className={cn("h-4", SKELETON_WIDTHS[(rowIndex + columnIndex) % SKELETON_WIDTHS.length])}
              />
            )}
          </TableCell>
        ))}
      </TableRow>
    ));
  } else if (error) {
    body = (
      <TableRow className="hover:bg-transparent">
        <TableCell colSpan={leafColumns.length} className="py-10 text-center">
          <div className="flex flex-col items-center gap-3">
            <div role="alert" className="text-sm text-destructive">
              {error}
            </div>
            {onRetry ? (
              <Button variant="outline" size="sm" onClick={onRetry}>
                {retryLabel}
              </Button>
            ) : null}
          </div>
        </TableCell>
      </TableRow>
    );
  } else if (rows.length === 0) {
    body = (
      <TableRow className="hover:bg-transparent">
        <TableCell colSpan={leafColumns.length} className="py-12 text-center text-sm text-muted-foreground">
          {empty}
        </TableCell>
      </TableRow>
    );
  } else {
    body = rows.map((row) => (
      <TableRow
        key={row.id}
        data-state={row.getIsSelected() ? "selected" : undefined}
        data-highlighted={row.id === highlightedRowId || undefined}
        ref={row.id === highlightedRowId ? scrollToHighlighted : undefined}
        className="data-[highlighted]:bg-primary/10 data-[highlighted]:outline data-[highlighted]:outline-primary/40"
      >
        {leafColumns.map((column) => {
          const Cell = column.columnDef.cell;
          return (
            <TableCell key={column.id} className={column.columnDef.meta?.cellClassName}>
              {fixedLayout ? (
                <div className={DEFERRED_CELL}>
                  <Cell row={row} column={column} table={table} />
                </div>
              ) : (
                <Cell row={row} column={column} table={table} />
              )}
            </TableCell>
          );
        })}
      </TableRow>
    ));
  }

  return (
    <div data-slot="data-table" className={className}>
      {isLoading && loadingLabel ? (
        <span role="status" className="sr-only">
          {loadingLabel}
        </span>
      ) : null}
      <Table aria-busy={isLoading || undefined} className={cn(fixedLayout && "table-fixed", tableClassName)}>
        {caption ? <TableCaption className="sr-only">{caption}</TableCaption> : null}
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            {leafColumns.map((column) => {
              const sorted = column.getIsSorted();
              const Header = column.columnDef.header;
              return (
                <TableHead
                  key={column.id}
                  aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                  className={column.columnDef.meta?.headClassName}
                >
                  {typeof Header === "function" ? <Header column={column} table={table} /> : Header}
                </TableHead>
              );
            })}
          </TableRow>
        </TableHeader>
        <TableBody>{body}</TableBody>
      </Table>
    </div>
  );
}

const SELECT_COLUMN_ID = "select";

/**
 * A first column of checkboxes for selecting rows (on the current page). `selectRow` may be a
 * function so each checkbox gets a distinct name, e.g. (rule) => t("selectRule", { prefix: rule.prefix }).
 */
export function selectionColumn<TData>(labels: {
  selectAll: string;
  selectRow: string | ((row: TData) => string);
}): ColumnDef<TData> {
  return {
    id: SELECT_COLUMN_ID,
    enableSorting: false,
    meta: { headClassName: "w-10", cellClassName: "w-10" },
    header: ({ table }) => (
      <Checkbox
        aria-label={labels.selectAll}
        checked={
          table.getIsAllPageRowsSelected()
            ? true
            : table.getIsSomePageRowsSelected()
              ? "indeterminate"
              : false
        }
        disabled={table.getRowModel().rows.length === 0}
        onCheckedChange={(value) => table.toggleAllPageRowsSelected(value === true)}
      />
    ),
    cell: ({ row }) => (
      <Checkbox
        aria-label={
          typeof labels.selectRow === "function" ? labels.selectRow(row.original) : labels.selectRow
        }
        checked={row.getIsSelected()}
        disabled={!row.getCanSelect()}
        onCheckedChange={(value) => row.toggleSelected(value === true)}
      />
    ),
  };
}
