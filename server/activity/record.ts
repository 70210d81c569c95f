import "server-only";

import { randomUUID } from "node:crypto";

import { asc, eq, sql } from "drizzle-orm";

import type { ActivityOperation, ActivityOutcome } from "@/lib/activity/contract";

import type { Database } from "../db";
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

/**
 * Appends one entry to the activity log. The WeChat calls made under
 * `actionId` give its attempt count and every errcode met on the way. Writing
 * the entry never makes the action fail: a failure is logged and swallowed.
 */
export async function recordActivity(db: Database, actionId: string, facts: ActivityFacts): Promise<void> {
  try {
    const calls = await db
      .select({ errcode: wechatCalls.errcode, errmsg: wechatCalls.errmsg, rid: wechatCalls.rid })
      .from(wechatCalls)
      .where(eq(wechatCalls.actionId, actionId))
      .orderBy(asc(wechatCalls.id));
    const seen = [...new Set(calls.map((call) => call.errcode).filter((code): code is number => code !== null && code !== 0))];
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
      attempts: calls.length,
      errcodesSeen: seen,
      batchId: facts.batchId ?? null,
      batchSize: facts.batchSize ?? null,
      request: facts.request === undefined ? null : redactBody(facts.request),
      result: facts.result ?? null,
      summary: facts.summary ?? null,
    });
  } catch (error) {
    console.error(`[activity] could not record a ${facts.operation} entry:`, error instanceof Error ? error.message : error);
  }
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
    const entries = await tx.delete(activityEntries).where(sql`${activityEntries.at} < ${cutoff.toISOString()}`).returning({ id: activityEntries.id });
    const calls = await tx.delete(wechatCalls).where(sql`${wechatCalls.at} < ${cutoff.toISOString()}`).returning({ id: wechatCalls.id });
    return { entries: entries.length, calls: calls.length };
  });
  if (removed.entries + removed.calls > 0) {
    await recordActivity(db, newActionId(), {
      operation: "activity.prune",
      operator: null,
      outcome: "success",
      summary: { key: "pruned", values: { entries: removed.entries, calls: removed.calls, days } },
    });
  }
  return removed.entries;
}

/** A server action refused by the wrapper (role, or an account not given to the operator). */
export async function recordRefusal(
  db: Database,
  refusal: { operator: { id: string; email: string; name: string; role: string }; action: string; reason: "role" | "account"; accountId: string | null },
): Promise<void> {
  await recordActivity(db, newActionId(), {
    operation: "action.refused",
    operator: { id: refusal.operator.id, email: refusal.operator.email, name: refusal.operator.name },
    outcome: "failure",
    request: { action: refusal.action, reason: refusal.reason, accountId: refusal.accountId, role: refusal.operator.role },
    summary: { key: refusal.reason === "role" ? "refusedRole" : "refusedAccount", values: { action: refusal.action } },
  });
}
