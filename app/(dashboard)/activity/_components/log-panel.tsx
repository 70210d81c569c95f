"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { PaginationState } from "@tanstack/react-table";
import { FilterX, History, SearchX, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useEffect } from "react";

import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { DataTablePagination } from "@/components/ui/data-table-pagination";
import type { ActivityEntry, ActivityFacets } from "@/lib/activity/contract";
import { activityExportHref, activityKeys, fetchActivityPage } from "@/lib/activity/queries";

import {
  LOG_FILTER_PARAMS,
  type LogQuery,
  type ParamPatch,
  hasLogFilters,
  resolveLogQuery,
} from "./activity-search-params";
import { useLoadErrorText } from "./load-error";
import { LogFilters } from "./log-filters";
import { useLogColumns } from "./log-columns";

function LogEmpty({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  const t = useTranslations("activity");
  if (filtered) {
    return (
      <div className="mx-auto flex max-w-md flex-col items-center gap-2" data-testid="activity-empty">
        <SearchX aria-hidden className="size-8 text-muted-foreground" />
        <p className="font-medium text-foreground">{t("empty.noMatchTitle")}</p>
        <p className="whitespace-normal">{t("empty.noMatchDescription")}</p>
        <Button variant="outline" size="sm" className="mt-2" onClick={onClear}>
          <FilterX aria-hidden />
          {t("filters.clear")}
        </Button>
      </div>
    );
  }
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-2" data-testid="activity-empty">
      <History aria-hidden className="size-8 text-muted-foreground" />
      <p className="font-medium text-foreground">{t("empty.noActivityTitle")}</p>
      <p className="whitespace-normal">{t("empty.noActivityDescription")}</p>
    </div>
  );
}

/** The log tab: filters, one server page of entries, paging and the CSV export of the same filters. */
export function LogPanel({
  query,
  facets,
  onChange,
  onOpen,
  navigating,
}: {
  query: LogQuery;
  facets: ActivityFacets;
  onChange: (patch: ParamPatch) => void;
  onOpen: (entry: ActivityEntry) => void;
  navigating: boolean;
}) {
  const t = useTranslations("activity");
  const loadErrorText = useLoadErrorText();

  const list = useQuery({
    queryKey: activityKeys.list(query),
    queryFn: async ({ signal }) => {
      // "Last 7 days" means the 7 days before this fetch; the export then uses the same window.
      const resolved = resolveLogQuery(query, Date.now());
      return { page: await fetchActivityPage(resolved, signal), resolved };
    },
    placeholderData: keepPreviousData,
  });
  const page = list.data?.page;
  const rows = page?.rows ?? [];
  const total = page?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / query.pageSize));

  // Pruning may leave the current page past the end: go to the last page that exists.
  const beyondEnd =
    page !== undefined && !list.isPlaceholderData && rows.length === 0 && query.page > pageCount;
  useEffect(() => {
    if (beyondEnd) onChange({ page: pageCount });
  }, [beyondEnd, pageCount, onChange]);

  const columns = useLogColumns(onOpen);
  const filtered = hasLogFilters(query);
  const clearFilters = useCallback(
    () => onChange(Object.fromEntries(LOG_FILTER_PARAMS.map((name) => [name, undefined]))),
    [onChange],
  );

  const pagination: PaginationState = { pageIndex: query.page - 1, pageSize: query.pageSize };
  const onPaginationChange = (next: PaginationState) =>
    onChange({ page: next.pageIndex + 1, pageSize: next.pageSize });

  const exportHref = query.last
    ? list.data && !list.isPlaceholderData
      ? activityExportHref(list.data.resolved)
      : null
    : activityExportHref(query);

  const dimmed = list.isPlaceholderData || navigating;

  return (
    <div className="space-y-4">
      <LogFilters
        query={query}
        facets={facets}
        onChange={onChange}
        filtered={filtered}
        onClear={clearFilters}
        exportHref={exportHref}
      />

      {list.isError && page ? (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-3 rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm"
        >
          <TriangleAlert aria-hidden className="size-4 text-warning" />
          <span className="flex-1">{t("table.refreshFailed")}</span>
          <Button size="sm" variant="outline" onClick={() => void list.refetch()}>
            {t("errors.retry")}
          </Button>
        </div>
      ) : null}

      <div
        aria-busy={dimmed || undefined}
        className={dimmed ? "opacity-60 transition-opacity" : "transition-opacity"}
      >
        <DataTable
          columns={columns}
          data={rows}
          getRowId={(entry) => entry.id}
          caption={t("table.caption")}
          pagination={pagination}
          onPaginationChange={(updater) =>
            onPaginationChange(typeof updater === "function" ? updater(pagination) : updater)
          }
          manualPagination
          pageCount={pageCount}
          enableRowSelection={false}
          isLoading={list.isPending}
          skeletonRows={10}
          loadingLabel={t("table.loading")}
          error={list.isError && !page ? loadErrorText(list.error) : undefined}
          onRetry={() => void list.refetch()}
          retryLabel={t("errors.retry")}
          empty={<LogEmpty filtered={filtered} onClear={clearFilters} />}
        />
      </div>

      {page && total > 0 ? (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-muted-foreground" data-testid="activity-total">
            {t("table.total", { count: total })}
          </p>
          <DataTablePagination
            pagination={pagination}
            pageCount={pageCount}
            onPaginationChange={onPaginationChange}
            disabled={navigating}
            labels={{
              navigation: t("pagination.navigation"),
              pageOf: (current, count) => t("pagination.pageOf", { page: current, count }),
              previous: t("pagination.previous"),
              next: t("pagination.next"),
              pageSize: t("pagination.pageSize"),
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
