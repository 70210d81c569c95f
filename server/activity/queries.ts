import "server-only";

import {
  type SQL,
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNull,
  lte,
  not,
  or,
  sql,
} from "drizzle-orm";

import type {
  ActivityCall,
  ActivityDetail,
  ActivityEntry,
  ActivityOperation,
  ActivityPage,
  ActivityQuery,
} from "@/lib/activity/contract";
import { ACTIVITY_COUNT_CAP, ACTIVITY_MAX_PAGE_SIZE, ACTIVITY_PAGE_SIZE } from "@/lib/activity/contract";

import type { CurrentOperator } from "../auth/session";
import type { Database } from "../db";
import { activityEntries, wechatCalls } from "../db/schema";
import { visibleAccounts } from "../access/grants";

export { errorOverview } from "./error-overview";

type EntryRow = typeof activityEntries.$inferSelect;

function toEntry(
  row: EntryRow,
  summary: (key: string, values?: Record<string, string | number>) => string,
): ActivityEntry {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    operator:
      row.operatorEmail || row.operatorId
        ? { id: row.operatorId, email: row.operatorEmail ?? "", name: row.operatorName }
        : null,
    account:
      row.accountId && row.appid
        ? { id: row.accountId, appid: row.appid, name: row.accountName ?? row.appid }
        : null,
    operation: row.operation as ActivityOperation,
    prefix: row.prefix,
    targetAppid: row.targetAppid,
    outcome: row.outcome,
    errcode: row.errcode,
    errmsg: row.errmsg,
    rid: row.rid,
    latencyMs: row.latencyMs,
    attempts: row.attempts,
    errcodesSeen: row.errcodesSeen,
    batchId: row.batchId,
    batchSize: row.batchSize,
    summary: row.summary ? summary(row.summary.key, row.summary.values) : null,
  };
}

/** Translates an entry's summary key (under `activity.summary`). */
export type SummaryTranslator = (key: string, values?: Record<string, string | number>) => string;

/**
 * What an operator may read of the log: entries of accounts they may see, or
 * of no account; sign-in events of others only for admins.
 */
async function visibility(db: Database, operator: CurrentOperator): Promise<SQL> {
  if (operator.role === "admin") return sql`true`; // admins see every account and every sign-in
  const accounts = (await visibleAccounts(db, operator)).map((account) => account.id);
  const accountOk = or(
    isNull(activityEntries.accountId),
    accounts.length > 0 ? inArray(activityEntries.accountId, accounts) : sql`false`,
  );
  const signInOk = or(
    not(ilike(activityEntries.operation, "auth.%")),
    eq(activityEntries.operatorId, operator.id),
  );
  return and(accountOk, signInOk) ?? sql`true`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

async function whereOf(db: Database, operator: CurrentOperator, query: ActivityQuery): Promise<SQL> {
  const conditions: SQL[] = [await visibility(db, operator)];
  if (query.account) conditions.push(eq(activityEntries.accountId, query.account));
  if (query.operator) conditions.push(eq(activityEntries.operatorId, query.operator));
  if (query.operation) conditions.push(eq(activityEntries.operation, query.operation));
  if (query.outcome) conditions.push(eq(activityEntries.outcome, query.outcome));
  if (query.errcode !== undefined)
    conditions.push(sql`${activityEntries.errcodesSeen} @> array[${query.errcode}]::integer[]`);
  if (query.from) conditions.push(gte(activityEntries.at, new Date(query.from)));
  if (query.to) conditions.push(lte(activityEntries.at, new Date(query.to)));
  if (query.q) conditions.push(ilike(activityEntries.prefix, `%${escapeLike(query.q)}%`));
  return and(...conditions) ?? sql`true`;
}

/** One page of the log, newest first. */
export async function listActivity(
  db: Database,
  operator: CurrentOperator,
  query: ActivityQuery,
  summary: SummaryTranslator,
): Promise<ActivityPage> {
  const pageSize = Math.min(Math.max(query.pageSize ?? ACTIVITY_PAGE_SIZE, 1), ACTIVITY_MAX_PAGE_SIZE);
  const page = Math.max(query.page ?? 1, 1);
  const where = await whereOf(db, operator, query);
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(activityEntries)
      .where(where)
      .orderBy(desc(activityEntries.at), desc(activityEntries.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(
      db
        .select({ one: sql`1` })
        .from(activityEntries)
        .where(where)
        .limit(ACTIVITY_COUNT_CAP + 1)
        .as("capped"),
    ),
  ]);
  const total = totals?.total ?? 0;
  return {
    rows: rows.map((row) => toEntry(row, summary)),
    total: Math.min(total, ACTIVITY_COUNT_CAP),
    totalCapped: total > ACTIVITY_COUNT_CAP,
    page,
    pageSize,
  };
}

/** Every matching entry, newest first, for the CSV export (bounded). */
export async function exportActivity(
  db: Database,
  operator: CurrentOperator,
  query: ActivityQuery,
  summary: SummaryTranslator,
  limit = 100_000,
): Promise<ActivityEntry[]> {
  const rows = await db
    .select()
    .from(activityEntries)
    .where(await whereOf(db, operator, query))
    .orderBy(desc(activityEntries.at), desc(activityEntries.id))
    .limit(limit);
  return rows.map((row) => toEntry(row, summary));
}

/** One entry with the operator's request, the result and every WeChat call attempt; null when not visible. */
export async function getActivityDetail(
  db: Database,
  operator: CurrentOperator,
  id: number,
  summary: SummaryTranslator,
): Promise<ActivityDetail | null> {
  const [row] = await db
    .select()
    .from(activityEntries)
    .where(and(eq(activityEntries.id, id), await visibility(db, operator)));
  if (!row) return null;
  const calls = await db
    .select()
    .from(wechatCalls)
    .where(eq(wechatCalls.actionId, row.actionId))
    .orderBy(asc(wechatCalls.id));
  return {
    entry: toEntry(row, summary),
    request: row.request,
    result: row.result,
    calls: calls.map((call): ActivityCall => ({
      id: String(call.id),
      at: call.at.toISOString(),
      operation: call.operation,
      attempt: call.attempt,
      errcode: call.errcode,
      errmsg: call.errmsg,
      rid: call.rid,
      latencyMs: call.latencyMs,
      outcome: call.outcome,
      failure: call.failure,
      note: call.note,
      requestBody: call.requestBody,
      responseBody: call.responseBody,
    })),
  };
}
