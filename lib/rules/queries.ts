/**
 * React Query keys and fetchers of the rules pages. Every change invalidates
 * `ruleKeys.account(id)`, which covers the table's pages and header figures.
 */
import { getJson, withQuery } from "../api-client";
import type { RulePage, RuleQuery } from "./contract";

export const ruleKeys = {
  account: (accountId: string) => ["rules", accountId] as const,
  list: (accountId: string, query: RuleQuery) => ["rules", accountId, "list", query] as const,
  verificationFile: (accountId: string) => ["rules", accountId, "verification-file"] as const,
  verificationHosting: (accountId: string) => ["rules", accountId, "verification-hosting"] as const,
};

/** One page of an account's mirrored rules, with the header figures. */
export function fetchRulePage(accountId: string, query: RuleQuery, signal?: AbortSignal): Promise<RulePage> {
  return getJson<RulePage>(withQuery(`/api/accounts/${encodeURIComponent(accountId)}/rules`, query), signal);
}
