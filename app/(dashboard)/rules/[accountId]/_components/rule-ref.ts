import type { AccountView, MirroredRule, RuleRef } from "@/lib/rules/contract";

/** How the server names a rule: a Service Account's rule also names the Mini Program it opens. */
export function toRuleRef(account: AccountView, rule: MirroredRule): RuleRef {
  return account.kind === "officialaccount"
    ? { prefix: rule.prefix, targetAppid: rule.targetAppid }
    : { prefix: rule.prefix };
}
