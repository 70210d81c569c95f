/**
 * React Query keys and fetchers of the rules pages. Every change invalidates
 * `ruleKeys.account(id)`, which covers the table's pages and header figures.
 */
import type { ActionError } from "../action-result";
import type { RulePage, RuleQuery } from "./contract";

export const ruleKeys = {
  account: (accountId: string) => ["rules", accountId] as const,
  list: (accountId: string, query: RuleQuery) => ["rules", accountId, "list", query] as const,
  verificationFile: (accountId: string) => ["rules", accountId, "verification-file"] as const,
};

/** Serialises a query for the list endpoint and the page's URL (defaults left out). */
export function ruleQueryToSearchParams(query: RuleQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  return params;
}

export class RuleListError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "RuleListError";
  }
}

/** One page of an account's mirrored rules, with the header figures. */
export async function fetchRulePage(
  accountId: string,
  query: RuleQuery,
  signal?: AbortSignal,
): Promise<RulePage> {
  const response = await fetch(
    `/api/accounts/${encodeURIComponent(accountId)}/rules?${ruleQueryToSearchParams(query).toString()}`,
    { signal, headers: { accept: "application/json" } },
  );
  const body = (await response.json().catch(() => null)) as (RulePage & { error?: ActionError }) | null;
  if (!response.ok || !body)
    throw new RuleListError(response.status, body?.error?.message ?? response.statusText);
  return body;
}
