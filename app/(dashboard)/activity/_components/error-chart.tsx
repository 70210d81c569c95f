"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useMemo } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import type { ErrorOverview, OverviewRange } from "@/lib/activity/contract";

import { NoErrorsChart } from "./no-errors-chart";
import { useErrorTitle } from "./use-activity-labels";

/** Distinguishable in light and dark themes; codes keep their colour by rank within the range. */
const PALETTE = [
  "#d9485f",
  "#e8a33d",
  "#1f8a9e",
  "#7c5cc4",
  "#3b6fb6",
  "#c2664a",
  "#3f9a5c",
  "#b04f9a",
  "#8a8f2e",
  "#6b7280",
];

export function colorOf(index: number): string {
  return PALETTE[index % PALETTE.length] ?? "#6b7280";
}

const dataKey = (errcode: number) => `e${errcode}`;

/** Total errors per code over the range, in the overview's order (most frequent first). */
export function totalsByCode(overview: ErrorOverview): { errcode: number; count: number }[] {
  return overview.codes.map((errcode) => ({
    errcode,
    count: overview.buckets.reduce((sum, bucket) => sum + (bucket.counts[String(errcode)] ?? 0), 0),
  }));
}

/**
 * Errors per bucket, stacked by errcode. The chart is one image to assistive technology (its label
 * sums it up); the legend's buttons and the "most frequent errors" table carry the same data as text
 * and lead to the log from the keyboard.
 */
export function ErrorChart({
  overview,
  range,
  onBucket,
  onCode,
}: {
  overview: ErrorOverview;
  range: OverviewRange;
  /** A bar segment was clicked: that code in that bucket. */
  onBucket: (errcode: number, bucketIndex: number) => void;
  /** A legend entry was chosen: that code over the whole range. */
  onCode: (errcode: number) => void;
}) {
  const t = useTranslations("activity");
  const format = useFormatter();
  const errorTitle = useErrorTitle();
  const hourly = range === "24h";

  const data = useMemo(
    () =>
      overview.buckets.map((bucket) => {
        const row: Record<string, string | number> = { start: bucket.start };
        for (const errcode of overview.codes) row[dataKey(errcode)] = bucket.counts[String(errcode)] ?? 0;
        return row;
      }),
    [overview],
  );
  const totals = totalsByCode(overview);
  const rangePhrase = t(`rangePhrases.${range}`);

  if (overview.codes.length === 0) return <NoErrorsChart range={range} />;

  const summary = format.list(
    totals.map(({ errcode, count }) => t("overview.countByCode", { errcode: String(errcode), count })),
    { type: "conjunction", style: "narrow" },
  );
  const tick = (value: string) =>
    format.dateTime(
      new Date(value),
      hourly ? { hour: "2-digit", minute: "2-digit" } : { month: "short", day: "numeric" },
    );

  return (
    <div className="space-y-3">
      <div
        role="img"
        aria-label={t("overview.chartLabel", { range: rangePhrase, summary })}
        data-testid="error-chart"
        className="h-72 w-full"
      >
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: 288 }}>
          <BarChart
            data={data}
            margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
            accessibilityLayer={false}
          >
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis
              dataKey="start"
              tickFormatter={tick}
              tick={{ fill: "var(--muted-foreground)", fontSize: 12 }}
              tickLine={false}
              axisLine={{ stroke: "var(--border)" }}
              minTickGap={16}
            />
            <YAxis
              allowDecimals={false}
              tick={{ fill: "var(--muted-foreground)", fontSize: 12 }}
              tickLine={false}
              axisLine={false}
            />
            <Tooltip
              cursor={{ fill: "var(--muted)", opacity: 0.5 }}
              labelFormatter={(value) =>
                typeof value === "string"
                  ? format.dateTime(new Date(value), {
                      dateStyle: "medium",
                      timeStyle: hourly ? "short" : undefined,
                    })
                  : String(value)
              }
              contentStyle={{
                background: "var(--popover)",
                borderColor: "var(--border)",
                borderRadius: 6,
                color: "var(--popover-foreground)",
                fontSize: 12,
              }}
            />
            {overview.codes.map((errcode, index) => (
              <Bar
                key={errcode}
                dataKey={dataKey(errcode)}
                name={`${errcode} · ${errorTitle(errcode)}`}
                stackId="errors"
                fill={colorOf(index)}
                cursor="pointer"
                maxBarSize={48}
                isAnimationActive={false}
                onClick={(item, bucketIndex) =>
                  onBucket(
                    errcode,
                    Number.isInteger(item.originalDataIndex) ? item.originalDataIndex : bucketIndex,
                  )
                }
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ul aria-label={t("overview.legend")} className="flex flex-wrap gap-2" data-testid="error-chart-legend">
        {totals.map(({ errcode, count }, index) => {
          const title = errorTitle(errcode);
          return (
            <li key={errcode}>
              <button
                type="button"
                onClick={() => onCode(errcode)}
                aria-label={t("overview.showInLog", { errcode: String(errcode) })}
                title={title}
                data-errcode={errcode}
                className="inline-flex max-w-xs items-center gap-2 rounded-md border px-2 py-1 text-left text-xs transition-colors hover:bg-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
              >
                <span
                  aria-hidden
                  className="size-2.5 shrink-0 rounded-sm"
                  style={{ background: colorOf(index) }}
                />
                <span className="font-mono">{errcode}</span>
                <span className="truncate text-muted-foreground">{title}</span>
                <span className="tabular-nums">×{format.number(count)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
