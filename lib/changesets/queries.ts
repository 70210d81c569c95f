/**
 * React Query keys and fetchers of the change-set pages. A change set's page polls its view while
 * it is being applied; every action on it invalidates `changeSetKeys.one(id)`.
 */
import { getJson, withQuery } from "../api-client";
import type {
  ChangeSetListItem,
  ChangeSetView,
  DriftReport,
  ItemState,
  PlanAction,
  PlanItemPage,
} from "./contract";

export const changeSetKeys = {
  account: (accountId: string) => ["change-sets", "account", accountId] as const,
  one: (changeSetId: string) => ["change-sets", changeSetId] as const,
  items: (changeSetId: string, query: PlanItemQuery) => ["change-sets", changeSetId, "items", query] as const,
};

export interface PlanItemQuery {
  action?: PlanAction;
  state?: ItemState;
  page?: number;
  pageSize?: number;
}

export interface AccountChanges {
  changeSets: ChangeSetListItem[];
  drift: DriftReport;
  changesNeedApproval: boolean;
}

export function fetchAccountChanges(accountId: string, signal?: AbortSignal): Promise<AccountChanges> {
  return getJson(`/api/accounts/${encodeURIComponent(accountId)}/change-sets`, signal);
}

export function fetchChangeSet(changeSetId: string, signal?: AbortSignal): Promise<ChangeSetView> {
  return getJson(`/api/change-sets/${encodeURIComponent(changeSetId)}`, signal);
}

export function fetchPlanItems(
  changeSetId: string,
  query: PlanItemQuery,
  signal?: AbortSignal,
): Promise<PlanItemPage> {
  return getJson(withQuery(`/api/change-sets/${encodeURIComponent(changeSetId)}/items`, query), signal);
}

/** Where a change set's page is. */
export const changeSetHref = (changeSetId: string) => `/changes/${encodeURIComponent(changeSetId)}`;
/** Where an account's change sets (import, export, drift) are. */
export const accountChangesHref = (accountId: string) => `/rules/${encodeURIComponent(accountId)}/changes`;
