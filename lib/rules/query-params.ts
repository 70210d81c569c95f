/**
 * The rules table's query as its URL holds it, so a filtered, sorted page can be shared and reloaded:
 * the parsers of `ruleQuerySchema` (`lib/schemas/queries.ts`, what the list endpoint parses with), and the
 * query they resolve to for one account.
 */
import type { inferParserType } from "nuqs";

import {
  literalParam,
  numberLiteralParam,
  pageParam,
  pageSizeParam,
  patternParam,
  textParam,
} from "../url-params";
import { APPID_PATTERN } from "../wechat/ids";
import {
  type AccountKind,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  MAX_RULE_SEARCH_LENGTH,
  RULE_SORT_COLUMNS,
  type RuleQuery,
} from "./contract";

export const ruleQueryParsers = {
  q: textParam(MAX_RULE_SEARCH_LENGTH),
  state: numberLiteralParam([1, 2]),
  target: patternParam(APPID_PATTERN),
  sort: literalParam(RULE_SORT_COLUMNS),
  dir: literalParam(["asc", "desc"]),
  page: pageParam,
  pageSize: pageSizeParam(MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
};

export type RuleQueryValues = inferParserType<typeof ruleQueryParsers>;

/** What "Clear filters" removes. */
export const RULE_FILTERS = ["q", "state", "target"] as const satisfies readonly (keyof RuleQueryValues)[];

/** A query with its paging filled in: what is fetched and what keys the cache. */
export type ResolvedRuleQuery = RuleQuery & { page: number; pageSize: number };

/** The query of an account's table: a Mini Program's rules have no target, an order always has a direction. */
export function resolveRuleQuery(values: RuleQueryValues, kind: AccountKind): ResolvedRuleQuery {
  const query: ResolvedRuleQuery = { page: values.page, pageSize: values.pageSize };
  if (values.q !== null) query.q = values.q;
  if (values.state !== null) query.state = values.state;
  if (values.target !== null && kind === "officialaccount") query.target = values.target;
  if (values.sort !== null) {
    query.sort = values.sort;
    query.dir = values.dir ?? "asc";
  }
  return query;
}

export function hasRuleFilters(query: RuleQuery): boolean {
  return RULE_FILTERS.some((name) => query[name] !== undefined);
}
