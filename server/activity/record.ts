import "server-only";

import { randomUUID } from "node:crypto";

import { asc, eq, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";

import type { ActivityOperation, ActivityOutcome } from "@/lib/activity/contract";

import { warn } from "../actions/warnings";
import type { Database, Transaction } from "../db";
import { activityEntries, wechatCalls } from "../db/schema";
import { redactBody } from "../wechat/call-log";

export interface ActivityActor {
  id: string | null;
  email: string;
  name: string | null;
}

export interface ActivityAccount {
  id: string;
  appid: string;
  name: string;
}

export interface ActivityFacts {
  operation: ActivityOperation;
  operator: ActivityActor | null;
  account?: ActivityAccount | null;
  prefix?: string | null;
  targetAppid?: string | null;
  outcome: ActivityOutcome;
  errcode?: number | null;
  errmsg?: string | null;
  rid?: string | null;
  latencyMs?: number | null;
  batchId?: string | null;
  batchSize?: number | null;
  request?: unknown;
  result?: unknown;
  summary?: { key: string; values?: Record<string, string | number> } | null;
}

export type { Transaction };

/**
 * Appends one entry to the activity log. The WeChat calls made under
 * `actionId` give its attempt count and every errcode met on the way.
 * Inside a transaction a failure is thrown, so the change it records rolls
 * back with it; outside one (entries about reads and refusals) it is logged
 * and swallowed, since the entry is all there is to lose.
 */
export async function recordActivity(
  db: Database | Transaction,
  actionId: string,
  facts: ActivityFacts,
): Promise<void> {
  if (db instanceof PgTransaction) return writeActivity(db, actionId, facts);
  try {
    await writeActivity(db, actionId, facts);
  } catch (error) {
    console.error(
      `[activity] could not record a ${facts.operation} entry:`,
      error instanceof Error ? error.message : error,
    );
  }
}

async function writeActivity(
  db: Database | Transaction,
  actionId: string,
  facts: ActivityFacts,
): Promise<void> {
  const calls = await db
    .select({
      errcode: wechatCalls.errcode,
      errmsg: wechatCalls.errmsg,
      rid: wechatCalls.rid,
      attempt: wechatCalls.attempt,
    })
    .from(wechatCalls)
    .where(eq(wechatCalls.actionId, actionId))
    .orderBy(asc(wechatCalls.id));
  const seen = [
    ...new Set(
      calls.map((call) => call.errcode).filter((code): code is number => code !== null && code !== 0),
    ),
  ];
  if (facts.errcode && !seen.includes(facts.errcode)) seen.push(facts.errcode);
  // WeChat's own words for the final error, from the call that got it.
  const final = facts.errcode ? calls.findLast((call) => call.errcode === facts.errcode) : undefined;
  facts = { ...facts, errmsg: facts.errmsg ?? final?.errmsg ?? null, rid: facts.rid ?? final?.rid ?? null };
  await db.insert(activityEntries).values({
    actionId,
    operatorId: facts.operator?.id ?? null,
    operatorEmail: facts.operator?.email ?? null,
    operatorName: facts.operator?.name ?? null,
    accountId: facts.account?.id ?? null,
    appid: facts.account?.appid ?? null,
    accountName: facts.account?.name ?? null,
    operation: facts.operation,
    prefix: facts.prefix ?? null,
    targetAppid: facts.targetAppid ?? null,
    outcome: facts.outcome,
    errcode: facts.errcode ?? null,
    errmsg: facts.errmsg ?? null,
    rid: facts.rid ?? null,
    latencyMs: facts.latencyMs === undefined || facts.latencyMs === null ? null : Math.round(facts.latencyMs),
    // Sends of one and the same call: a read that confirms a change is a call of its own, not a retry.
    attempts: calls.reduce((most, call) => Math.max(most, call.attempt), 0),
    errcodesSeen: seen,
    batchId: facts.batchId ?? null,
    batchSize: facts.batchSize ?? null,
    request: facts.request === undefined ? null : redactBody(facts.request),
    result: facts.result ?? null,
    summary: facts.summary ?? null,
  });
}

/**
 * A local change and its activity entry in one transaction: both are stored or
 * neither is, so no change goes unrecorded. `facts` is read inside the
 * transaction, after the change, with what the change returned; it is null
 * only when the change found nothing to change (a spent link, say).
 */
export function changeWithActivity<T>(
  db: Database,
  actionId: string,
  change: (tx: Transaction) => Promise<T>,
  facts: (value: T, tx: Transaction) => ActivityFacts | null | Promise<ActivityFacts | null>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const value = await change(tx);
    const entry = await facts(value, tx);
    if (entry) await recordActivity(tx, actionId, entry);
    return value;
  });
}

const RECORD_ATTEMPTS = 3;

/**
 * The entry of a change WeChat has already applied, which no rollback can
 * undo: tried a few times, and when it still cannot be written the server logs
 * it at error level and the action's result carries `warning`, so the change is
 * reported as made and its missing entry is not silent. True when written.
 */
export async function recordAfterWeChat(
  db: Database,
  actionId: string,
  facts: ActivityFacts,
  warning: string,
): Promise<boolean> {
  let last: unknown = null;
  for (let attempt = 1; attempt <= RECORD_ATTEMPTS; attempt++) {
    try {
      await writeActivity(db, actionId, facts);
      return true;
    } catch (error) {
      last = error;
      if (attempt < RECORD_ATTEMPTS)
        await new Promise((resolve) => setTimeout(resolve, 100 * 4 ** (attempt - 1)));
    }
  }
  console.error(
    `[activity] could not record a ${facts.operation} entry (action ${actionId}) after ${RECORD_ATTEMPTS} attempts:`,
    last instanceof Error ? last.message : last,
  );
  warn(warning);
  return false;
}

/** A fresh id for an action (its WeChat calls are recorded under it). */
export const newActionId = (): string => randomUUID();

/**
 * Deletes entries (and WeChat call records) older than `days`, inside the one
 * door the append-only trigger leaves open, and says so in the log itself.
 */
export async function pruneActivity(db: Database, days: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const removed = await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('qrjump.pruning', 'on', true)`);
    const entries = await tx
      .delete(activityEntries)
      .where(sql`${activityEntries.at} < ${cutoff.toISOString()}`)
      .returning({ id: activityEntries.id });
    const calls = await tx
      .delete(wechatCalls)
      .where(sql`${wechatCalls.at} < ${cutoff.toISOString()}`)
      .returning({ id: wechatCalls.id });
    // Pruning is a change like any other: it is kept only if the log says so.
    if (entries.length + calls.length > 0) {
      await recordActivity(tx, newActionId(), {
        operation: "activity.prune",
        operator: null,
        outcome: "success",
        summary: { key: "pruned", values: { entries: entries.length, calls: calls.length, days } },
      });
    }
    return { entries: entries.length, calls: calls.length };
  });
  return removed.entries;
}
