"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Suspense, lazy, memo, useCallback, useDeferredValue, useId } from "react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Label } from "@/components/ui/label";
import { moveFocus } from "@/components/ui/roving-focus";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import {
  type ActivityFacets,
  type ErrorOverview,
  OVERVIEW_RANGES,
  type OverviewRange,
} from "@/lib/activity/contract";
import type { ActivityPatch } from "@/lib/activity/query-params";
import { activityKeys, fetchErrorOverview } from "@/lib/activity/queries";
import type { VerificationOverview } from "@/lib/verification/recheck";

import { useLoadErrorText } from "./load-error";
import { NoErrorsChart } from "./no-errors-chart";
import { useAccountColumns, useTopErrorColumns } from "./overview-columns";
import { VerificationFilesCard } from "./verification-files-card";

const ALL = "all";

// The charting library is the largest piece of the page: it loads beside the figures it draws, not before the page
// can be used, and not at all when there are none.
const ErrorChart = lazy(() => import("./error-chart").then((module) => ({ default: module.ErrorChart })));
const HOUR_MS = 60 * 60 * 1000;

/** The log filtered by one errcode over a window; the account filter carries over, the others are dropped. */
function logPatch(
  errcode: number,
  window: { from?: string; to?: string; last?: OverviewRange },
): ActivityPatch {
  return {
    view: "log",
    errcode,
    from: window.from ?? null,
    to: window.to ?? null,
    last: window.last ?? null,
    operator: null,
    operation: null,
    outcome: null,
    q: null,
    entry: null,
  };
}

/** The whole range as the overview counted it: from its first bucket (or the relative window when it has none). */
function rangeWindow(overview: ErrorOverview | undefined, range: OverviewRange) {
  const first = overview?.buckets[0];
  return first ? { from: first.start } : { last: range };
}

function bucketWindow(overview: ErrorOverview, range: OverviewRange, index: number) {
  const bucket = overview.buckets[index];
  if (!bucket) return rangeWindow(overview, range);
  const next = overview.buckets[index + 1];
  const size = range === "24h" ? HOUR_MS : 24 * HOUR_MS;
  return {
    from: bucket.start,
    to: next ? next.start : new Date(Date.parse(bucket.start) + size).toISOString(),
  };
}

function ChartSkeleton({ label }: { label: string }) {
  return (
    <>
      <span role="status" className="sr-only">
        {label}
      </span>
      <Skeleton className="h-72 w-full" />
    </>
  );
}

function RangeSwitch({
  range,
  onChange,
}: {
  range: OverviewRange;
  onChange: (range: OverviewRange) => void;
}) {
  const t = useTranslations("activity");
  const labelId = useId();
  return (
    <div className="flex flex-col gap-1.5">
      <span id={labelId} className="text-xs font-medium text-muted-foreground">
        {t("overview.range")}
      </span>
      <div
        role="radiogroup"
        aria-labelledby={labelId}
        className="inline-flex h-9 w-fit items-center rounded-md border bg-muted/40 p-0.5"
        data-testid="overview-range"
      >
        {OVERVIEW_RANGES.map((value) => {
          const on = value === range;
          return (
            <button
              key={value}
              type="button"
              role="radio"
              aria-checked={on}
              tabIndex={on ? 0 : -1}
              data-state={on ? "on" : "off"}
              onClick={() => {
                if (!on) onChange(value);
              }}
              onKeyDown={(event) => {
                const next = moveFocus(event);
                const target = next === null ? undefined : OVERVIEW_RANGES[next];
                if (target && target !== range) onChange(target);
              }}
              className="h-full rounded-[5px] px-3 text-sm text-muted-foreground transition-colors hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring data-[state=on]:bg-background data-[state=on]:font-medium data-[state=on]:text-foreground data-[state=on]:shadow-xs"
            >
              {t(`ranges.${value}`)}
            </button>
          );
        })}
      </div>
    </div>
  );
}

function AccountFilter({
  value,
  facets,
  onChange,
}: {
  value: string | undefined;
  facets: ActivityFacets;
  onChange: (account: string | undefined) => void;
}) {
  const t = useTranslations("activity.overview");
  const id = useId();
  const current = facets.accounts.find((account) => account.id === value);
  return (
    <div className="flex w-full flex-col gap-1.5 sm:w-72">
      <Label htmlFor={id} className="text-xs font-medium text-muted-foreground">
        {t("account")}
      </Label>
      <Select value={value ?? ALL} onValueChange={(next) => onChange(next === ALL ? undefined : next)}>
        <SelectTrigger id={id} data-testid="overview-account-filter">
          <SelectValue>{value === undefined ? t("accountAll") : (current?.name ?? value)}</SelectValue>
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>{t("accountAll")}</SelectItem>
          {facets.accounts.map((account) => (
            <SelectItem key={account.id} value={account.id}>
              {account.name} · {account.appid}
            </SelectItem>
          ))}
          {value !== undefined && !current ? <SelectItem value={value}>{value}</SelectItem> : null}
        </SelectContent>
      </Select>
    </div>
  );
}

/**
 * The figures of one answer: the chart, the errors to act on and those recovered from, and calls per account.
 * Memoised, so the urgent render that a new answer starts (TanStack Query renders results synchronously) skips
 * them; they are drawn from the deferred copy of the answer, in a render React slices.
 */
const OverviewFigures = memo(function OverviewFigures({
  data,
  range,
  onChange,
  hrefFor,
}: {
  /** The answer shown, undefined until the first one is drawn. */
  data: ErrorOverview | undefined;
  range: OverviewRange;
  onChange: (patch: ActivityPatch) => void;
  hrefFor: (patch: ActivityPatch) => string;
}) {
  const t = useTranslations("activity");
  const rangePhrase = t(`rangePhrases.${range}`);
  const loading = data === undefined;

  const logHref = useCallback(
    (errcode: number) => hrefFor(logPatch(errcode, rangeWindow(data, range))),
    [hrefFor, data, range],
  );
  const topColumns = useTopErrorColumns(logHref);
  // Errors the product recovered from by itself are counted apart from those an operator must act on.
  const toActOn = (data?.top ?? [])
    .filter((row) => row.count > row.recovered)
    .map((row) => ({ ...row, count: row.count - row.recovered }));
  const recovered = (data?.top ?? [])
    .filter((row) => row.recovered > 0)
    .map((row) => ({ ...row, count: row.recovered }))
    .sort((a, b) => b.count - a.count);
  const accountColumns = useAccountColumns();

  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle>{t("overview.chartTitle")}</CardTitle>
          <CardDescription>
            {range === "24h"
              ? t("overview.chartDescriptionHourly", { range: rangePhrase })
              : t("overview.chartDescriptionDaily", { range: rangePhrase })}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {data && data.codes.length === 0 ? (
            <NoErrorsChart range={range} />
          ) : data ? (
            <Suspense fallback={<ChartSkeleton label={t("overview.loading")} />}>
              <ErrorChart
                overview={data}
                range={range}
                onBucket={(errcode, index) => onChange(logPatch(errcode, bucketWindow(data, range, index)))}
                onCode={(errcode) => onChange(logPatch(errcode, rangeWindow(data, range)))}
              />
            </Suspense>
          ) : (
            <ChartSkeleton label={t("overview.loading")} />
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("overview.top.title")}</CardTitle>
        </CardHeader>
        <CardContent>
          <DataTable
            columns={topColumns}
            data={toActOn}
            getRowId={(row) => String(row.errcode)}
            caption={t("overview.top.caption", { range: rangePhrase })}
            enableRowSelection={false}
            isLoading={loading}
            skeletonRows={4}
            empty={t("overview.top.empty")}
          />
        </CardContent>
      </Card>

      {recovered.length > 0 ? (
        <Card data-testid="overview-recovered">
          <CardHeader>
            <CardTitle>{t("overview.top.recoveredTitle")}</CardTitle>
            <CardDescription>{t("overview.top.recoveredDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            <DataTable
              columns={topColumns}
              data={recovered}
              getRowId={(row) => String(row.errcode)}
              caption={t("overview.top.recoveredCaption", { range: rangePhrase })}
              enableRowSelection={false}
            />
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>{t("overview.perAccount.title")}</CardTitle>
          <CardDescription>{t("overview.perAccount.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <DataTable
            columns={accountColumns}
            data={data?.perAccount ?? []}
            getRowId={(row) => row.id}
            caption={t("overview.perAccount.caption", { range: rangePhrase })}
            enableRowSelection={false}
            isLoading={loading}
            skeletonRows={3}
            empty={t("overview.perAccount.empty")}
          />
        </CardContent>
      </Card>
    </>
  );
});

/** The landing tab: errors over time by errcode, the most frequent ones, and calls per account; one request. */
export function OverviewPanel({
  range,
  account,
  facets,
  onChange,
  hrefFor,
  verification,
}: {
  range: OverviewRange;
  account: string | undefined;
  facets: ActivityFacets;
  onChange: (patch: ActivityPatch) => void;
  hrefFor: (patch: ActivityPatch) => string;
  /** The last rechecks, read on the server: its card follows the account filter, never the range. */
  verification?: Promise<VerificationOverview | null>;
}) {
  const t = useTranslations("activity");
  const loadErrorText = useLoadErrorText();
  const overview = useQuery({
    queryKey: activityKeys.overview(range, account),
    queryFn: ({ signal }) => fetchErrorOverview(range, account, signal),
    placeholderData: keepPreviousData,
  });
  // A new answer is drawn from a deferred copy, in a render React may interrupt, rather than in one long task;
  // until it is drawn the figures stay as they were (the skeletons, or the previous answer dimmed).
  const shown = useDeferredValue(overview.data);
  const drawing = shown !== overview.data;
  const dimmed = overview.isPlaceholderData || (drawing && shown !== undefined);
  const loadError = overview.isError && !overview.data ? loadErrorText(overview.error) : undefined;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <RangeSwitch range={range} onChange={(next) => onChange({ range: next })} />
        <AccountFilter
          value={account}
          facets={facets}
          onChange={(next) => onChange({ account: next ?? null })}
        />
      </div>

      {loadError ? (
        <div
          role="alert"
          className="flex flex-col items-center gap-3 rounded-lg border border-destructive/40 p-8 text-center text-sm"
          data-testid="overview-error"
        >
          <p className="text-destructive">{loadError}</p>
          <Button variant="outline" size="sm" onClick={() => void overview.refetch()}>
            {t("errors.retry")}
          </Button>
        </div>
      ) : (
        <div
          aria-busy={dimmed || shown === undefined || undefined}
          className={dimmed ? "space-y-6 opacity-60 transition-opacity" : "space-y-6 transition-opacity"}
        >
          <OverviewFigures data={shown} range={range} onChange={onChange} hrefFor={hrefFor} />
        </div>
      )}

      {verification ? (
        <Suspense fallback={null}>
          <VerificationFilesCard overview={verification} account={account} />
        </Suspense>
      ) : null}
    </div>
  );
}
