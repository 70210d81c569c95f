"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId } from "react";

import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { PaginationState } from "@/components/ui/table-model";

const PAGE_SIZES = [20, 50, 100];

/**
 * Below a server-paged table: how many rows match, the page size, and previous/next. Works on TanStack's
 * PaginationState (0-based pageIndex), the same state (and setter) DataTable is given.
 */
export function DataTableFooter({
  pagination,
  pageCount,
  onPaginationChange,
  labels,
  "data-testid": testId,
}: {
  pagination: PaginationState;
  /** Total pages; 0 (no rows) shows as 1. */
  pageCount: number;
  onPaginationChange: (next: PaginationState) => void;
  labels: {
    /** How many rows match, e.g. "12 rules". */
    total: string;
    /** Name of the <nav> landmark, e.g. "Rule pages". */
    navigation: string;
    /** Label of the page-size select, e.g. "Rules per page". */
    pageSize: string;
  };
  /** On the total. */
  "data-testid"?: string;
}) {
  const t = useTranslations("dataTable");
  const sizeId = useId();
  const { pageIndex, pageSize } = pagination;
  const pages = Math.max(1, pageCount);
  // The current size is always offered, even one that is not in the list (from a shared URL).
  const sizes = PAGE_SIZES.includes(pageSize) ? PAGE_SIZES : [...PAGE_SIZES, pageSize].sort((a, b) => a - b);

  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-muted-foreground" data-testid={testId}>
        {labels.total}
      </p>
      <nav
        aria-label={labels.navigation}
        data-slot="data-table-pagination"
        className="flex flex-wrap items-center justify-end gap-x-4 gap-y-2 text-sm"
      >
        <div className="flex items-center gap-2">
          <Label htmlFor={sizeId} className="font-normal text-muted-foreground">
            {labels.pageSize}
          </Label>
          <Select
            value={String(pageSize)}
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
        <span aria-live="polite" className="tabular-nums">
          {t("pageOf", { page: Math.min(pageIndex + 1, pages), count: pages })}
        </span>
        <div className="flex items-center gap-2">
          <Button
            variant="outline"
            size="icon"
            className="size-8"
            disabled={pageIndex <= 0}
            onClick={() => onPaginationChange({ pageIndex: pageIndex - 1, pageSize })}
            aria-label={t("previous")}
          >
            <ChevronLeft aria-hidden />
          </Button>
          <Button
            variant="outline"
            size="icon"
            className="size-8"
            disabled={pageIndex + 1 >= pages}
            onClick={() => onPaginationChange({ pageIndex: pageIndex + 1, pageSize })}
            aria-label={t("next")}
          >
            <ChevronRight aria-hidden />
          </Button>
        </div>
      </nav>
    </div>
  );
}
