"use client";

import type { PaginationState } from "@tanstack/react-table";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { useId } from "react";

import { cn } from "@/lib/utils";

import { Button } from "./button";
import { Label } from "./label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "./select";

export interface DataTablePaginationLabels {
  /** Name of the <nav> landmark, e.g. "Pagination". */
  navigation: string;
  /** e.g. (page, count) => t("pageOf", { page, count }); page is 1-based. */
  pageOf: (page: number, pageCount: number) => string;
  previous: string;
  next: string;
  /** Label of the page-size select, e.g. "Rows per page". */
  pageSize: string;
}

/**
 * Previous/next and page size for a DataTable. Works on TanStack's PaginationState (0-based
 * pageIndex), so the same state (and setter) can be given to DataTable.
 */
export function DataTablePagination({
  pagination,
  pageCount,
  onPaginationChange,
  pageSizeOptions = [20, 50, 100],
  labels,
  disabled = false,
  className,
}: {
  pagination: PaginationState;
  /** Total pages; 0 (no rows) shows as 1. */
  pageCount: number;
  onPaginationChange: (next: PaginationState) => void;
  /** Pass [] to hide the page-size select. */
  pageSizeOptions?: number[];
  labels: DataTablePaginationLabels;
  disabled?: boolean;
  className?: string;
}) {
  const sizeId = useId();
  const { pageIndex, pageSize } = pagination;
  const pages = Math.max(1, pageCount);
  // The current size is always offered, even when the caller's options don't list it.
  const sizes =
    pageSizeOptions.length === 0 || pageSizeOptions.includes(pageSize)
      ? pageSizeOptions
      : [...pageSizeOptions, pageSize].sort((a, b) => a - b);

  return (
    <nav
      aria-label={labels.navigation}
      data-slot="data-table-pagination"
      className={cn("flex flex-wrap items-center justify-end gap-x-4 gap-y-2 text-sm", className)}
    >
      {sizes.length > 0 ? (
        <div className="flex items-center gap-2">
          <Label htmlFor={sizeId} className="font-normal text-muted-foreground">
            {labels.pageSize}
          </Label>
          <Select
            value={String(pageSize)}
            disabled={disabled}
            // A new page size starts again from the first page.
            onValueChange={(value) => onPaginationChange({ pageIndex: 0, pageSize: Number(value) })}
          >
            <SelectTrigger id={sizeId} size="sm" className="w-20">
              {/* Explicit text: the items are only mounted once the list opens (and not during SSR). */}
              <SelectValue>{pageSize}</SelectValue>
            </SelectTrigger>
            <SelectContent>
              {sizes.map((size) => (
                <SelectItem key={size} value={String(size)}>
                  {size}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
      ) : null}
      <span aria-live="polite" className="tabular-nums">
        {labels.pageOf(Math.min(pageIndex + 1, pages), pages)}
      </span>
      <div className="flex items-center gap-2">
        <Button
          variant="outline"
          size="icon"
          className="size-8"
          disabled={disabled || pageIndex <= 0}
          onClick={() => onPaginationChange({ pageIndex: pageIndex - 1, pageSize })}
          aria-label={labels.previous}
        >
          <ChevronLeft aria-hidden />
        </Button>
        <Button
          variant="outline"
          size="icon"
          className="size-8"
          disabled={disabled || pageIndex + 1 >= pages}
          onClick={() => onPaginationChange({ pageIndex: pageIndex + 1, pageSize })}
          aria-label={labels.next}
        >
          <ChevronRight aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
