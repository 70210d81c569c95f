"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { FilterX, History, SearchX } from "lucide-react";
import { useTranslations } from "next-intl";

import { PagedDataTable } from "@/components/data-table/paged-data-table";
import type { TableQuery } from "@/components/data-table/use-table-query";
import { Button } from "@/components/ui/button";
import type { ActivityEntry, ActivityFacets } from "@/lib/activity/contract";
import {
  type LogQuery,
  type activityParsers,
  hasLogFilters,
  resolveLogQuery,
} from "@/lib/activity/query-params";
import { activityExportHref, activityKeys, fetchActivityPage } from "@/lib/activity/queries";

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
  table,
  onOpen,
}: {
  query: LogQuery;
  facets: ActivityFacets;
  table: TableQuery<typeof activityParsers>;
  onOpen: (entry: ActivityEntry) => void;
}) {
  const t = useTranslations("activity");
  const tableText = useTranslations("activity.table");
  const loadErrorText = useLoadErrorText();

  const list = useQuery({
    queryKey: activityKeys.list(query),
    queryFn: async ({ signal }) => {
      // "Last 7 days" means the 7 days before this fetch; the export then uses the same window.
      const resolved = resolveLogQuery(query, Date.now());
      return { ...(await fetchActivityPage(resolved, signal)), resolved };
    },
    placeholderData: keepPreviousData,
  });

  const columns = useLogColumns(onOpen);
  const filtered = hasLogFilters(query);

  const exportHref = query.last
    ? list.data && !list.isPlaceholderData
      ? activityExportHref(list.data.resolved)
      : null
    : activityExportHref(query);

  return (
    <div className="space-y-4">
      <LogFilters
        query={query}
        facets={facets}
        onChange={table.setQuery}
        filtered={filtered}
        onClear={table.clearFilters}
        exportHref={exportHref}
      />

      <PagedDataTable
        request={list}
        state={table}
        caption={t("table.caption")}
        messages={tableText}
        errorText={loadErrorText}
        columns={columns}
        // Fixed widths (in the columns), so a long prefix or rid is cut or wrapped instead of widening the log;
        // narrower than this, the table scrolls sideways.
        fixedLayout
        tableClassName="min-w-[56rem]"
        skeletonRows={10}
        totalTestId="activity-total"
        empty={<LogEmpty filtered={filtered} onClear={table.clearFilters} />}
      />
    </div>
  );
}
