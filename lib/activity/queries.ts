/**
 * React Query keys and fetchers of the activity pages. Entries are append-only,
 * so nothing is invalidated by hand: lists and the overview go stale on a timer.
 */
import type { ActionError } from "../action-result";
import type { ActivityDetail, ActivityPage, ActivityQuery, ErrorOverview, OverviewRange } from "./contract";

export const activityKeys = {
  all: ["activity"] as const,
  list: (query: ActivityQuery) => ["activity", "list", query] as const,
  detail: (id: string) => ["activity", "detail", id] as const,
  overview: (range: OverviewRange, account: string | undefined) =>
    ["activity", "overview", range, account ?? null] as const,
};

/** Serialises filters for the list and export endpoints and for the page's URL (empty values left out). */
export function activityQueryToSearchParams(query: ActivityQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  return params;
}

/** The CSV download of every entry matching the filters (paging is ignored). */
export function activityExportHref(query: ActivityQuery): string {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  const params = activityQueryToSearchParams(filters).toString();
  return params ? `/api/activity/export?${params}` : "/api/activity/export";
}

export class ActivityRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ActivityRequestError";
  }
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: "application/json" } });
  const body = (await response.json().catch(() => null)) as (T & { error?: ActionError }) | null;
  if (!response.ok || !body)
    throw new ActivityRequestError(response.status, body?.error?.message ?? response.statusText);
  return body;
}

/** One page of the log, newest first. */
export function fetchActivityPage(query: ActivityQuery, signal?: AbortSignal): Promise<ActivityPage> {
  const params = activityQueryToSearchParams(query).toString();
  return getJson<ActivityPage>(params ? `/api/activity?${params}` : "/api/activity", signal);
}

/** One entry with the operator's request, the result and every WeChat call attempt. */
export function fetchActivityDetail(id: string, signal?: AbortSignal): Promise<ActivityDetail> {
  return getJson<ActivityDetail>(`/api/activity/${encodeURIComponent(id)}`, signal);
}

/** Errors over time by errcode, the most frequent ones and per-account call figures. */
export function fetchErrorOverview(
  range: OverviewRange,
  account: string | undefined,
  signal?: AbortSignal,
): Promise<ErrorOverview> {
  const params = activityQueryToSearchParams({ account });
  params.set("range", range);
  return getJson<ErrorOverview>(`/api/activity/overview?${params.toString()}`, signal);
}
