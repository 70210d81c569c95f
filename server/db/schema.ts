import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  inet,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import type { PreflightProblem } from "@/lib/verification/preflight-report";

export const operatorRole = pgEnum("operator_role", ["admin", "operator", "viewer"]);

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

export const operators = pgTable(
  "operators",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: operatorRole("role").notNull(),
    passwordHash: text("password_hash").notNull(),
    disabled: boolean("disabled").notNull().default(false),
    ...timestamps,
  },
  (table) => [uniqueIndex("operators_email_key").on(sql`lower(${table.email})`)],
);

/** Every sign-in attempt, kept for throttling and for the activity log. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    succeeded: boolean("succeeded").notNull(),
    refused: boolean("refused").notNull().default(false),
    ip: inet("ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("login_attempts_email_time_idx").on(table.email, table.createdAt)],
);

/**
 * The sign-in throttle, one row per email: `slots` holds the times of the
 * attempts of the last minute that failed or are still being checked. One
 * UPSERT takes a slot before a password is verified, so parallel attempts
 * cannot all pass the check (see server/auth/throttle.ts).
 */
export const loginThrottle = pgTable("login_throttle", {
  email: text("email").primaryKey(),
  slots: timestamp("slots", { withTimezone: true })
    .array()
    .notNull()
    .default(sql`'{}'`),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  /** Whether the latest UPSERT took a slot (read back through RETURNING). */
  granted: boolean("granted").notNull().default(false),
});

/**
 * Signed-in sessions. The id travels inside the session JWT, and a request is
 * served only while its row exists and is not revoked, so a session can be
 * ended on the server before its cookie expires.
 */
export const operatorSessions = pgTable(
  "operator_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    operatorId: uuid("operator_id")
      .notNull()
      .references(() => operators.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    userAgent: text("user_agent"),
    ip: inet("ip"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [index("operator_sessions_operator_idx").on(table.operatorId)],
);

/** Workspace-wide settings edited by admins, one row per key. */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedBy: uuid("updated_by").references(() => operators.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});

export const wechatAccountKind = pgEnum("wechat_account_kind", ["miniprogram", "officialaccount"]);
/**
 * How an access token is obtained: `stable` (/cgi-bin/stable_token) and `classic` (/cgi-bin/token) with the
 * account's AppSecret; `authorizer` through the third-party platform (api_authorizer_token with the
 * authorizer's refresh token). `component` is the platform's own component_access_token, cached in
 * `wechat_tokens` under the component AppID; no account has it.
 */
export const tokenMode = pgEnum("wechat_token_mode", ["stable", "classic", "authorizer", "component"]);

/**
 * A Mini Program or Service Account the workspace manages; the AppSecret is sealed (AES-256-GCM). An account
 * authorized through the third-party platform has no AppSecret here (token mode `authorizer`): its
 * authorization lives in `wechat_platform_authorizers`.
 */
export const wechatAccounts = pgTable("wechat_accounts", {
  id: uuid("id").primaryKey().defaultRandom(),
  appid: text("appid").notNull().unique(),
  kind: wechatAccountKind("kind").notNull(),
  name: text("name").notNull(),
  secretSealed: text("secret_sealed"),
  tokenMode: tokenMode("token_mode").notNull().default("stable"),
  disabled: boolean("disabled").notNull().default(false),
  /** Whether an operator's change set waits for an admin's approval before it is applied. */
  changesNeedApproval: boolean("changes_need_approval").notNull().default(false),
  ...timestamps,
});

/** Mini Programs a Service Account may open with its type-B rules. */
export const wechatAccountLinks = pgTable(
  "wechat_account_links",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => wechatAccounts.id, { onDelete: "cascade" }),
    miniProgramAppid: text("mini_program_appid").notNull(),
  },
  (table) => [uniqueIndex("wechat_account_links_key").on(table.accountId, table.miniProgramAppid)],
);

/** The cached access_token of each account, shared by every instance; sealed like the secrets. */
export const wechatTokens = pgTable("wechat_tokens", {
  appid: text("appid").primaryKey(),
  mode: tokenMode("mode").notNull(),
  tokenSealed: text("token_sealed").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
  fetchedAt: timestamp("fetched_at", { withTimezone: true, precision: 3 }).notNull(),
});

/** Recent qrcodejump calls per account: the shared ledger behind the 5-calls-a-second limit. */
export const wechatRateSlots = pgTable(
  "wechat_rate_slots",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    appid: text("appid").notNull(),
    at: timestamp("at", { withTimezone: true, precision: 6 }).notNull(),
  },
  (table) => [index("wechat_rate_slots_appid_at_idx").on(table.appid, table.at)],
);

/**
 * "pending" while an attempt waits for WeChat (written before the request leaves, so a crash leaves
 * it behind: outcome unknown); "unknown" when WeChat did not answer in time and its state could not
 * be read afterwards.
 */
export const callOutcome = pgEnum("wechat_call_outcome", [
  "success",
  "retried",
  "failed",
  "pending",
  "unknown",
]);

/**
 * Every attempt of every WeChat call: the raw material of the activity log. Never holds a token or
 * secret. Append-only: a trigger refuses deletes outside retention pruning, and updates except the
 * single completion of a pending attempt, which may not touch what identifies the call.
 */
export const wechatCalls = pgTable(
  "wechat_calls",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** Groups the attempts of one logical call. */
    callId: uuid("call_id").notNull(),
    /** The operator action this call belongs to, when one is known. */
    actionId: uuid("action_id"),
    operatorId: uuid("operator_id").references(() => operators.id, { onDelete: "set null" }),
    appid: text("appid").notNull(),
    operation: text("operation").notNull(),
    prefix: text("prefix"),
    requestBody: jsonb("request_body"),
    responseBody: jsonb("response_body"),
    errcode: integer("errcode"),
    errmsg: text("errmsg"),
    rid: text("rid"),
    /** For failures without a WeChat answer: "timeout", "network" or "malformed". */
    failure: text("failure"),
    /** How an uncertain attempt was settled, e.g. "confirmed by reading the rules". */
    note: text("note"),
    latencyMs: integer("latency_ms").notNull(),
    attempt: integer("attempt").notNull(),
    outcome: callOutcome("outcome").notNull(),
  },
  (table) => [
    index("wechat_calls_at_idx").on(table.at),
    index("wechat_calls_appid_at_idx").on(table.appid, table.at),
    index("wechat_calls_call_id_idx").on(table.callId),
  ],
);

export type Operator = typeof operators.$inferSelect;
export type WeChatAccount = typeof wechatAccounts.$inferSelect;
export type OperatorRole = (typeof operatorRole.enumValues)[number];

/**
 * The local mirror of each account's rules at WeChat, so the rule table opens
 * at once, searches every rule and pages on the server. `targetAppid` is the
 * Mini Program a rule opens: the account itself for type A, a linked Mini
 * Program for type B.
 */
export const wechatRules = pgTable(
  "wechat_rules",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => wechatAccounts.id, { onDelete: "cascade" }),
    targetAppid: text("target_appid").notNull(),
    prefix: text("prefix").notNull(),
    path: text("path").notNull(),
    /** 1 unpublished, 2 published. */
    state: smallint("state").notNull(),
    permitSubRule: smallint("permit_sub_rule"),
    openVersion: smallint("open_version"),
    debugUrls: jsonb("debug_urls").$type<string[]>().notNull().default([]),
    /** When this row was last written, by a sync or a change made here. */
    mirroredAt: timestamp("mirrored_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.accountId, table.targetAppid, table.prefix] }),
    index("wechat_rules_account_prefix_idx").on(table.accountId, table.prefix),
  ],
);

/**
 * The lifetime budget of 100,000 type-B `qrcodejumpadd` calls of each Mini Program (adds and edits
 * spend one, from any Service Account), counted from the product's own calls as they complete, so
 * pruning the call log does not give budget back. `spent`: attempts WeChat answered with success;
 * `uncertain`: attempts that reached WeChat and failed, or got no answer (WeChat does not say
 * whether they spend).
 */
export const typeBAddBudget = pgTable("type_b_add_budget", {
  miniProgramAppid: text("mini_program_appid").primaryKey(),
  spent: integer("spent").notNull().default(0),
  uncertain: integer("uncertain").notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/**
 * The last capability check of each account (lib/accounts/capability.ts): whether it can use
 * QR-code jump rules and, when not, what decided it.
 */
export const accountCapabilities = pgTable("account_capabilities", {
  accountId: uuid("account_id")
    .primaryKey()
    .references(() => wechatAccounts.id, { onDelete: "cascade" }),
  status: text("status").notNull(),
  errcode: integer("errcode"),
  missingSet: integer("missing_set"),
  checkedAt: timestamp("checked_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/** How fresh each account's mirror is, and what WeChat last said about quotas. */
export const wechatRuleSyncs = pgTable("wechat_rule_syncs", {
  accountId: uuid("account_id")
    .primaryKey()
    .references(() => wechatAccounts.id, { onDelete: "cascade" }),
  /** Set while a sync runs (a lease: a sync older than a few minutes is taken over). */
  startedAt: timestamp("started_at", { withTimezone: true, precision: 3 }),
  syncedAt: timestamp("synced_at", { withTimezone: true, precision: 3 }),
  /** The last failure: errcode (or null for no answer) and errmsg, cleared by a success. */
  errorCode: integer("error_code"),
  errorMessage: text("error_message"),
  failedAt: timestamp("failed_at", { withTimezone: true, precision: 3 }),
  featureOpen: boolean("feature_open"),
  publishQuota: integer("publish_quota"),
});

// "unknown": WeChat did not answer and its state could not be read afterwards, so whether the change was made
// is not known; never reported as a failure, which would say nothing changed.
export const activityOutcome = pgEnum("activity_outcome", ["success", "failure", "unknown"]);

/**
 * The activity log: one row per operator action (or per rule of a bulk
 * action), with the WeChat calls it made linked by `actionId`. Append-only: a
 * trigger refuses updates, and deletes outside retention pruning.
 */
export const activityEntries = pgTable(
  "activity_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    actionId: uuid("action_id").notNull().unique(),
    operatorId: uuid("operator_id"),
    operatorEmail: text("operator_email"),
    operatorName: text("operator_name"),
    accountId: uuid("account_id"),
    appid: text("appid"),
    accountName: text("account_name"),
    operation: text("operation").notNull(),
    prefix: text("prefix"),
    targetAppid: text("target_appid"),
    outcome: activityOutcome("outcome").notNull(),
    errcode: integer("errcode"),
    errmsg: text("errmsg"),
    rid: text("rid"),
    latencyMs: integer("latency_ms"),
    attempts: integer("attempts").notNull().default(0),
    errcodesSeen: integer("errcodes_seen")
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    batchId: uuid("batch_id"),
    batchSize: integer("batch_size"),
    request: jsonb("request"),
    result: jsonb("result"),
    /** For entries without a prefix: a message key and its values, translated when shown. */
    summary: jsonb("summary").$type<{ key: string; values?: Record<string, string | number> }>(),
  },
  (table) => [
    index("activity_entries_at_idx").on(table.at.desc(), table.id.desc()),
    index("activity_entries_account_at_idx").on(table.accountId, table.at.desc()),
    index("activity_entries_operator_at_idx").on(table.operatorId, table.at.desc()),
    index("activity_entries_operation_at_idx").on(table.operation, table.at.desc()),
    index("activity_entries_errcodes_idx").using("gin", table.errcodesSeen),
    // Prefix search is a substring search: trigrams keep it fast over 100,000 entries.
    index("activity_entries_prefix_trgm_idx").using("gin", table.prefix.op("gin_trgm_ops")),
  ],
);

/** The WeChat accounts an operator or viewer may see and act on (admins have every account). */
export const operatorAccountGrants = pgTable(
  "operator_account_grants",
  {
    operatorId: uuid("operator_id")
      .notNull()
      .references(() => operators.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => wechatAccounts.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.operatorId, table.accountId] })],
);

/** One-time set-password links: only the SHA-256 of the token is kept. */
export const passwordSetTokens = pgTable("password_set_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  operatorId: uuid("operator_id")
    .notNull()
    .references(() => operators.id, { onDelete: "cascade" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The workspace's third-party platform (service provider) settings: one row (`id` 1). The AppSecret, the
 * message token and the EncodingAESKey are sealed; so is the latest component_verify_ticket WeChat pushed.
 */
export const wechatPlatform = pgTable("wechat_platform", {
  id: smallint("id").primaryKey().default(1),
  componentAppid: text("component_appid").notNull(),
  secretSealed: text("secret_sealed").notNull(),
  messageTokenSealed: text("message_token_sealed").notNull(),
  aesKeySealed: text("aes_key_sealed").notNull(),
  verifyTicketSealed: text("verify_ticket_sealed"),
  verifyTicketAt: timestamp("verify_ticket_at", { withTimezone: true, precision: 3 }),
  updatedBy: uuid("updated_by").references(() => operators.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});

/**
 * What a merchant granted the platform, per account authorized through it: the authorizer refresh token
 * (sealed; WeChat may hand out a new one with each authorizer token), the permission sets (func_info ids),
 * and what api_get_authorizer_info said of the account. `unauthorizedAt` is set when WeChat reports that
 * the merchant withdrew the authorization (the account is disabled then).
 */
export const wechatPlatformAuthorizers = pgTable("wechat_platform_authorizers", {
  accountId: uuid("account_id")
    .primaryKey()
    .references(() => wechatAccounts.id, { onDelete: "cascade" }),
  componentAppid: text("component_appid").notNull(),
  refreshTokenSealed: text("refresh_token_sealed").notNull(),
  permissionSets: integer("permission_sets")
    .array()
    .notNull()
    .default(sql`'{}'::integer[]`),
  /** service_type_info.id: Service Accounts 0 subscription, 1 upgraded subscription, 2 service; Mini Programs 0. */
  serviceType: integer("service_type"),
  /** verify_type_info.id: -1 not verified, 0 and up verified (by WeChat or another route). */
  verifyType: integer("verify_type"),
  principalName: text("principal_name"),
  authorizedAt: timestamp("authorized_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  unauthorizedAt: timestamp("unauthorized_at", { withTimezone: true, precision: 3 }),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});

/**
 * Authorizations an admin started (an authorization link handed to a merchant): the SHA-256 of the state
 * carried by the redirect back, bound to that admin, single use, and valid as long as its pre-auth code.
 */
export const wechatPlatformAuthRequests = pgTable("wechat_platform_auth_requests", {
  stateHash: text("state_hash").primaryKey(),
  operatorId: uuid("operator_id")
    .notNull()
    .references(() => operators.id, { onDelete: "cascade" }),
  /** auth_type of the link: 1 Service Accounts, 2 Mini Programs, 3 both. */
  authType: smallint("auth_type").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

export type WeChatPlatformAuthorizer = typeof wechatPlatformAuthorizers.$inferSelect;

/**
 * A change set: the one way several rules of an account change at once (an imported file, a bulk
 * publish or delete, a revert of drift, a retry of failed rows). Planned against a fresh read of
 * WeChat, shown, then applied by a background job (pg-boss) that journals each step in
 * `change_set_items`. `lease_owner`/`lease_until`: the instance running it now; a lease that
 * lapses (its process died) is taken over by any instance, which resumes where the journal stops.
 */
export const changeSets = pgTable(
  "change_sets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => wechatAccounts.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    status: text("status").notNull(),
    /** The imported file's name and format, when there was one. */
    source: jsonb("source").$type<{ fileName: string; format: string } | null>(),
    deleteMissing: boolean("delete_missing").notNull().default(false),
    /** Counts per action and the cost (lib/changesets/contract.ts `PlanSummary`). */
    summary: jsonb("summary").notNull(),
    /** The language the job reports in: the planner's. */
    locale: text("locale").notNull(),
    createdBy: uuid("created_by").references(() => operators.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    appliedBy: uuid("applied_by").references(() => operators.id, { onDelete: "set null" }),
    decidedBy: uuid("decided_by").references(() => operators.id, { onDelete: "set null" }),
    decisionNote: text("decision_note"),
    queuedAt: timestamp("queued_at", { withTimezone: true, precision: 3 }),
    startedAt: timestamp("started_at", { withTimezone: true, precision: 3 }),
    finishedAt: timestamp("finished_at", { withTimezone: true, precision: 3 }),
    /** Set by pause and cancel; the runner honours it after the step in flight. */
    stopRequest: text("stop_request"),
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true, precision: 3 }),
    /** The activity entry of the job as a whole; each change is an entry of its own under it. */
    actionId: uuid("action_id").notNull().defaultRandom(),
    retryOf: uuid("retry_of"),
  },
  (table) => [
    index("change_sets_account_created_idx").on(table.accountId, table.createdAt.desc()),
    index("change_sets_status_idx").on(table.status),
    // One change set at a time per account: two jobs must never interleave their calls to one account.
    uniqueIndex("change_sets_one_active_idx")
      .on(table.accountId)
      .where(sql`status in ('queued', 'running', 'paused', 'cancelling')`),
  ],
);

/**
 * One row of a change set's plan, and its journal once applied: `doneSteps` counts the WeChat
 * steps finished (replace: delete, add, publish), `inFlight` is set just before a step's call and
 * cleared after, so a step found in flight after a crash is settled by reading WeChat first.
 */
export const changeSetItems = pgTable(
  "change_set_items",
  {
    changeSetId: uuid("change_set_id")
      .notNull()
      .references(() => changeSets.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    /** The row of the file it came from (1-based, after the header), when it came from one. */
    sourceRow: integer("source_row"),
    action: text("action").notNull(),
    prefix: text("prefix").notNull(),
    targetAppid: text("target_appid").notNull(),
    desired: jsonb("desired"),
    current: jsonb("current"),
    /** Invalid rows: the field and the message key of each reason; plan notes of valid rows. */
    problems: jsonb("problems").$type<{ field: string; key: string; values?: Record<string, string> }[]>(),
    state: text("state").notNull(),
    doneSteps: integer("done_steps").notNull().default(0),
    inFlight: boolean("in_flight").notNull().default(false),
    error: jsonb("error"),
    /** Where a failed replace left the rule (`restored`, `restoredUnpublished`, `lost`, `addedUnpublished`). */
    endState: text("end_state"),
    settled: boolean("settled").notNull().default(false),
    actionId: uuid("action_id"),
    startedAt: timestamp("started_at", { withTimezone: true, precision: 3 }),
    finishedAt: timestamp("finished_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [
    primaryKey({ columns: [table.changeSetId, table.seq] }),
    index("change_set_items_state_idx").on(table.changeSetId, table.state),
    index("change_set_items_finished_idx").on(table.changeSetId, table.finishedAt.desc()),
  ],
);

/**
 * Each account's desired rules: what WeChat holds once its last change set was applied (the rules
 * it planned, where their steps succeeded, and the others as they were). Drift is WeChat differing
 * from it.
 */
export const desiredRules = pgTable(
  "desired_rules",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => wechatAccounts.id, { onDelete: "cascade" }),
    targetAppid: text("target_appid").notNull(),
    prefix: text("prefix").notNull(),
    rule: jsonb("rule").notNull(),
    changeSetId: uuid("change_set_id"),
  },
  (table) => [primaryKey({ columns: [table.accountId, table.targetAppid, table.prefix] })],
);

/** The last drift check of each account: when, what differed, or why it could not run. */
export const driftChecks = pgTable("drift_checks", {
  accountId: uuid("account_id")
    .primaryKey()
    .references(() => wechatAccounts.id, { onDelete: "cascade" }),
  checkedAt: timestamp("checked_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  items: jsonb("items").notNull(),
  total: integer("total").notNull(),
  error: text("error"),
});

/**
 * Each account's verification file as `qrcodejumpdownload` last gave it, which the product serves at
 * `PUBLIC_URL/<VERIFICATION_PATH_PREFIX>/<appid>/<file_name>` so rules can be added under that
 * directory without the merchant hosting anything (REFERENCE §4). One file per account: a new
 * download replaces the old one, as WeChat's own reset does.
 */
export const hostedVerificationFiles = pgTable("hosted_verification_files", {
  accountId: uuid("account_id")
    .primaryKey()
    .references(() => wechatAccounts.id, { onDelete: "cascade" }),
  fileName: text("file_name").notNull(),
  fileContent: text("file_content").notNull(),
  /** When WeChat last gave the file. */
  fetchedAt: timestamp("fetched_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  /** When the name or content last changed. */
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

export const verificationCheckOutcome = pgEnum("verification_check_outcome", ["ok", "warning", "failed"]);

/**
 * The last recheck of each published Mini Program rule's verification file (`server/verification/recheck.ts`):
 * where the file was fetched, what the preflight found, and the certificate's end. One row per rule; a rule
 * no longer published, or gone from the mirror, loses its row at the next recheck.
 */
export const verificationChecks = pgTable(
  "verification_checks",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => wechatAccounts.id, { onDelete: "cascade" }),
    prefix: text("prefix").notNull(),
    /** The file's address; its directory alone when the file is not known here (`fileKnown` false). */
    fileUrl: text("file_url").notNull(),
    /** Whether the file's content was compared (the account's file is stored); else only the server was. */
    fileKnown: boolean("file_known").notNull(),
    checkedAt: timestamp("checked_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    outcome: verificationCheckOutcome("outcome").notNull(),
    /** The preflight's problems (`lib/verification/preflight-report.ts`), codes and facts. */
    problems: jsonb("problems").$type<PreflightProblem[]>().notNull().default([]),
    certNotAfter: timestamp("cert_not_after", { withTimezone: true, precision: 3 }),
    daysLeft: integer("days_left"),
  },
  (table) => [
    primaryKey({ columns: [table.accountId, table.prefix] }),
    index("verification_checks_outcome_idx").on(table.outcome),
  ],
);
