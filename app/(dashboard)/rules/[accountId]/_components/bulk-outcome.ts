// What a publish or delete of rules reports, apart from the dialog that shows it (which loads on first use).
import type { AccountView, BulkResult, MirroredRule, RuleRef } from "@/lib/rules/contract";

export type BulkOperation = "publish" | "delete";

export interface BulkReport {
  operation: BulkOperation;
  result: BulkResult;
}

/** Where an operation was started: one row's menu, or the selection's toolbar. */
export type BulkOrigin = "row" | "selection";

/** What a publish or delete reports back to the page once the server has answered. */
export interface BulkOutcome extends BulkReport {
  origin: BulkOrigin;
  rules: MirroredRule[];
}

/** How the server names a rule: a Service Account's rule also names the Mini Program it opens. */
export function toRuleRef(account: AccountView, rule: MirroredRule): RuleRef {
  return account.kind === "officialaccount"
    ? { prefix: rule.prefix, targetAppid: rule.targetAppid }
    : { prefix: rule.prefix };
}
