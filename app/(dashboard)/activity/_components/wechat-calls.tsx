"use client";

import { ChevronRight } from "lucide-react";
import { useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import type { ActivityCall } from "@/lib/activity/contract";

import { FieldList } from "./field-list";
import { JsonBlock } from "./json-block";
import { Timestamp } from "./timestamp";
import { useErrorTitle } from "./use-activity-labels";

const FAILURE_KEYS = { timeout: "timeout", network: "network", malformed: "malformed" } as const;

function CallOutcomeBadge({ outcome }: { outcome: ActivityCall["outcome"] }) {
  const t = useTranslations("activity.callOutcomes");
  const variant =
    outcome === "success"
      ? "success"
      : outcome === "retried" || outcome === "pending" || outcome === "unknown"
        ? "warning"
        : "destructive";
  return <Badge variant={variant}>{t(outcome)}</Badge>;
}

/** Reads of WeChat's rules; the others change something (or fetch a token, a file, a rid). */
const READS = new Set(["get"]);

function Call({ call, confirming }: { call: ActivityCall; confirming: boolean }) {
  const t = useTranslations("activity");
  const tOperation = useTranslations("activity.callOperations");
  const errorTitle = useErrorTitle();
  const failureKey = call.failure ? FAILURE_KEYS[call.failure as keyof typeof FAILURE_KEYS] : undefined;

  return (
    <details className="group rounded-md border" data-testid="activity-call">
      <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm [&::-webkit-details-marker]:hidden">
        <ChevronRight aria-hidden className="size-4 shrink-0 transition-transform group-open:rotate-90" />
        <span className="font-medium">
          {t(confirming ? "detail.confirmingRead" : "detail.callSummary", {
            attempt: call.attempt,
            operation: tOperation.has(call.operation as never)
              ? tOperation(call.operation as never)
              : call.operation,
          })}
        </span>
        <CallOutcomeBadge outcome={call.outcome} />
        {call.errcode !== null && call.errcode !== 0 ? (
          <span className="font-mono text-xs">{call.errcode}</span>
        ) : null}
        <span className="ml-auto text-xs tabular-nums text-muted-foreground">
          {t("table.latency", { ms: call.latencyMs })}
        </span>
      </summary>
      <div className="space-y-3 border-t px-3 py-3">
        <FieldList
          items={[
            { label: t("detail.callFields.time"), value: <Timestamp iso={call.at} inline /> },
            { label: t("detail.callFields.outcome"), value: <CallOutcomeBadge outcome={call.outcome} /> },
            call.errcode !== null
              ? {
                  label: t("detail.callFields.errcode"),
                  value: (
                    <span>
                      <span className="font-mono">{call.errcode}</span>
                      {call.errcode !== 0 ? (
                        <span className="text-muted-foreground">
                          {" "}
                          · {errorTitle(call.errcode, call.errmsg)}
                        </span>
                      ) : null}
                    </span>
                  ),
                }
              : null,
            call.errmsg
              ? {
                  label: t("detail.callFields.errmsg"),
                  value: <span className="font-mono text-xs">{call.errmsg}</span>,
                }
              : null,
            call.failure
              ? {
                  label: t("detail.callFields.failure"),
                  value: failureKey ? t(`failures.${failureKey}`) : call.failure,
                }
              : null,
            call.rid
              ? {
                  label: t("detail.callFields.rid"),
                  value: <span className="font-mono text-xs">{call.rid}</span>,
                }
              : null,
            { label: t("detail.callFields.latency"), value: t("table.latency", { ms: call.latencyMs }) },
            call.note ? { label: t("detail.callFields.note"), value: call.note } : null,
          ]}
        />
        <div className="space-y-1">
          <h5 className="text-xs font-medium text-muted-foreground">{t("detail.callFields.request")}</h5>
          <JsonBlock value={call.requestBody} />
        </div>
        <div className="space-y-1">
          <h5 className="text-xs font-medium text-muted-foreground">{t("detail.callFields.response")}</h5>
          <JsonBlock value={call.responseBody} />
        </div>
      </div>
    </details>
  );
}

/**
 * Every attempt of every WeChat call made for an entry, oldest first, each one collapsible. A read
 * of the rules after a change is shown as the confirmation it is, not as another attempt.
 */
export function WeChatCalls({ calls }: { calls: ActivityCall[] }) {
  const t = useTranslations("activity.detail");
  if (calls.length === 0) return <p className="text-sm text-muted-foreground">{t("noCalls")}</p>;
  const changes = calls.some((call) => ["add", "delete", "publish"].includes(call.operation));
  return (
    <ol className="space-y-2">
      {calls.map((call) => (
        <li key={call.id}>
          <Call call={call} confirming={changes && READS.has(call.operation)} />
        </li>
      ))}
    </ol>
  );
}
