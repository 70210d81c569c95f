/**
 * What the rules pages and the server exchange: the mirrored rules, the
 * table's query, the header figures, and per-row results of bulk operations.
 * Browser-safe types only.
 */
import type { Capability } from "../accounts/capability";
import type { ActionError } from "../action-result";

export type AccountKind = "miniprogram" | "officialaccount";
/** 1 unpublished, 2 published (WeChat's `state`). */
export type RuleState = 1 | 2;
/** 1: others may add rules under this prefix; 2: occupied, they may not (85072). */
export type PermitSubRule = 1 | 2;
/** 1 develop build, 2 trial build, 3 release build: what test links open. */
export type OpenVersion = 1 | 2 | 3;

/** A rule as the local mirror holds it. */
export interface MirroredRule {
  /** Stable row id: `${targetAppid}|${prefix}`. */
  id: string;
  prefix: string;
  path: string;
  state: RuleState;
  /** Type A: the Mini Program itself; type B: the linked Mini Program the QR code opens. */
  targetAppid: string;
  /** Type A only (null for type B). */
  permitSubRule: PermitSubRule | null;
  openVersion: OpenVersion | null;
  debugUrls: string[];
}

/** The columns the rules table sorts by on the server. */
export const RULE_SORT_COLUMNS = ["prefix", "path", "state"] as const;
export type RuleSortColumn = (typeof RULE_SORT_COLUMNS)[number];

/** The table's query, as the URL and the list endpoint carry it (`lib/schemas/queries.ts` is its schema). */
export interface RuleQuery {
  /** Prefix substring, case-insensitive. */
  q?: string;
  state?: RuleState;
  /** Type B: only the rules opening this Mini Program. */
  target?: string;
  sort?: RuleSortColumn;
  dir?: "asc" | "desc";
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

/** Header figures and the mirror's freshness. */
export interface RuleSummary {
  kind: AccountKind;
  /** Rules mirrored for the account (all targets). */
  ruleCount: number;
  /** Of them, the published ones. */
  publishedCount: number;
  /** Type A: a rule's first test link, to scan with a phone (the set-up checklist); null when none has one. */
  firstTestLink: { prefix: string; url: string; openVersion: OpenVersion | null } | null;
  /** Type A: 100 per Mini Program; type B: null (thousands are allowed). */
  ruleLimit: number | null;
  /**
   * Service Accounts: each linked Mini Program's lifetime budget of type-B adds (100,000; adds and
   * edits spend one), as counted from the product's own calls. Null for Mini Programs.
   */
  addBudgets: { miniProgramAppid: string; limit: number; spent: number; uncertain: number }[] | null;
  /** The account's last capability check, or null before the first. */
  capability: Capability | null;
  /** From the last sync: publishes left this month, and whether the feature is on. Null before the first sync. */
  publishQuota: number | null;
  featureOpen: boolean | null;
  /** ISO time of the last successful sync; null when never synced. */
  syncedAt: string | null;
  /** A sync is running now. */
  syncing: boolean;
  /** The last sync failed with this (already translated) message. */
  syncError: string | null;
}

/** GET /api/accounts/:accountId/rules */
export interface RulePage {
  rows: MirroredRule[];
  /** Rows matching the query (for paging). */
  total: number;
  page: number;
  pageSize: number;
  summary: RuleSummary;
}

/** Identifies a rule for publish and delete: type B also names its Mini Program. */
export interface RuleRef {
  prefix: string;
  targetAppid?: string;
}

/** One row of a bulk publish or delete. */
export type RowResult = (RuleRef & { ok: true }) | (RuleRef & { ok: false; error: ActionError });

export interface BulkResult {
  results: RowResult[];
  /** Publishes left after a publish, when WeChat told us. */
  publishQuota?: number | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** The longest prefix search the table sends (and the search box takes). */
export const MAX_RULE_SEARCH_LENGTH = 1024;
/** WeChat's limit of type-A rules per Mini Program (REFERENCE §1). */
export const TYPE_A_RULE_LIMIT = 100;
/** At most this many rules in one bulk operation. */
export const MAX_BULK = 100;

/** The account the rules page manages, as the browser may see it (never a secret). */
export interface AccountView {
  id: string;
  appid: string;
  kind: AccountKind;
  name: string;
  /** Service Account: the Mini Programs its QR codes may open (name when the workspace has that account). */
  linkedMiniPrograms: { appid: string; name: string | null }[];
}
