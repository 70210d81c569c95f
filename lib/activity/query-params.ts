/**
 * The activity page's state as its URL holds it (tab, overview range, the log's filters and page, the open
 * entry), so any view can be shared and reloaded. The log's parsers are those of `activityQuerySchema`
 * (`lib/schemas/queries.ts`, what the list and export endpoints parse with), plus `last`, a window ending
 * now that is resolved when the log is fetched.
 */
import type { Nullable, inferParserType } from "nuqs";

import {
  integerParam,
  isoTimeParam,
  literalParam,
  pageParam,
  pageSizeParam,
  patternParam,
  textParam,
  uuidParam,
} from "../url-params";
import {
  ACTIVITY_ENTRY_ID,
  ACTIVITY_MAX_PAGE_SIZE,
  ACTIVITY_OPERATIONS,
  ACTIVITY_OUTCOMES,
  ACTIVITY_PAGE_SIZE,
  type ActivityQuery,
  DEFAULT_OVERVIEW_RANGE,
  MAX_ACTIVITY_SEARCH_LENGTH,
  OVERVIEW_RANGES,
  type OverviewRange,
} from "./contract";

export const ACTIVITY_TABS = ["overview", "log"] as const;
export type ActivityTab = (typeof ACTIVITY_TABS)[number];

const HOUR_MS = 60 * 60 * 1000;
export const RANGE_MS: Record<OverviewRange, number> = {
  "24h": 24 * HOUR_MS,
  "7d": 7 * 24 * HOUR_MS,
  "30d": 30 * 24 * HOUR_MS,
};

/** The log's filters and page. */
export const logQueryParsers = {
  account: uuidParam,
  operator: uuidParam,
  operation: literalParam(ACTIVITY_OPERATIONS),
  outcome: literalParam(ACTIVITY_OUTCOMES),
  errcode: integerParam(),
  from: isoTimeParam,
  to: isoTimeParam,
  last: literalParam(OVERVIEW_RANGES),
  q: textParam(MAX_ACTIVITY_SEARCH_LENGTH),
  page: pageParam,
  pageSize: pageSizeParam(ACTIVITY_MAX_PAGE_SIZE, ACTIVITY_PAGE_SIZE),
};

/** Everything the page keeps in its URL. `account` is shared: the overview is filtered by the log's account. */
export const activityParsers = {
  view: literalParam(ACTIVITY_TABS).withDefault("overview"),
  range: literalParam(OVERVIEW_RANGES).withDefault(DEFAULT_OVERVIEW_RANGE),
  entry: patternParam(ACTIVITY_ENTRY_ID),
  ...logQueryParsers,
};

export type ActivityValues = inferParserType<typeof activityParsers>;
/** A change of the page state: a value to set, null to remove the parameter (back to its default). */
export type ActivityPatch = Partial<Nullable<ActivityValues>>;

/** Neither opening an entry nor switching tabs changes what the log lists, so they keep its page. */
export const ACTIVITY_PAGE_KEEPERS = ["view", "entry"] as const satisfies readonly (keyof ActivityValues)[];

/** What "Clear filters" removes. */
export const LOG_FILTERS = [
  "account",
  "operator",
  "operation",
  "outcome",
  "errcode",
  "from",
  "to",
  "last",
  "q",
] as const satisfies readonly (keyof ActivityValues)[];

/** The log's query as the URL holds it: `last` is a window ending now, resolved when the log is fetched. */
export interface LogQuery extends ActivityQuery {
  page: number;
  pageSize: number;
  last?: OverviewRange;
}

export interface ActivityParams {
  tab: ActivityTab;
  /** The overview's range. */
  range: OverviewRange;
  log: LogQuery;
  /** The entry shown in the detail drawer. */
  entry?: string;
}

/** The page state; an explicit window wins over a relative one. */
export function resolveActivityParams(values: ActivityValues): ActivityParams {
  const log: LogQuery = { page: values.page, pageSize: values.pageSize };
  if (values.account !== null) log.account = values.account;
  if (values.operator !== null) log.operator = values.operator;
  if (values.operation !== null) log.operation = values.operation;
  if (values.outcome !== null) log.outcome = values.outcome;
  if (values.errcode !== null) log.errcode = values.errcode;
  if (values.q !== null) log.q = values.q;
  if (values.from !== null || values.to !== null) {
    if (values.from !== null) log.from = values.from;
    if (values.to !== null) log.to = values.to;
  } else if (values.last !== null) {
    log.last = values.last;
  }
  return {
    tab: values.view,
    range: values.range,
    log,
    ...(values.entry !== null ? { entry: values.entry } : {}),
  };
}

export function hasLogFilters(log: LogQuery): boolean {
  return LOG_FILTERS.some((name) => log[name] !== undefined);
}

/** The filters the list endpoint gets: a relative window becomes an absolute one, ending `now`. */
export function resolveLogQuery(log: LogQuery, now: number): ActivityQuery {
  const { last, ...query } = log;
  return last ? { ...query, from: new Date(now - RANGE_MS[last]).toISOString() } : query;
}
