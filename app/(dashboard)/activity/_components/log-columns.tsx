"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useMemo } from "react";

import { Badge } from "@/components/ui/badge";
import type { ColumnDef } from "@/components/ui/table-model";
import type { ActivityEntry, ActivityOutcome } from "@/lib/activity/contract";

import { Timestamp } from "./timestamp";
import { useErrorTitle, useOperationLabel, useRetryHint } from "./use-activity-labels";

export function None() {
  const t = useTranslations("activity.table");
  return <span className="text-muted-foreground">{t("none")}</span>;
}

export function OutcomeBadge({ outcome }: { outcome: ActivityOutcome }) {
  const t = useTranslations("activity.outcomes");
  const variant = { success: "success", failure: "destructive", unknown: "warning" } as const;
  return (
    <Badge variant={variant[outcome]} data-outcome={outcome}>
      {t(outcome)}
    </Badge>
  );
}

/** What the row is about, for its accessible name: the prefix, else the summary, else its time. */
function subjectOf(entry: ActivityEntry, time: string): string {
  return entry.prefix ?? entry.summary ?? time;
}

/** The log's columns; the operation cell is the button that opens the entry. */
export function useLogColumns(onOpen: (entry: ActivityEntry) => void): ColumnDef<ActivityEntry>[] {
  const t = useTranslations("activity.table");
  const format = useFormatter();
  const operationLabel = useOperationLabel();
  const errorTitle = useErrorTitle();
  const retryHint = useRetryHint();

  return useMemo(
    () => [
      {
        id: "time",
        header: t("columns.time"),
        meta: { cellClassName: "min-w-40" },
        cell: ({ row }) => <Timestamp iso={row.original.at} />,
      },
      {
        id: "operator",
        header: t("columns.operator"),
        cell: ({ row }) => {
          const operator = row.original.operator;
          if (!operator) return <span className="text-muted-foreground">{t("system")}</span>;
          return (
            <div className="min-w-32 max-w-48">
              <div className="truncate" title={operator.email}>
                {operator.name ?? operator.email}
              </div>
              {operator.name ? (
                <div className="truncate text-xs text-muted-foreground">{operator.email}</div>
              ) : null}
            </div>
          );
        },
      },
      {
        id: "account",
        header: t("columns.account"),
        cell: ({ row }) => {
          const account = row.original.account;
          if (!account) return <None />;
          return (
            <div className="min-w-32 max-w-48">
              <div className="truncate" title={account.name}>
                {account.name}
              </div>
              <div className="font-mono text-xs text-muted-foreground">{account.appid}</div>
            </div>
          );
        },
      },
      {
        id: "operation",
        header: t("columns.operation"),
        cell: ({ row }) => {
          const entry = row.original;
          const label = operationLabel(entry.operation);
          const time = format.dateTime(new Date(entry.at), { dateStyle: "medium", timeStyle: "medium" });
          return (
            <button
              type="button"
              onClick={() => onOpen(entry)}
              aria-label={t("details", { operation: label, subject: subjectOf(entry, time) })}
              aria-haspopup="dialog"
              data-testid="activity-open-entry"
              data-entry-id={entry.id}
              className="whitespace-nowrap rounded-sm text-left font-medium text-primary underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
            >
              {label}
            </button>
          );
        },
      },
      {
        id: "prefix",
        header: t("columns.prefix"),
        cell: ({ row }) => {
          const { prefix, summary, targetAppid } = row.original;
          if (!prefix) {
            return summary ? (
              <span className="block max-w-64 truncate text-muted-foreground" title={summary}>
                {summary}
              </span>
            ) : (
              <None />
            );
          }
          return (
            <div className="max-w-64">
              <span className="block truncate font-mono text-xs" title={prefix} data-testid="activity-prefix">
                {prefix}
              </span>
              {targetAppid ? (
                <span className="block truncate font-mono text-xs text-muted-foreground" title={targetAppid}>
                  → {targetAppid}
                </span>
              ) : null}
            </div>
          );
        },
      },
      {
        id: "outcome",
        header: t("columns.outcome"),
        cell: ({ row }) => <OutcomeBadge outcome={row.original.outcome} />,
      },
      {
        id: "errcode",
        header: t("columns.errcode"),
        cell: ({ row }) => {
          const { errcode, errmsg } = row.original;
          if (errcode === null) return <None />;
          const title = errorTitle(errcode, errmsg);
          return (
            <div className="max-w-48">
              <span className="font-mono text-xs" data-testid="activity-errcode">
                {errcode}
              </span>
              <span className="block truncate text-xs text-muted-foreground" title={title}>
                {title}
              </span>
            </div>
          );
        },
      },
      {
        id: "rid",
        header: t("columns.rid"),
        cell: ({ row }) =>
          row.original.rid ? (
            <span className="block max-w-40 truncate font-mono text-xs" title={row.original.rid}>
              {row.original.rid}
            </span>
          ) : (
            <None />
          ),
      },
      {
        id: "latency",
        header: t("columns.latency"),
        meta: { headClassName: "text-right", cellClassName: "text-right tabular-nums whitespace-nowrap" },
        cell: ({ row }) =>
          row.original.latencyMs === null ? <None /> : t("latency", { ms: row.original.latencyMs }),
      },
      {
        id: "attempts",
        header: t("columns.attempts"),
        meta: { cellClassName: "tabular-nums" },
        cell: ({ row }) => {
          const hint = retryHint(row.original);
          return (
            <div className="min-w-20">
              <span>{row.original.attempts}</span>
              {hint ? (
                <span
                  className="block whitespace-nowrap text-xs text-warning"
                  data-testid="activity-retry-hint"
                >
                  {hint}
                </span>
              ) : null}
            </div>
          );
        },
      },
    ],
    [t, format, operationLabel, errorTitle, retryHint, onOpen],
  );
}
