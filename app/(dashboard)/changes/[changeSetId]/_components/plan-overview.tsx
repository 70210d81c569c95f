"use client";

import { useTranslations } from "next-intl";

import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { type ChangeSetView, PLAN_ACTIONS } from "@/lib/changesets/contract";
import { cn } from "@/lib/utils";

function minutes(seconds: number): { minutes: number; seconds: number } {
  return { minutes: Math.floor(seconds / 60), seconds: seconds % 60 };
}

/** What the plan does, row by row in counts, and what it costs before it runs. */
export function PlanOverview({ changeSet }: { changeSet: ChangeSetView }) {
  const t = useTranslations("changeSets.plan");
  const actions = useTranslations("changeSets.actions");
  const refused = useTranslations("actionErrors");
  const { counts, cost, refusals, missing } = changeSet.summary;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7" data-testid="plan-counts">
          {PLAN_ACTIONS.map((action) => (
            <div
              key={action}
              className={cn(
                "rounded-md border p-3",
                action === "delete" && counts.delete > 0 && "border-destructive/40 bg-destructive/5",
                action === "invalid" && counts.invalid > 0 && "border-warning/40 bg-warning/5",
              )}
            >
              <dt className="text-xs text-muted-foreground">{actions(action)}</dt>
              <dd
                className={cn(
                  "text-xl font-semibold tabular-nums",
                  action === "delete" && counts.delete > 0 && "text-destructive",
                )}
                data-testid={`plan-count-${action}`}
              >
                {counts[action]}
              </dd>
            </div>
          ))}
        </dl>
        {changeSet.kind === "import" && !changeSet.deleteMissing && missing > 0 ? (
          <p className="text-sm text-muted-foreground">{t("missingKept", { count: missing })}</p>
        ) : null}
        {changeSet.deleteMissing && counts.delete > 0 ? (
          <p className="text-sm font-medium text-destructive" data-testid="plan-deletes-missing">
            {t("missingDeleted", { count: counts.delete })}
          </p>
        ) : null}
        <div className="space-y-1 text-sm" data-testid="plan-cost">
          <h3 className="font-medium">{t("cost")}</h3>
          <ul className="list-inside list-disc space-y-0.5 text-muted-foreground">
            <li>{t("calls", { calls: cost.calls, ...minutes(cost.seconds) })}</li>
            <li>
              {cost.publishesLeft === null
                ? t("publishesUnknown", { publishes: cost.publishes })
                : t("publishes", { publishes: cost.publishes, left: cost.publishesLeft })}
            </li>
            {cost.addBudget.map((budget) => (
              <li key={budget.miniProgramAppid}>
                {t("addBudget", { spends: budget.spends, left: budget.left, appid: budget.miniProgramAppid })}
              </li>
            ))}
            {cost.ruleCount ? <li>{t("ruleCount", cost.ruleCount)}</li> : null}
          </ul>
        </div>
        {refusals.length > 0 && changeSet.status === "planned" ? (
          <div
            role="alert"
            className="space-y-1 rounded-md border border-destructive/40 bg-destructive/5 p-3 text-sm"
            data-testid="plan-refusals"
          >
            <p className="font-medium text-destructive">{t("refused")}</p>
            <ul className="list-inside list-disc">
              {refusals.map((refusal) => (
                <li key={refusal.key}>{refused(`changeSetRefused_${refusal.key}`, refusal.values)}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
