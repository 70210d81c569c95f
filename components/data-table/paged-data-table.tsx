"use client";

import { useTranslations } from "next-intl";
import { useDeferredValue, useEffect } from "react";

import { DataTable, type DataTableProps } from "@/components/ui/data-table";
import type { OnChangeFn, PaginationState, SortingState } from "@/components/ui/table-model";

import { DataTableFooter } from "./footer";
import { RefreshFailed } from "./refresh-failed";

/** What the table needs of its react-query request: the last answer is one page of rows and their total. */
export interface PageRequest<TData> {
  data: { rows: TData[]; total: number } | undefined;
  error: unknown;
  isPending: boolean;
  isError: boolean;
  isPlaceholderData: boolean;
  refetch: () => unknown;
}

/** What the table needs of its URL state (`useTableQuery`); `sorting` when the server sorts. */
export interface PagedTableState {
  pagination: PaginationState;
  onPaginationChange: OnChangeFn<PaginationState>;
  sorting?: SortingState;
  onSortingChange?: OnChangeFn<SortingState>;
}

/**
 * The table's own strings in the operator's language: a translator of the feature's `table` messages
 * (`useTranslations("rules.table")`), which name the rows while they load, the failed refresh, the total,
 * the paging landmark and the page-size select.
 */
export type PagedTableMessages = (
  key: "loading" | "refreshFailed" | "pages" | "pageSize" | "total",
  values?: { count: number },
) => string;

type Passed<TData> = Omit<
  DataTableProps<TData>,
  | "data"
  | "getRowId"
  | "sorting"
  | "onSortingChange"
  | "manualSorting"
  | "pagination"
  | "manualPagination"
  | "enableRowSelection"
  | "isLoading"
  | "loadingLabel"
  | "error"
  | "onRetry"
  | "retryLabel"
>;

/**
 * A table the server pages (and maybe sorts): the rows of `request`, dimmed while the next page loads; the
 * first load's failure in place of the rows, a later one above them (the rows shown stay); the footer once
 * there is something to page through. A page past the end (after deletions, say) moves to the last one.
 * Rows are told apart by their `id`; they can be selected when `onRowSelectionChange` is given.
 */
export function PagedDataTable<TData extends { id: string }>({
  request,
  state,
  messages,
  errorText,
  totalTestId,
  ...table
}: Passed<TData> & {
  request: PageRequest<TData>;
  state: PagedTableState;
  messages: PagedTableMessages;
  /** Why the first load failed, in the operator's words. */
  errorText: (error: unknown) => string;
  totalTestId: string;
}) {
  const t = useTranslations("common");
  const { data, isPlaceholderData } = request;
  const { pagination, onPaginationChange } = state;
  // The rows of a new answer are drawn in a render React may interrupt, in slices, rather than in one long
  // task: a page of 50 rows takes hundreds of milliseconds on a slow phone. Until then the table shows what
  // it showed before (the skeleton, or the previous rows dimmed).
  const shown = useDeferredValue(data);
  const drawing = shown !== data;
  const rows = shown?.rows ?? [];
  const total = shown?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pagination.pageSize));
  const retry = () => void request.refetch();

  const beyondEnd =
    data !== undefined &&
    !drawing &&
    !isPlaceholderData &&
    rows.length === 0 &&
    pagination.pageIndex + 1 > pageCount;
  useEffect(() => {
    if (beyondEnd) onPaginationChange({ pageIndex: pageCount - 1, pageSize: pagination.pageSize });
  }, [beyondEnd, pageCount, pagination.pageSize, onPaginationChange]);

  return (
    <>
      {request.isError && data ? <RefreshFailed message={messages("refreshFailed")} onRetry={retry} /> : null}

      <div
        aria-busy={isPlaceholderData || (drawing && shown !== undefined) || undefined}
        className={isPlaceholderData ? "opacity-60 transition-opacity" : "transition-opacity"}
      >
        <DataTable
          {...table}
          data={rows}
          getRowId={rowId}
          enableRowSelection={table.onRowSelectionChange !== undefined}
          {...(state.sorting ? { sorting: state.sorting, onSortingChange: state.onSortingChange } : {})}
          manualSorting
          pagination={pagination}
          manualPagination
          isLoading={request.isPending || (data !== undefined && shown === undefined)}
          loadingLabel={messages("loading")}
          error={request.isError && !data ? errorText(request.error) : undefined}
          onRetry={retry}
          retryLabel={t("retry")}
        />
      </div>

      {shown && total > 0 ? (
        <DataTableFooter
          pagination={pagination}
          pageCount={pageCount}
          onPaginationChange={onPaginationChange}
          labels={{
            total: messages("total", { count: total }),
            navigation: messages("pages"),
            pageSize: messages("pageSize"),
          }}
          data-testid={totalTestId}
        />
      ) : null}
    </>
  );
}

const rowId = (row: { id: string }) => row.id;
