"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo } from "react";

import type { ColumnDef } from "@/components/ui/table-model";
import type { ErrorOverview } from "@/lib/activity/contract";

import { None } from "./log-columns";
import { Timestamp } from "./timestamp";
import { useErrorExplanation } from "./use-activity-labels";

export type TopError = ErrorOverview["top"][number];
export type AccountFigures = ErrorOverview["perAccount"][number];

/** Columns of "most frequent errors"; the code links to the log filtered by it over the same range. */
export function useTopErrorColumns(logHref: (errcode: number) => string): ColumnDef<TopError>[] {
  const t = useTranslations("activity.overview");
  const format = useFormatter();
  const explain = useErrorExplanation();
  return useMemo(
    () => [
      {
        id: "errcode",
        header: t("top.columns.errcode"),
        cell: ({ row }) => (
          <Link
            href={logHref(row.original.errcode)}
            replace
            scroll={false}
            aria-label={t("showInLog", { errcode: String(row.original.errcode) })}
            className="font-mono text-primary underline-offset-4 hover:underline"
            data-testid="top-error-link"
          >
            {row.original.errcode}
          </Link>
        ),
      },
      {
        id: "title",
        header: t("top.columns.title"),
        meta: { cellClassName: "min-w-40" },
        cell: ({ row }) => explain(row.original.errcode)?.title,
      },
      {
        id: "count",
        header: t("top.columns.count"),
        meta: { headClassName: "text-right", cellClassName: "text-right tabular-nums" },
        cell: ({ row }) => format.number(row.original.count),
      },
      {
        id: "lastSeen",
        header: t("top.columns.lastSeen"),
        meta: { cellClassName: "min-w-40" },
        cell: ({ row }) => <Timestamp iso={row.original.lastAt} />,
      },
      {
        id: "accounts",
        header: t("top.columns.accounts"),
        cell: ({ row }) =>
          row.original.accounts.length === 0 ? (
            <None />
          ) : (
            <ul className="min-w-32 space-y-0.5">
              {row.original.accounts.map((account) => (
                <li key={account.id} className="whitespace-nowrap">
                  {t("top.accountCount", { name: account.name, count: account.count })}
                </li>
              ))}
            </ul>
          ),
      },
      {
        id: "action",
        header: t("top.columns.action"),
        meta: { cellClassName: "min-w-64 max-w-md whitespace-normal text-muted-foreground" },
        cell: ({ row }) => explain(row.original.errcode)?.action,
      },
    ],
    [t, format, explain, logHref],
  );
}

/** Columns of the per-account call figures. */
export function useAccountColumns(): ColumnDef<AccountFigures>[] {
  const t = useTranslations("activity");
  const format = useFormatter();
  return useMemo(
    () => [
      {
        id: "account",
        header: t("overview.perAccount.columns.account"),
        cell: ({ row }) => (
          <div className="min-w-40">
            <div>{row.original.name}</div>
            <div className="font-mono text-xs text-muted-foreground">{row.original.appid}</div>
          </div>
        ),
      },
      {
        id: "calls",
        header: t("overview.perAccount.columns.calls"),
        meta: { headClassName: "text-right", cellClassName: "text-right tabular-nums" },
        cell: ({ row }) => format.number(row.original.calls),
      },
      {
        id: "successRate",
        header: t("overview.perAccount.columns.successRate"),
        meta: { headClassName: "text-right", cellClassName: "text-right tabular-nums" },
        cell: ({ row }) =>
          row.original.successRate === null ? (
            <None />
          ) : (
            format.number(row.original.successRate, { style: "percent", maximumFractionDigits: 1 })
          ),
      },
      {
        id: "medianLatency",
        header: t("overview.perAccount.columns.medianLatency"),
        meta: { headClassName: "text-right", cellClassName: "text-right tabular-nums whitespace-nowrap" },
        cell: ({ row }) =>
          row.original.medianLatencyMs === null ? (
            <None />
          ) : (
            t("table.latency", { ms: Math.round(row.original.medianLatencyMs) })
          ),
      },
    ],
    [t, format],
  );
}
