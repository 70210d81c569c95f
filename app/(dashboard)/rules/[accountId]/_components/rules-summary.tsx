"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2, RefreshCw, TriangleAlert } from "lucide-react";
import { useFormatter, useNow, useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { CapabilityNotice } from "@/components/accounts/capability";
import { TermHelp } from "@/components/help/term-help";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { toast, toastWarning } from "@/components/ui/toaster";
import { ActionErrorDetails } from "@/components/wechat/wechat-failure";
import type { AccountView, RuleSummary } from "@/lib/rules/contract";
import { ruleKeys } from "@/lib/rules/queries";
import { syncRules } from "@/server/actions/rules";

import { AddBudgets } from "./add-budgets";

function Figure({
  label,
  help,
  children,
  hint,
  testId,
}: {
  label: string;
  /** Beside the label (a `TermHelp`). */
  help?: ReactNode;
  children: ReactNode;
  hint?: ReactNode;
  testId: string;
}) {
  return (
    <div className="rounded-lg border p-3" data-testid={testId}>
      <dt className="flex items-center gap-1 text-xs text-muted-foreground">
        {label}
        {help}
      </dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums">{children}</dd>
      {hint ? <dd className="mt-0.5 text-xs text-muted-foreground">{hint}</dd> : null}
    </div>
  );
}

function SyncedAt({ iso }: { iso: string }) {
  const format = useFormatter();
  const now = useNow({ updateInterval: 30_000 });
  const date = new Date(iso);
  // A server clock slightly ahead must not read "in 2 seconds".
  const shown = date > now ? now : date;
  return (
    // Drawn on the server a moment before the browser hydrates it: the seconds may differ by one or two,
    // and the next tick of `now` brings them up to date.
    <time
      dateTime={iso}
      title={format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" })}
      suppressHydrationWarning
    >
      {format.relativeTime(shown, now)}
    </time>
  );
}

/** The account's heading, its figures (rules used, publishes left, feature switch, freshness) and the Sync button. */
export function RulesSummary({
  account,
  summary,
  capabilityShownElsewhere = false,
}: {
  account: AccountView;
  summary: RuleSummary | undefined;
  /** The set-up checklist above says what stops the account: the notice is not repeated. */
  capabilityShownElsewhere?: boolean;
}) {
  const t = useTranslations("rules");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const typeA = account.kind === "miniprogram";

  const sync = useMutation({
    mutationFn: () => syncRules({ accountId: account.id }),
    onSuccess: (result) => {
      if (result.ok) toast.success(t("sync.done"));
      toastWarning(result);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ruleKeys.account(account.id) }),
  });

  const syncing = summary?.syncing === true;
  const actionError = sync.data && !sync.data.ok ? sync.data.error : null;
  // An account WeChat never lets use the feature (a personal Mini Program) says so once, in its notice:
  // a failed read of its rules is that same refusal, with no retry that could work.
  const unusable = summary?.capability?.status === "personal";
  const syncFailed = !unusable && !sync.isPending && (actionError || sync.isError || summary?.syncError);

  const pending = <Skeleton className="mt-1 h-6 w-20" />;

  return (
    <header className="space-y-4 border-b pb-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-1">
          <p className="text-sm font-medium text-muted-foreground">{t("page.eyebrow")}</p>
          <h1 className="truncate text-2xl font-semibold tracking-tight">{account.name}</h1>
          <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
            <Badge variant="secondary" data-testid="account-kind">
              {t(`kind.${account.kind}`)}
            </Badge>
            <code className="font-mono text-xs">{account.appid}</code>
            <span>{typeA ? t("page.typeA") : t("page.typeB")}</span>
          </p>
        </div>
        <Button
          variant="outline"
          onClick={() => sync.mutate()}
          pending={sync.isPending}
          disabled={syncing}
          title={t("sync.description")}
        >
          {sync.isPending ? null : <RefreshCw aria-hidden className={syncing ? "animate-spin" : undefined} />}
          {t("sync.button")}
        </Button>
      </div>

      <section aria-label={t("figures.label")}>
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <Figure
            label={t("figures.rules")}
            testId="figure-rules"
            hint={
              summary
                ? summary.ruleLimit !== null
                  ? t("figures.rulesUsedHint", { limit: summary.ruleLimit })
                  : t("figures.rulesHint")
                : undefined
            }
          >
            {!summary
              ? pending
              : summary.ruleLimit !== null
                ? t("figures.rulesUsed", { count: summary.ruleCount, limit: summary.ruleLimit })
                : format.number(summary.ruleCount)}
          </Figure>
          <Figure
            label={t("figures.publishQuota")}
            help={<TermHelp term="publishQuota" />}
            testId="figure-publish-quota"
            hint={summary?.publishQuota != null ? t("figures.publishQuotaHint") : undefined}
          >
            {!summary ? (
              pending
            ) : summary.publishQuota !== null ? (
              format.number(summary.publishQuota)
            ) : (
              <span className="text-base font-normal text-muted-foreground">{t("figures.notSynced")}</span>
            )}
          </Figure>
          <Figure
            label={t("figures.feature")}
            testId="figure-feature"
            hint={summary?.featureOpen === false ? t("figures.featureOffHint") : undefined}
          >
            {!summary ? (
              pending
            ) : summary.featureOpen === null ? (
              <span className="text-base font-normal text-muted-foreground">{t("figures.notSynced")}</span>
            ) : summary.featureOpen ? (
              <Badge variant="success">{t("figures.featureOn")}</Badge>
            ) : (
              <Badge variant="warning">{t("figures.featureOff")}</Badge>
            )}
          </Figure>
          <Figure
            label={t("figures.lastSynced")}
            testId="figure-synced"
            hint={
              syncing ? (
                <span role="status" className="inline-flex items-center gap-1">
                  <Loader2 aria-hidden className="size-3 animate-spin" />
                  {t("figures.syncing")}
                </span>
              ) : undefined
            }
          >
            {!summary ? (
              pending
            ) : summary.syncedAt ? (
              <SyncedAt iso={summary.syncedAt} />
            ) : (
              <span className="text-base font-normal text-muted-foreground">{t("figures.never")}</span>
            )}
          </Figure>
        </dl>
      </section>

      {capabilityShownElsewhere ? null : (
        <CapabilityNotice
          accountId={account.id}
          accountName={account.name}
          capability={summary?.capability ?? null}
          onChecked={() => void queryClient.invalidateQueries({ queryKey: ruleKeys.account(account.id) })}
        />
      )}

      {summary?.addBudgets ? (
        <AddBudgets account={account} budgets={summary.addBudgets} />
      ) : !summary && account.kind === "officialaccount" ? (
        <AddBudgets account={account} budgets={undefined} />
      ) : null}

      {syncFailed ? (
        <div
          role="alert"
          data-testid="sync-error"
          className="flex flex-wrap items-start gap-3 rounded-md border border-destructive/50 bg-destructive/10 p-3 text-sm"
        >
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-destructive" />
          <div className="min-w-0 flex-1 space-y-1">
            <p className="font-medium text-destructive">{t("sync.failedTitle")}</p>
            {actionError ? (
              <ActionErrorDetails error={actionError} accountId={account.id} />
            ) : sync.isError ? (
              <p>{t("error.unexpected")}</p>
            ) : (
              <p>{summary?.syncError}</p>
            )}
          </div>
          <Button size="sm" variant="outline" onClick={() => sync.mutate()} disabled={syncing}>
            {t("sync.retry")}
          </Button>
        </div>
      ) : null}
    </header>
  );
}
