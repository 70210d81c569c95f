import "server-only";

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
    console.error(`[wechat] could not record a ${record.operation} call:`, error instanceof Error ? error.message : error);
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
