"use client";

import { useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import { ActionErrorDetails } from "@/components/wechat/wechat-failure";
import type { PlanItem } from "@/lib/changesets/contract";

const ACTION_VARIANT = {
  add: "success",
  edit: "secondary",
  replace: "warning",
  publish: "default",
  delete: "destructive",
  unchanged: "outline",
  invalid: "destructive",
} as const;

/** A row's action as a badge. */
export function ItemAction({ item }: { item: PlanItem }) {
  const t = useTranslations("changeSets.actions");
  return (
    <Badge variant={ACTION_VARIANT[item.action]} data-testid="item-action" data-action={item.action}>
      {t(item.action)}
    </Badge>
  );
}

/** Why a row is invalid (the form's own reasons, on the column to blame), and notes on valid rows. */
export function ItemProblems({ item }: { item: PlanItem }) {
  // Problems name their whole key (`changeSets.problems.…` or `validation.…`).
  const translate = useTranslations();
  const columns = useTranslations("changeSets.columns");
  if (item.problems.length === 0) return null;
  return (
    <ul
      className={
        item.action === "invalid"
          ? "space-y-0.5 text-sm text-destructive"
          : "space-y-0.5 text-xs text-muted-foreground"
      }
    >
      {item.problems.map((problem, index) => {
        const key = problem.key as Parameters<typeof translate>[0];
        const text = translate.has(key) ? translate(key, problem.values) : problem.key;
        const column = columns.has(problem.field as "prefix")
          ? columns(problem.field as "prefix")
          : problem.field;
        return (
          <li key={index}>
            <span className="font-medium">{column}</span>
            {problem.values?.index ? ` ${problem.values.index}` : ""}: {text}
          </li>
        );
      })}
    </ul>
  );
}

/** How a row went: its state, WeChat's explanation when it failed, where a failed replace left the rule. */
export function ItemOutcome({ item }: { item: PlanItem }) {
  const t = useTranslations("changeSets");
  return (
    <div className="space-y-1">
      <span className="text-sm" data-testid="item-state" data-state={item.state}>
        {t(`states.${item.state}`)}
        {item.settled ? ` · ${t("settled")}` : ""}
      </span>
      {item.endState ? <p className="text-sm font-medium">{t(`endStates.${item.endState}`)}</p> : null}
      {item.error ? <ActionErrorDetails error={item.error} className="text-destructive" /> : null}
    </div>
  );
}
