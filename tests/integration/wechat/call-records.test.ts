import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { pruneActivity } from "@/server/activity/record";
import { wechatCalls } from "@/server/db/schema";
import { completeCall, startCall } from "@/server/wechat/call-log";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";

// The append-only trigger of wechat_calls, on the real database (PGlite, or TEST_DATABASE_URL).
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

const attempt = {
  callId: "00000000-0000-4000-8000-000000000001",
  appid: "wx1111111111111111",
  operation: "publish",
  prefix: "https://a.example.com/x/",
  requestBody: { prefix: "https://a.example.com/x/" },
  latencyMs: 0,
  attempt: 1,
  outcome: "failed" as const,
};

const refusal = async (statement: Promise<unknown>) => {
  try {
    await statement;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
    return `${error instanceof Error ? error.message : String(error)} ${cause}`;
  }
  throw new Error("the statement was not refused");
};

describe("wechat_calls is append-only", () => {
  it("a pending attempt is completed once; then the record can no longer change", async () => {
    const id = await startCall(db.db, attempt);
    expect(id).not.toBeNull();
    const [pending] = await db.db
      .select()
      .from(wechatCalls)
      .where(eq(wechatCalls.id, id ?? -1));
    expect(pending?.outcome).toBe("pending");

    await completeCall(db.db, id, {
      ...attempt,
      errcode: 0,
      errmsg: "ok",
      latencyMs: 120,
      outcome: "success",
    });
    const [done] = await db.db
      .select()
      .from(wechatCalls)
      .where(eq(wechatCalls.id, id ?? -1));
    expect(done).toMatchObject({ outcome: "success", errcode: 0, latencyMs: 120 });

    expect(
      await refusal(db.db.execute(sql`update wechat_calls set outcome = 'failed' where id = ${id}`)),
    ).toMatch(/append-only/);
    expect(
      await refusal(db.db.execute(sql`update wechat_calls set outcome = 'pending' where id = ${id}`)),
    ).toMatch(/append-only/);
    const [after] = await db.db
      .select()
      .from(wechatCalls)
      .where(eq(wechatCalls.id, id ?? -1));
    expect(after?.outcome).toBe("success");
  });

  it("completing a pending attempt may not change what identifies the call", async () => {
    const id = await startCall(db.db, attempt);
    expect(
      await refusal(
        db.db.execute(
          sql`update wechat_calls set outcome = 'success', prefix = 'https://elsewhere.example.com/' where id = ${id}`,
        ),
      ),
    ).toMatch(/append-only/);
    expect(
      await refusal(
        db.db.execute(sql`update wechat_calls set outcome = 'success', appid = 'wx0' where id = ${id}`),
      ),
    ).toMatch(/append-only/);
  });

  it("refuses a delete outside retention pruning, and lets pruning delete old records", async () => {
    const id = await startCall(db.db, attempt);
    await completeCall(db.db, id, { ...attempt, outcome: "failed" });
    expect(await refusal(db.db.execute(sql`delete from wechat_calls where id = ${id}`))).toMatch(
      /append-only/,
    );
    expect(await refusal(db.db.delete(wechatCalls))).toMatch(/append-only/);
    expect((await db.db.select().from(wechatCalls)).length).toBeGreaterThan(0);

    await pruneActivity(db.db, 1, new Date(Date.now() + 2 * 86_400_000));
    expect(await db.db.select().from(wechatCalls)).toEqual([]);
  });
});
