"use client";

import { useTranslations } from "next-intl";

import type { AccountView, RuleSummary } from "@/lib/rules/contract";
import { type EditPlan, addsLeft } from "@/lib/rules/replace-plan";

/**
 * What a replace does, before it runs: its steps, why WeChat needs them, what it spends (publishes of
 * this month's, the Mini Program's type-B add budget) and the time during which scans fall back to the web page.
 */
export function ReplaceConfirmation({
  account,
  prefix,
  plan,
  budget,
}: {
  account: AccountView;
  prefix: string;
  plan: Extract<EditPlan, { replace: true }>;
  budget: Pick<RuleSummary, "publishQuota" | "addBudgets"> | undefined;
}) {
  const t = useTranslations("ruleForm.replace");
  const republish = plan.publishes > 0;
  const quota = budget?.publishQuota ?? null;
  const budgetOf = plan.addBudgetOf;
  const left = budgetOf ? addsLeft(budget?.addBudgets ?? null, budgetOf) : null;
  const programName = budgetOf
    ? (account.linkedMiniPrograms.find((program) => program.appid === budgetOf)?.name ?? budgetOf)
    : null;

  return (
    <div className="space-y-3 text-sm">
      <p>{t(`why.${plan.reasons[0] ?? "path"}`)}</p>
      <ol className="list-decimal space-y-1 pl-5" aria-label={t("stepsLabel")}>
        <li>{t("steps.delete", { prefix })}</li>
        <li>{t("steps.add")}</li>
        {republish ? <li>{t("steps.publish")}</li> : null}
      </ol>
      <div className="rounded-md border bg-muted/40 px-3 py-2" data-testid="replace-cost">
        <p className="font-medium">{t("costTitle")}</p>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            {republish
              ? quota === null
                ? t("cost.publishUnknown")
                : t("cost.publish", { left: quota })
              : t("cost.noPublish")}
          </li>
          {budgetOf ? (
            <li>
              {left === null
                ? t("cost.addUnknown", { name: programName ?? budgetOf })
                : t("cost.add", { name: programName ?? budgetOf, left })}
            </li>
          ) : null}
        </ul>
      </div>
      <p
        className="rounded-md border border-warning/40 bg-warning/10 px-3 py-2"
        data-testid="replace-fallback"
      >
        {plan.fallback ? t("fallback.published") : t("fallback.unpublished")}
      </p>
      <p className="text-muted-foreground">
        {republish ? t("onFailure.published") : t("onFailure.unpublished")}
      </p>
    </div>
  );
}
