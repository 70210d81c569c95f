// The table's query lives in the URL, so a filtered, sorted page can be shared and reloaded.
"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useTransition } from "react";

import {
  type AccountKind,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type RuleQuery,
  type RuleSortColumn,
} from "@/lib/rules/contract";
import { ruleQueryToSearchParams } from "@/lib/rules/queries";
import { APPID_PATTERN } from "@/lib/wechat/ids";

/** A query with its paging filled in: what is fetched and what keys the cache. */
export type ResolvedRuleQuery = RuleQuery & { page: number; pageSize: number };

const SORT_COLUMNS: readonly RuleSortColumn[] = ["prefix", "path", "state"];
const MAX_SEARCH_LENGTH = 1024;

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 ? number : undefined;
}

/** Reads the query from search params, dropping anything the list endpoint would refuse. */
export function parseRuleQuery(params: URLSearchParams, kind: AccountKind): ResolvedRuleQuery {
  const query: ResolvedRuleQuery = { page: 1, pageSize: DEFAULT_PAGE_SIZE };
  const q = params.get("q");
  if (q) query.q = q.slice(0, MAX_SEARCH_LENGTH);
  const state = params.get("state");
  if (state === "1" || state === "2") query.state = Number(state) as 1 | 2;
  const target = params.get("target");
  if (kind === "officialaccount" && target && APPID_PATTERN.test(target)) query.target = target;
  const sort = params.get("sort");
  if (sort && (SORT_COLUMNS as readonly string[]).includes(sort)) {
    query.sort = sort as RuleSortColumn;
    query.dir = params.get("dir") === "desc" ? "desc" : "asc";
  }
  query.page = positiveInt(params.get("page")) ?? 1;
  query.pageSize = Math.min(positiveInt(params.get("pageSize")) ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  return query;
}

/** Search params for a query, leaving out the defaults so URLs stay short. */
function toUrlParams(query: ResolvedRuleQuery): URLSearchParams {
  return ruleQueryToSearchParams({
    ...query,
    page: query.page === 1 ? undefined : query.page,
    pageSize: query.pageSize === DEFAULT_PAGE_SIZE ? undefined : query.pageSize,
  });
}

export function hasFilters(query: RuleQuery): boolean {
  return Boolean(query.q) || query.state !== undefined || query.target !== undefined;
}

/**
 * The current query and a way to change it. Any change but paging starts again from the first page,
 * because the old page number means nothing in a different result set.
 */
export function useRuleQueryState(kind: AccountKind) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [navigating, startTransition] = useTransition();
  const serialized = searchParams.toString();
  const query = useMemo(() => parseRuleQuery(new URLSearchParams(serialized), kind), [serialized, kind]);

  const setQuery = useCallback(
    (patch: Partial<RuleQuery>) => {
      const next: ResolvedRuleQuery = { ...query, page: 1, ...patch } as ResolvedRuleQuery;
      for (const key of Object.keys(patch) as (keyof RuleQuery)[]) {
        if (patch[key] === undefined || patch[key] === "") delete next[key];
      }
      next.page ??= 1;
      next.pageSize ??= DEFAULT_PAGE_SIZE;
      if (!next.sort) delete next.dir;
      const params = toUrlParams(next).toString();
      if (params === serialized) return;
      startTransition(() => router.replace(params ? `${pathname}?${params}` : pathname, { scroll: false }));
    },
    [query, serialized, pathname, router],
  );

  const clearFilters = useCallback(
    () => setQuery({ q: undefined, state: undefined, target: undefined }),
    [setQuery],
  );

  return { query, setQuery, clearFilters, navigating };
}
