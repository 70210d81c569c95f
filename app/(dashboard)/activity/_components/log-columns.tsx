"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useMemo } from "react";

import { Badge } from "@/components/ui/badge";
import { BreakAfter } from "@/components/ui/break-after";
import { UrlText } from "@/components/ui/url-text";
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
        // Five columns fit a 1280 px screen (the table is laid out fixed: these widths, and the prefix
        // takes the rest); the rest of an entry is in its drawer.
        id: "time",
        header: t("columns.whenWho"),
        meta: { headClassName: "w-52" },
        cell: ({ row }) => {
          const operator = row.original.operator;
          return (
            <div>
              <Timestamp iso={row.original.at} />
              {operator ? (
                <div className="truncate text-xs text-muted-foreground" title={operator.email}>
                  {operator.name ? `${operator.name} · ` : ""}
                  {operator.email}
                </div>
              ) : (
                <div className="text-xs text-muted-foreground">{t("system")}</div>
              )}
            </div>
          );
        },
      },
      {
        id: "operation",
        header: t("columns.what"),
        meta: { headClassName: "w-40" },
        cell: ({ row }) => {
          const entry = row.original;
          const label = operationLabel(entry.operation);
          const time = format.dateTime(new Date(entry.at), { dateStyle: "medium", timeStyle: "medium" });
          return (
            <div>
              <button
                type="button"
                onClick={() => onOpen(entry)}
                aria-label={t("details", { operation: label, subject: subjectOf(entry, time) })}
                aria-haspopup="dialog"
                data-testid="activity-open-entry"
                data-entry-id={entry.id}
                className="rounded-sm text-left font-medium text-primary underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
              >
                {label}
              </button>
              {entry.account ? (
                <div
                  className="truncate text-xs text-muted-foreground"
                  title={`${entry.account.name} · ${entry.account.appid}`}
                >
                  {entry.account.name}
                </div>
              ) : null}
            </div>
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
              <span className="line-clamp-2 text-muted-foreground" title={summary}>
                {summary}
              </span>
            ) : (
              <None />
            );
          }
          return (
            <div className="min-w-0">
              <UrlText value={prefix} data-testid="activity-prefix" />
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
        meta: { headClassName: "w-44" },
        cell: ({ row }) => {
          const { errcode, errmsg } = row.original;
          const hint = retryHint(row.original);
          return (
            <div className="space-y-0.5">
              <OutcomeBadge outcome={row.original.outcome} />
              {errcode !== null ? (
                <div className="truncate text-xs" title={errorTitle(errcode, errmsg)}>
                  <span className="font-mono" data-testid="activity-errcode">
                    {errcode}
                  </span>{" "}
                  <span className="text-muted-foreground">{errorTitle(errcode, errmsg)}</span>
                </div>
              ) : null}
              {hint ? (
                <span className="block text-xs text-warning" data-testid="activity-retry-hint">
                  {hint}
                </span>
              ) : null}
            </div>
          );
        },
      },
      {
        id: "rid",
        header: t("columns.ridLatency"),
        meta: { headClassName: "w-40" },
        cell: ({ row }) => (
          <div className="space-y-0.5">
            {row.original.rid ? (
              <span className="block font-mono text-xs" title={row.original.rid}>
                <BreakAfter text={row.original.rid} at="-" />
              </span>
            ) : null}
            {row.original.latencyMs === null ? null : (
              <span className="block whitespace-nowrap text-xs tabular-nums text-muted-foreground">
                {t("latency", { ms: row.original.latencyMs })}
              </span>
            )}
          </div>
        ),
      },
    ],
    [t, format, operationLabel, errorTitle, retryHint, onOpen],
  );
}
