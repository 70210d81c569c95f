"use client";

import { type UseQueryResult, useQuery } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { type ReactNode, useId } from "react";

import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@/components/ui/sheet";
import { Skeleton } from "@/components/ui/skeleton";
import { WeChatFailureDetails } from "@/components/wechat/wechat-failure";
import type { ActivityDetail, ActivityEntry } from "@/lib/activity/contract";
import { activityKeys, fetchActivityDetail } from "@/lib/activity/queries";
import { statusOf } from "@/lib/api-client";
import { explainWeChatError } from "@/lib/wechat/error-catalog";

import { FieldList } from "./field-list";
import { JsonBlock } from "./json-block";
import { useLoadErrorText } from "./load-error";
import { None, OutcomeBadge } from "./log-columns";
import { RidLookup } from "./rid-lookup";
import { Timestamp } from "./timestamp";
import { useOperationLabel } from "./use-activity-labels";
import { WeChatCalls } from "./wechat-calls";

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="space-y-2" data-testid={testId}>
      <h3 className="text-sm font-semibold">{title}</h3>
      {children}
    </section>
  );
}

/** The catalog's explanation of the entry's final errcode, in the operator's language, with its rid. */
function ErrorExplanation({ entry, errcode }: { entry: ActivityEntry; errcode: number }) {
  const locale = useLocale();
  const { title, meaning, action } = explainWeChatError(errcode, entry.errmsg ?? "", locale);
  const titleId = useId();
  return (
    <section
      aria-labelledby={titleId}
      className="rounded-md border border-destructive/40 bg-destructive/5 p-3"
      data-testid="activity-explanation"
    >
      <WeChatFailureDetails
        failure={{ errcode, rid: entry.rid, title, meaning: meaning || (entry.errmsg ?? ""), action }}
        titleAs="h3"
        titleId={titleId}
        titleClassName="font-semibold"
        accountId={entry.account?.id}
      />
    </section>
  );
}

function EntryFields({ entry }: { entry: ActivityEntry }) {
  const t = useTranslations("activity");
  const operationLabel = useOperationLabel();
  const format = useFormatter();
  return (
    <FieldList
      items={[
        { label: t("detail.fields.time"), name: "time", value: <Timestamp iso={entry.at} inline /> },
        {
          label: t("detail.fields.operator"),
          name: "operator",
          value: entry.operator ? (
            <span>
              {entry.operator.name ?? entry.operator.email}
              {entry.operator.name ? (
                <span className="text-muted-foreground"> · {entry.operator.email}</span>
              ) : null}
            </span>
          ) : (
            <span className="text-muted-foreground">{t("table.system")}</span>
          ),
        },
        {
          label: t("detail.fields.account"),
          name: "account",
          value: entry.account ? (
            <span>
              {entry.account.name}{" "}
              <span className="font-mono text-xs text-muted-foreground">{entry.account.appid}</span>
            </span>
          ) : (
            <None />
          ),
        },
        { label: t("detail.fields.operation"), name: "operation", value: operationLabel(entry.operation) },
        entry.prefix
          ? {
              label: t("detail.fields.prefix"),
              name: "prefix",
              value: <span className="font-mono text-xs">{entry.prefix}</span>,
            }
          : null,
        entry.targetAppid
          ? {
              label: t("detail.fields.target"),
              name: "target",
              value: <span className="font-mono text-xs">{entry.targetAppid}</span>,
            }
          : null,
        entry.summary ? { label: t("detail.fields.summary"), name: "summary", value: entry.summary } : null,
        {
          label: t("detail.fields.outcome"),
          name: "outcome",
          value: <OutcomeBadge outcome={entry.outcome} />,
        },
        entry.errcode !== null
          ? {
              label: t("detail.fields.errcode"),
              name: "errcode",
              value: <span className="font-mono">{entry.errcode}</span>,
            }
          : null,
        entry.errmsg
          ? {
              label: t("detail.fields.errmsg"),
              name: "errmsg",
              value: <span className="font-mono text-xs">{entry.errmsg}</span>,
            }
          : null,
        // With an errcode, the rid is shown (and copied) with the explanation below.
        entry.rid && entry.errcode === null
          ? {
              label: t("detail.fields.rid"),
              name: "rid",
              value: (
                <code className="font-mono text-xs" data-testid="activity-rid">
                  {entry.rid}
                </code>
              ),
            }
          : null,
        {
          label: t("detail.fields.latency"),
          name: "latency",
          value: entry.latencyMs === null ? <None /> : t("table.latency", { ms: entry.latencyMs }),
        },
        { label: t("detail.fields.attempts"), name: "attempts", value: format.number(entry.attempts) },
        entry.errcodesSeen.length > 0
          ? {
              label: t("detail.fields.errcodesSeen"),
              name: "errcodesSeen",
              value: <span className="font-mono text-xs">{entry.errcodesSeen.join(", ")}</span>,
            }
          : null,
        entry.batchId
          ? {
              label: t("detail.fields.batch"),
              name: "batch",
              value: t("detail.batchOf", { size: entry.batchSize ?? 1, id: entry.batchId }),
            }
          : null,
      ]}
    />
  );
}

function DetailBody({ detail }: { detail: ActivityDetail }) {
  const t = useTranslations("activity");
  const { entry } = detail;
  return (
    <div className="space-y-6 px-4 pb-6">
      <EntryFields entry={entry} />
      {entry.errcode !== null ? <ErrorExplanation entry={entry} errcode={entry.errcode} /> : null}
      {entry.rid ? (
        <Section title={t("lookup.title")} testId="activity-rid-lookup">
          <RidLookup entryId={entry.id} rid={entry.rid} />
        </Section>
      ) : null}
      <Section title={t("detail.request")} testId="activity-request">
        <JsonBlock value={detail.request} />
      </Section>
      <Section title={t("detail.result")} testId="activity-result">
        <JsonBlock value={detail.result} />
      </Section>
      <Section title={t("detail.calls")} testId="activity-calls">
        <WeChatCalls calls={detail.calls} />
      </Section>
    </div>
  );
}

function DetailSkeleton() {
  const t = useTranslations("activity.detail");
  return (
    <div className="space-y-4 px-4" aria-busy="true">
      <span role="status" className="sr-only">
        {t("loading")}
      </span>
      {Array.from({ length: 8 }, (_, index) => (
        <div key={index} className="grid grid-cols-[8rem_1fr] gap-4">
          <Skeleton className="h-4" />
          <Skeleton className="h-4 w-2/3" />
        </div>
      ))}
      <Skeleton className="h-32 w-full" />
    </div>
  );
}

function DetailState({ detail }: { detail: UseQueryResult<ActivityDetail> }) {
  const t = useTranslations("activity");
  const loadErrorText = useLoadErrorText();
  if (detail.data) return <DetailBody detail={detail.data} />;
  if (detail.isError) {
    const notFound = statusOf(detail.error) === 404;
    return (
      <div role="alert" className="mx-4 space-y-3 rounded-md border border-destructive/40 p-4 text-sm">
        <p>{notFound ? t("detail.notFound") : loadErrorText(detail.error)}</p>
        {notFound ? null : (
          <Button size="sm" variant="outline" onClick={() => void detail.refetch()}>
            {t("errors.retry")}
          </Button>
        )}
      </div>
    );
  }
  return <DetailSkeleton />;
}

/** The side drawer of one entry; open while the URL names an entry. */
export function EntrySheet({
  entryId,
  preview,
  onClose,
}: {
  entryId: string | undefined;
  /** The row the operator opened, shown in the header while the full entry loads. */
  preview: ActivityEntry | undefined;
  onClose: () => void;
}) {
  const t = useTranslations("activity");
  const format = useFormatter();
  const operationLabel = useOperationLabel();
  const detail = useQuery({
    queryKey: activityKeys.detail(entryId ?? ""),
    queryFn: ({ signal }) => fetchActivityDetail(entryId ?? "", signal),
    enabled: entryId !== undefined,
    // An entry never changes once written.
    staleTime: Infinity,
    retry: (failures, error) => statusOf(error) !== 404 && failures < 1,
  });
  const entry = detail.data?.entry ?? (preview?.id === entryId ? preview : undefined);

  const title = entry ? operationLabel(entry.operation) : t("detail.fallbackTitle");
  const description = entry
    ? (entry.summary ??
      t("detail.description", {
        time: format.dateTime(new Date(entry.at), { dateStyle: "medium", timeStyle: "medium" }),
      }))
    : t("detail.loading");

  return (
    <Sheet open={entryId !== undefined} onOpenChange={(open) => (open ? undefined : onClose())}>
      <SheetContent
        className="w-full sm:max-w-2xl"
        closeLabel={t("detail.close")}
        data-testid="activity-entry-sheet"
      >
        <SheetHeader>
          <SheetTitle>{title}</SheetTitle>
          {entry?.prefix ? (
            <p className="font-mono text-xs [overflow-wrap:anywhere]" data-testid="activity-sheet-prefix">
              {entry.prefix}
            </p>
          ) : null}
          <SheetDescription>{description}</SheetDescription>
        </SheetHeader>
        {entryId !== undefined ? <DetailState key={entryId} detail={detail} /> : null}
      </SheetContent>
    </Sheet>
  );
}
