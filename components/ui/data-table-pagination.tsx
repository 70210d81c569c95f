"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";

import { Button } from "./button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "./select";

export interface PaginationLabels {
  /** e.g. "Page 2 of 7" */
  page: string;
  previous: string;
  next: string;
  pageSize: string;
}

/** Pages of a server-paged table. */
export function DataTablePagination({
  page,
  pageCount,
  pageSize,
  pageSizes = [20, 50, 100],
  onPageChange,
  onPageSizeChange,
  labels,
}: {
  page: number;
  pageCount: number;
  pageSize: number;
  pageSizes?: number[];
  onPageChange: (page: number) => void;
  onPageSizeChange?: (size: number) => void;
  labels: PaginationLabels;
}) {
  return (
    <nav aria-label={labels.page} className="flex flex-wrap items-center justify-end gap-3 text-sm">
      {onPageSizeChange ? (
        <div className="flex items-center gap-2">
          <span id="page-size-label" className="text-muted-foreground">
            {labels.pageSize}
          </span>
          <Select value={String(pageSize)} onValueChange={(value) => onPageSizeChange(Number(value))}>
            <SelectTrigger className="h-8 w-20" aria-labelledby="page-size-label">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {pageSizes.map((size) => (
                <SelectItem key={size} value={String(size)}>
                  {size}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
      ) : null}
      <span aria-live="polite">{labels.page}</span>
      <Button variant="outline" size="icon" className="size-8" disabled={page <= 1} onClick={() => onPageChange(page - 1)} aria-label={labels.previous}>
        <ChevronLeft aria-hidden className="size-4" />
      </Button>
      <Button
        variant="outline"
        size="icon"
        className="size-8"
        disabled={page >= pageCount}
        onClick={() => onPageChange(page + 1)}
        aria-label={labels.next}
      >
        <ChevronRight aria-hidden className="size-4" />
      </Button>
    </nav>
  );
}
