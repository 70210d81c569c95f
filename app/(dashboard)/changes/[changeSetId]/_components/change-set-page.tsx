"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";

import { ProgressBar } from "@/components/changesets/progress-bar";
import { ChangeSetStatusBadge } from "@/components/changesets/status-badge";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { statusOf } from "@/lib/api-client";
import { ACTIVE_STATUSES } from "@/lib/changesets/contract";
import { accountChangesHref, changeSetKeys, fetchChangeSet } from "@/lib/changesets/queries";

import { ChangeSetActions } from "./change-set-actions";
import { PlanOverview } from "./plan-overview";
import { PlanRows } from "./plan-rows";
import { RecentRows } from "./recent-rows";

/** While a change set is being applied, its page asks for its progress this often. */
const POLL_MS = 1_000;

export function ChangeSetPage({ changeSetId }: { changeSetId: string }) {
  const t = useTranslations("changeSets.page");
  const kinds = useTranslations("changeSets.kinds");
  const format = useFormatter();
  const view = useQuery({
    queryKey: changeSetKeys.one(changeSetId),
    queryFn: ({ signal }) => fetchChangeSet(changeSetId, signal),
    refetchInterval: (query) =>
      query.state.data && ACTIVE_STATUSES.includes(query.state.data.status) ? POLL_MS : false,
  });
  if (view.isError)
    return (
      <p role="alert" className="text-sm text-destructive">
        {statusOf(view.error) === 404 ? t("notFound") : t("failed")}
      </p>
    );
  const changeSet = view.data;
  if (!changeSet) return <Skeleton className="h-64 w-full" />;
  const active = ACTIVE_STATUSES.includes(changeSet.status);
  const started = changeSet.startedAt !== null;
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("heading", { kind: kinds(changeSet.kind), name: changeSet.accountName })}
        description={t("created", {
          at: format.dateTime(new Date(changeSet.createdAt), { dateStyle: "medium", timeStyle: "short" }),
          by: changeSet.createdBy ?? "—",
          file: changeSet.source?.fileName ?? "",
        })}
        actions={
          <>
            <ChangeSetStatusBadge status={changeSet.status} />
            <Button asChild variant="outline" size="sm">
              <Link href={accountChangesHref(changeSet.accountId)}>
                <ArrowLeft aria-hidden />
                {t("back")}
              </Link>
            </Button>
          </>
        }
      />
      {changeSet.decisionNote ? (
        <p className="rounded-md border bg-muted/40 p-3 text-sm" data-testid="decision-note">
          {t("decision", { by: changeSet.decidedBy ?? "—", note: changeSet.decisionNote })}
        </p>
      ) : null}
      <PlanOverview changeSet={changeSet} />
      <ChangeSetActions changeSet={changeSet} />
      {started || active ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("progress")}</CardTitle>
          </CardHeader>
          <CardContent className="space-y-4">
            <ProgressBar progress={changeSet.progress} label={t("progress")} />
            {changeSet.stopRequest ? (
              <p className="text-sm text-warning" aria-live="polite">
                {t(changeSet.stopRequest === "pause" ? "pausing" : "cancelling")}
              </p>
            ) : null}
            <RecentRows changeSet={changeSet} />
          </CardContent>
        </Card>
      ) : null}
      <PlanRows changeSet={changeSet} />
    </div>
  );
}
