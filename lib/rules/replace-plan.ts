/**
 * How an edit of a stored rule reaches WeChat (REFERENCE §2): `is_edit: 1` changes only the test scope,
 * the occupy flag and the test links of an unpublished type-A rule; anything else is a replace (delete,
 * add, and publish again if it was published). The server decides with it and the form shows with it
 * what a replace will cost before it runs, so both read the same rule.
 */
import type { MirroredRule, RuleSummary } from "./contract";

/** The fields of an edit that decide how it is made. */
export type EditedValues = { kind: "A"; path: string } | { kind: "B"; path: string; appid: string };

/** Why an edit must be a replace, first reason first. */
export type ReplaceReason = "published" | "path" | "target";

export type EditPlan =
  | { replace: false }
  | {
      replace: true;
      reasons: ReplaceReason[];
      /** Publishes it spends of this month's (1 when the rule was published, since it is published again). */
      publishes: number;
      /** Type B: the Mini Program whose lifetime budget of adds the replace spends one of. */
      addBudgetOf: string | null;
      /** Whether scans fall back to the web page from the delete until the publish (the rule was published). */
      fallback: boolean;
    };

export function planEdit(existing: MirroredRule, values: EditedValues): EditPlan {
  const reasons: ReplaceReason[] = [];
  const published = existing.state === 2;
  if (published) reasons.push("published");
  if (values.path !== existing.path) reasons.push("path");
  if (values.kind === "B") {
    if (values.appid !== existing.targetAppid) reasons.push("target");
    // A type-B rule has none of the fields WeChat edits in place: any change is a replace.
    else if (reasons.length === 0) reasons.push("path");
  }
  if (reasons.length === 0) return { replace: false };
  return {
    replace: true,
    reasons,
    publishes: published ? 1 : 0,
    addBudgetOf: values.kind === "B" ? values.appid : null,
    fallback: published,
  };
}

/** The adds left of a Mini Program's lifetime budget, as the rules page counts them; null when unknown. */
export function addsLeft(budgets: RuleSummary["addBudgets"], miniProgramAppid: string): number | null {
  const budget = budgets?.find((candidate) => candidate.miniProgramAppid === miniProgramAppid);
  return budget ? Math.max(0, budget.limit - budget.spent) : null;
}
