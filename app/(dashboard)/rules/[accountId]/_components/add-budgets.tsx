"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { Skeleton } from "@/components/ui/skeleton";
import type { AccountView, RuleSummary } from "@/lib/rules/contract";

/**
 * A Service Account's linked Mini Programs and how much of each one's lifetime budget of type-B adds
 * (100,000, spent by every add and edit) the product's calls have used. Without `budgets` (the figures
 * are on their way) it is drawn for the linked Mini Programs the page knows, with placeholders for the
 * figures, so it is there with the first paint and nothing moves when they arrive.
 */
export function AddBudgets({
  account,
  budgets,
}: {
  account: AccountView;
  budgets: NonNullable<RuleSummary["addBudgets"]> | undefined;
}) {
  const t = useTranslations("rules.figures");
  const nameOf = new Map(account.linkedMiniPrograms.map((mp) => [mp.appid, mp.name]));
  if (!budgets) {
    if (account.linkedMiniPrograms.length === 0) return null;
    return (
      <AddBudgetsFrame account={account}>
        {account.linkedMiniPrograms.map((mp) => (
          <li key={mp.appid} className="space-y-1" aria-hidden>
            <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
              <span className="min-w-0 truncate">
                {mp.name ?? mp.appid}{" "}
                <code className="font-mono text-xs text-muted-foreground">{mp.appid}</code>
              </span>
              <Skeleton className="h-5 w-28" />
            </div>
            <Skeleton className="h-1.5 rounded-full" />
          </li>
        ))}
      </AddBudgetsFrame>
    );
  }
  if (budgets.length === 0) return null;
  return (
    <AddBudgetsFrame account={account}>
      {budgets.map((budget) => {
        const used = Math.min(1, budget.spent / budget.limit);
        return (
          <li key={budget.miniProgramAppid} className="space-y-1" data-testid="add-budget">
            <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
              <span className="min-w-0 truncate">
                {nameOf.get(budget.miniProgramAppid) ?? budget.miniProgramAppid}{" "}
                <code className="font-mono text-xs text-muted-foreground">{budget.miniProgramAppid}</code>
              </span>
              <span className="font-semibold tabular-nums">
                {t("addBudgetUsed", { spent: budget.spent, limit: budget.limit })}
              </span>
            </div>
            <div
              role="meter"
              aria-label={t("addBudgetMeter", {
                name: nameOf.get(budget.miniProgramAppid) ?? budget.miniProgramAppid,
              })}
              aria-valuemin={0}
              aria-valuemax={budget.limit}
              aria-valuenow={budget.spent}
              aria-valuetext={t("addBudgetUsed", { spent: budget.spent, limit: budget.limit })}
              className="h-1.5 overflow-hidden rounded-full bg-muted"
            >
              <div className="h-full bg-primary" style={{ width: `${(used * 100).toFixed(2)}%` }} />
            </div>
            {budget.uncertain > 0 ? (
              <p className="text-xs text-muted-foreground">
                {t("addBudgetUncertain", { count: budget.uncertain })}
              </p>
            ) : null}
          </li>
        );
      })}
    </AddBudgetsFrame>
  );
}

function AddBudgetsFrame({ account, children }: { account: AccountView; children: ReactNode }) {
  const t = useTranslations("rules.figures");
  return (
    <section
      aria-labelledby={`add-budget-${account.id}`}
      className="rounded-lg border p-3"
      data-testid="add-budgets"
    >
      <h2 id={`add-budget-${account.id}`} className="text-xs text-muted-foreground">
        {t("addBudget")}
      </h2>
      <ul className="mt-2 space-y-2">{children}</ul>
      <p className="mt-2 text-xs text-muted-foreground">{t("addBudgetHint")}</p>
    </section>
  );
}
