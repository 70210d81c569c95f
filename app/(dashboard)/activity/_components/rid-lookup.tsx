"use client";

import { useMutation } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import type { ActionError } from "@/lib/action-result";
import type { RidLookup as RidLookupResult } from "@/lib/activity/contract";
import { lookupRid } from "@/server/actions/activity";

import { FieldList } from "./field-list";
import { JsonBlock } from "./json-block";

/** WeChat gives the call time in seconds since the epoch (sometimes as a string); ISO times pass too. */
function parseInvokeTime(value: string): Date | null {
  if (/^\d+$/.test(value)) {
    const number = Number(value);
    return new Date(number < 1e12 ? number * 1000 : number);
  }
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time);
}

function LookupError({ error }: { error: ActionError }) {
  const t = useTranslations("activity.detail");
  const { wechat } = error;
  return (
    <div
      role="alert"
      className="space-y-1 rounded-md border border-destructive/40 bg-destructive/5 p-3 text-sm"
      data-testid="rid-lookup-error"
    >
      <p className="font-medium text-destructive">{wechat?.title ?? error.message}</p>
      {wechat ? (
        <>
          <p>{wechat.meaning}</p>
          <p className="text-muted-foreground">{wechat.action}</p>
          {wechat.errcode !== null ? (
            <p className="text-xs text-muted-foreground">
              {t("fields.errcode")}: <span className="font-mono">{wechat.errcode}</span>
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function LookupResult({ result }: { result: RidLookupResult }) {
  const t = useTranslations("activity.lookup");
  const format = useFormatter();
  const invokedAt = parseInvokeTime(result.invokeTime);
  return (
    <div className="space-y-3 rounded-md border p-3" data-testid="rid-lookup-result">
      <FieldList
        items={[
          {
            label: t("invokeTime"),
            name: "invokeTime",
            value: invokedAt ? (
              <time dateTime={invokedAt.toISOString()}>
                {format.dateTime(invokedAt, { dateStyle: "medium", timeStyle: "medium" })}
              </time>
            ) : (
              result.invokeTime
            ),
          },
          { label: t("cost"), name: "cost", value: t("costValue", { ms: result.costInMs }) },
          {
            label: t("requestUrl"),
            name: "requestUrl",
            value: <span className="font-mono text-xs">{result.requestUrl}</span>,
          },
          result.clientIp
            ? {
                label: t("clientIp"),
                name: "clientIp",
                value: <span className="font-mono text-xs">{result.clientIp}</span>,
              }
            : null,
        ]}
      />
      <div className="space-y-1">
        <h5 className="text-xs font-medium text-muted-foreground">{t("requestBody")}</h5>
        <JsonBlock value={result.requestBody} />
      </div>
      <div className="space-y-1">
        <h5 className="text-xs font-medium text-muted-foreground">{t("responseBody")}</h5>
        <JsonBlock value={result.responseBody} />
      </div>
    </div>
  );
}

/** Asks WeChat what it saw of the call with this rid, and shows it. */
export function RidLookup({ entryId, rid }: { entryId: string; rid: string }) {
  const t = useTranslations("activity.lookup");
  const lookup = useMutation({ mutationFn: (input: { entryId: string; rid: string }) => lookupRid(input) });
  const answer = lookup.data;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="outline"
          size="sm"
          pending={lookup.isPending}
          onClick={() => lookup.mutate({ entryId, rid })}
          data-testid="rid-lookup"
        >
          {lookup.isPending ? null : <Search aria-hidden />}
          {t("button")}
        </Button>
        <p className="text-xs text-muted-foreground">{t("hint")}</p>
      </div>
      <div aria-live="polite" className="space-y-3">
        {lookup.isPending ? <p className="text-sm text-muted-foreground">{t("pending")}</p> : null}
        {!lookup.isPending && answer?.ok ? <LookupResult result={answer.data} /> : null}
        {!lookup.isPending && answer && !answer.ok ? <LookupError error={answer.error} /> : null}
        {!lookup.isPending && lookup.isError ? (
          <p role="alert" className="text-sm text-destructive" data-testid="rid-lookup-error">
            {t("failed")}
          </p>
        ) : null}
      </div>
    </div>
  );
}
