// The whole page state lives in the URL (tab, filters, page, open entry), so any view can be shared and reloaded.
"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useTransition } from "react";

import {
  ACTIVITY_MAX_PAGE_SIZE,
  ACTIVITY_OPERATIONS,
  ACTIVITY_PAGE_SIZE,
  type ActivityOperation,
  type ActivityQuery,
  type OverviewRange,
} from "@/lib/activity/contract";

export type ActivityTab = "overview" | "log";

export const OVERVIEW_RANGES: readonly OverviewRange[] = ["24h", "7d", "30d"];
export const DEFAULT_RANGE: OverviewRange = "7d";

const HOUR_MS = 60 * 60 * 1000;
export const RANGE_MS: Record<OverviewRange, number> = {
  "24h": 24 * HOUR_MS,
  "7d": 7 * 24 * HOUR_MS,
  "30d": 30 * 24 * HOUR_MS,
};

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

/** Every search param the page uses. */
export type ParamName =
  | "view"
  | "range"
  | "account"
  | "operator"
  | "operation"
  | "outcome"
  | "errcode"
  | "from"
  | "to"
  | "last"
  | "q"
  | "page"
  | "pageSize"
  | "entry";

export type ParamPatch = Partial<Record<ParamName, string | number | undefined>>;

/** What "Clear filters" removes. */
export const LOG_FILTER_PARAMS = [
  "account",
  "operator",
  "operation",
  "outcome",
  "errcode",
  "from",
  "to",
  "last",
  "q",
] as const satisfies readonly ParamName[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENTRY_ID = /^\d{1,18}$/;
const MAX_SEARCH_LENGTH = 1024;

function isRange(value: string | null): value is OverviewRange {
  return value !== null && (OVERVIEW_RANGES as readonly string[]).includes(value);
}

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d{1,9}$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 ? number : undefined;
}

function isoTime(value: string | null): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Reads the page state, dropping anything the endpoints would refuse. */
export function parseActivityParams(params: URLSearchParams): ActivityParams {
  const log: LogQuery = { page: 1, pageSize: ACTIVITY_PAGE_SIZE };
  const account = params.get("account");
  if (account && UUID.test(account)) log.account = account;
  const operator = params.get("operator");
  if (operator && UUID.test(operator)) log.operator = operator;
  const operation = params.get("operation");
  if (operation && (ACTIVITY_OPERATIONS as readonly string[]).includes(operation)) {
    log.operation = operation as ActivityOperation;
  }
  const outcome = params.get("outcome");
  if (outcome === "success" || outcome === "failure" || outcome === "unknown") log.outcome = outcome;
  const errcode = params.get("errcode");
  if (errcode && /^-?\d{1,9}$/.test(errcode)) log.errcode = Number(errcode);
  const from = isoTime(params.get("from"));
  const to = isoTime(params.get("to"));
  const last = params.get("last");
  // An explicit window wins over a relative one.
  if (from || to) {
    if (from) log.from = from;
    if (to) log.to = to;
  } else if (isRange(last)) {
    log.last = last;
  }
  const q = params.get("q")?.trim();
  if (q) log.q = q.slice(0, MAX_SEARCH_LENGTH);
  log.page = positiveInt(params.get("page")) ?? 1;
  log.pageSize = Math.min(positiveInt(params.get("pageSize")) ?? ACTIVITY_PAGE_SIZE, ACTIVITY_MAX_PAGE_SIZE);

  const range = params.get("range");
  const entry = params.get("entry");
  return {
    tab: params.get("view") === "log" ? "log" : "overview",
    range: isRange(range) ? range : DEFAULT_RANGE,
    log,
    ...(entry && ENTRY_ID.test(entry) ? { entry } : {}),
  };
}

export function hasLogFilters(log: LogQuery): boolean {
  return LOG_FILTER_PARAMS.some((name) => log[name] !== undefined);
}

/** The filters the list endpoint gets: a relative window becomes an absolute one, ending `now`. */
export function resolveLogQuery(log: LogQuery, now: number): ActivityQuery {
  const { last, ...query } = log;
  return last ? { ...query, from: new Date(now - RANGE_MS[last]).toISOString() } : query;
}

const DEFAULTS: ParamPatch = {
  view: "overview",
  range: DEFAULT_RANGE,
  page: 1,
  pageSize: ACTIVITY_PAGE_SIZE,
};

/**
 * Applies a patch to search params. Any change but paging or the open entry starts again from the
 * first page, because the old page number means nothing in a different result set.
 */
export function patchSearchParams(current: URLSearchParams, patch: ParamPatch): URLSearchParams {
  const next = new URLSearchParams(current);
  const names = Object.keys(patch) as ParamName[];
  if (names.some((name) => name !== "page" && name !== "pageSize" && name !== "entry" && name !== "view")) {
    next.delete("page");
  }
  for (const name of names) {
    const value = patch[name];
    if (value === undefined || value === "" || String(value) === String(DEFAULTS[name] ?? "")) {
      next.delete(name);
    } else {
      next.set(name, String(value));
    }
  }
  // Sorted, so the same view always has the same address.
  next.sort();
  return next;
}

/** The page state and ways to change it (history is replaced, not pushed: filters are not pages). */
export function useActivityParams() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [navigating, startTransition] = useTransition();
  const serialized = searchParams.toString();
  const params = useMemo(() => parseActivityParams(new URLSearchParams(serialized)), [serialized]);

  const hrefFor = useCallback(
    (patch: ParamPatch) => {
      const next = patchSearchParams(new URLSearchParams(serialized), patch).toString();
      return next ? `${pathname}?${next}` : pathname;
    },
    [serialized, pathname],
  );

  const update = useCallback(
    (patch: ParamPatch) => {
      const href = hrefFor(patch);
      const current = serialized ? `${pathname}?${serialized}` : pathname;
      if (href === current) return;
      startTransition(() => router.replace(href, { scroll: false }));
    },
    [hrefFor, serialized, pathname, router],
  );

  return { params, update, hrefFor, navigating };
}
