/**
 * React Query keys and fetchers of the activity pages. Entries are append-only,
 * so nothing is invalidated by hand: lists and the overview go stale on a timer.
 */
import { getJson, withQuery } from "../api-client";
import type { ActivityDetail, ActivityPage, ActivityQuery, ErrorOverview, OverviewRange } from "./contract";

export const activityKeys = {
  all: ["activity"] as const,
  list: (query: ActivityQuery) => ["activity", "list", query] as const,
  detail: (id: string) => ["activity", "detail", id] as const,
  overview: (range: OverviewRange, account: string | undefined) =>
    ["activity", "overview", range, account ?? null] as const,
};

/** The CSV download of every entry matching the filters (paging is ignored). */
export function activityExportHref(query: ActivityQuery): string {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return withQuery("/api/activity/export", filters);
}

/** One page of the log, newest first. */
export function fetchActivityPage(query: ActivityQuery, signal?: AbortSignal): Promise<ActivityPage> {
  return getJson<ActivityPage>(withQuery("/api/activity", query), signal);
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
  return getJson<ErrorOverview>(withQuery("/api/activity/overview", { account, range }), signal);
}
