/**
 * What the activity pages and the server exchange: the append-only record of
 * operator actions with the WeChat calls underneath, its filters, and the
 * error overview. Browser-safe types only; nothing here ever holds a token or
 * an AppSecret.
 */

/** What an operator did (or what the product did for them). */
export const ACTIVITY_OPERATIONS = [
  "rule.add",
  "rule.edit",
  // Entries written before a published rule's changes became replaces; none is made any more.
  "rule.retake",
  "rule.replace",
  "rule.publish",
  "rule.delete",
  "rules.sync",
  "rid.lookup",
  "auth.signIn",
  "auth.signInFailed",
  "auth.signInRefused",
  "settings.update",
  "account.create",
  "account.update",
  "account.delete",
  "account.check",
  "account.authorize",
  "account.unauthorize",
  "platform.update",
  "operator.create",
  "operator.update",
  "activity.prune",
  "action.refused",
  "changes.plan",
  "changes.apply",
  "changes.decide",
  "changes.control",
  "changes.finish",
  "drift.adopt",
  "verification.host",
  // A published rule's verification file or certificate turned warning or failed at a recheck, or recovered.
  "verification.recheck",
] as const;
export type ActivityOperation = (typeof ACTIVITY_OPERATIONS)[number];

/** "unknown": WeChat did not answer and its rules could not be read afterwards; the change may have been made. */
export const ACTIVITY_OUTCOMES = ["success", "failure", "unknown"] as const;
export type ActivityOutcome = (typeof ACTIVITY_OUTCOMES)[number];

/** One operator action, as the activity table lists it. */
export interface ActivityEntry {
  /** A bigserial, as a string. */
  id: string;
  /** ISO time. */
  at: string;
  /** Null for what the product did by itself (background sync, pruning). */
  operator: { id: string | null; email: string; name: string | null } | null;
  account: { id: string; appid: string; name: string } | null;
  operation: ActivityOperation;
  prefix: string | null;
  /** Type B: the Mini Program the rule opens. */
  targetAppid: string | null;
  outcome: ActivityOutcome;
  /** The final WeChat errcode when the action failed at WeChat. */
  errcode: number | null;
  errmsg: string | null;
  rid: string | null;
  /** Whole action, all attempts included. */
  latencyMs: number | null;
  /** WeChat calls made (attempts, retries included). */
  attempts: number;
  /** Every errcode WeChat answered on the way, retried ones included (e.g. 44990 then success). */
  errcodesSeen: number[];
  /** Rows of one bulk operation share a batch id. */
  batchId: string | null;
  batchSize: number | null;
  /** A one-line, already translated description for entries without a prefix (e.g. pruning). */
  summary: string | null;
}

/** One attempt of one WeChat call made for an entry. */
export interface ActivityCall {
  id: string;
  at: string;
  operation: string;
  attempt: number;
  errcode: number | null;
  errmsg: string | null;
  rid: string | null;
  latencyMs: number;
  /** "pending": no answer was recorded (the process stopped while waiting): outcome unknown. */
  outcome: "success" | "retried" | "failed" | "pending" | "unknown";
  /** "timeout", "network" or "malformed" when WeChat gave no usable answer. */
  failure: string | null;
  note: string | null;
  /** What was sent, without the access token. */
  requestBody: unknown;
  responseBody: unknown;
}

/** GET /api/activity/:id */
export interface ActivityDetail {
  entry: ActivityEntry;
  /** The operator's input (never a secret). */
  request: unknown;
  /** What the action answered (e.g. per-row results). */
  result: unknown;
  calls: ActivityCall[];
}

/** The activity table's filters, as the URL and GET /api/activity carry them (`lib/schemas/queries.ts` is its schema). */
export interface ActivityQuery {
  account?: string;
  operator?: string;
  operation?: ActivityOperation;
  outcome?: ActivityOutcome;
  /** Entries whose WeChat calls answered this errcode (finally or on the way). */
  errcode?: number;
  /** ISO times. */
  from?: string;
  to?: string;
  /** Prefix substring. */
  q?: string;
  page?: number;
  pageSize?: number;
}

/** GET /api/activity */
export interface ActivityPage {
  rows: ActivityEntry[];
  /** Matching entries, counted up to ACTIVITY_COUNT_CAP (then `totalCapped` is true: "10,000+"). */
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

export const OVERVIEW_RANGES = ["24h", "7d", "30d"] as const;
export type OverviewRange = (typeof OVERVIEW_RANGES)[number];
export const DEFAULT_OVERVIEW_RANGE: OverviewRange = "7d";

/** GET /api/activity/overview?range=&account= */
export interface ErrorOverview {
  range: OverviewRange;
  /** ISO start of each bucket (hours for 24h, days otherwise), oldest first, every bucket present. */
  buckets: { start: string; counts: Record<string, number> }[];
  /** The errcodes that occur in the buckets, most frequent first. */
  codes: number[];
  /** Most frequent errors in the range, with where they happened. */
  top: {
    errcode: number;
    count: number;
    /** Of them, errors of calls that then succeeded (the product recovered by itself). */
    recovered: number;
    lastAt: string;
    accounts: { id: string; name: string; count: number }[];
  }[];
  /** Per account: WeChat calls (logical, retries folded), share that succeeded, median latency of an attempt. */
  perAccount: {
    id: string;
    appid: string;
    name: string;
    calls: number;
    successRate: number | null;
    medianLatencyMs: number | null;
  }[];
}

/** What WeChat saw of a call, by rid (`/cgi-bin/openapi/rid/get`). */
export interface RidLookup {
  invokeTime: string;
  costInMs: number;
  requestUrl: string;
  requestBody: string;
  responseBody: string;
  clientIp: string;
}

/** Filter choices the activity page offers. */
export interface ActivityFacets {
  accounts: { id: string; appid: string; name: string }[];
  operators: { id: string; email: string; name: string }[];
}

export const ACTIVITY_PAGE_SIZE = 50;
/** Counting every one of 100,000 entries on each view is slow; beyond this the count says "more than". */
export const ACTIVITY_COUNT_CAP = 10_000;
export const ACTIVITY_MAX_PAGE_SIZE = 200;
/** The longest prefix search the log sends (and its search box takes). */
export const MAX_ACTIVITY_SEARCH_LENGTH = 1024;
/** An entry's id as `/api/activity/[id]` takes it: positive, and small enough to stay exact in JavaScript. */
export const ACTIVITY_ENTRY_ID = /^[1-9]\d{0,14}$/;
