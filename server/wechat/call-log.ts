import "server-only";

import { and, eq } from "drizzle-orm";

import type { Database } from "../db";
import { wechatCalls } from "../db/schema";

export type CallRecord = typeof wechatCalls.$inferInsert;

/**
 * Records one attempt of a WeChat call for the activity log. Writing the
 * record never makes the call fail: a failure here is reported and dropped.
 */
export async function recordCall(db: Database, record: CallRecord): Promise<void> {
  try {
    await db.insert(wechatCalls).values(record);
  } catch (error) {
    console.error(
      `[wechat] could not record a ${record.operation} call:`,
      error instanceof Error ? error.message : error,
    );
  }
}

/**
 * Records an attempt as "pending" before its request leaves, so a process
 * killed while waiting for WeChat still leaves a trace of a call whose outcome
 * is unknown. Returns the record's id, or null when it could not be written.
 */
export async function startCall(db: Database, record: CallRecord): Promise<number | null> {
  try {
    const [row] = await db
      .insert(wechatCalls)
      .values({ ...record, outcome: "pending" })
      .returning({ id: wechatCalls.id });
    return row?.id ?? null;
  } catch (error) {
    console.error(
      `[wechat] could not record a ${record.operation} call:`,
      error instanceof Error ? error.message : error,
    );
    return null;
  }
}

/**
 * Completes a pending record with what came back: the one update the table's
 * append-only trigger allows. Without a pending record the attempt is
 * recorded afresh. Never makes the call fail.
 */
export async function completeCall(db: Database, id: number | null, record: CallRecord): Promise<void> {
  if (id === null) return recordCall(db, record);
  try {
    await db
      .update(wechatCalls)
      .set({
        responseBody: record.responseBody ?? null,
        errcode: record.errcode ?? null,
        errmsg: record.errmsg ?? null,
        rid: record.rid ?? null,
        failure: record.failure ?? null,
        note: record.note ?? null,
        latencyMs: record.latencyMs,
        outcome: record.outcome,
      })
      .where(and(eq(wechatCalls.id, id), eq(wechatCalls.outcome, "pending")));
  } catch (error) {
    console.error(
      `[wechat] could not complete the record of a ${record.operation} call:`,
      error instanceof Error ? error.message : error,
    );
  }
}

const REDACTED = "[redacted]";

/** A request body as it may be stored: no secret, no token. */
export function redactBody(body: unknown): unknown {
  if (typeof body !== "object" || body === null) return body;
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([key, value]) =>
      /secret|token/i.test(key) ? [key, REDACTED] : [key, value],
    ),
  );
}
