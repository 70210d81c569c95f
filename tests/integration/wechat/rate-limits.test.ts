import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";

import type { DatabaseHandle } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { type CallLimits, acquireCallSlot } from "@/server/wechat/rate-limiter";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";

// The shared limiter on its own, from two instances (two pools with TEST_DATABASE_URL), with a
// sustained window shortened from WeChat's minute so the test runs in seconds; the product's
// Service Account limits use the same code with 200 calls over a minute.
let first: TestDatabase;
let second: DatabaseHandle;

beforeAll(async () => {
  first = await createTestDatabase();
  second = await first.openAnother();
});
afterAll(async () => {
  await second.close();
  await first.close();
});

async function slotTimes(appid: string): Promise<number[]> {
  const rows = rowsOf<{ at: string | Date }>(
    await first.db.execute(sql`select at from wechat_rate_slots where appid = ${appid} order by at`),
  );
  return rows.map((row) => new Date(row.at).getTime());
}

const busiest = (times: number[], windowMs: number) =>
  Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + windowMs).length));

it("holds both the per-second and the sustained limit across two instances", async () => {
  const limits: CallLimits = { perSecond: 5, sustained: { calls: 8, windowMs: 2_500 } };
  const started = Date.now();
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      acquireCallSlot((i % 2 ? first : second).db, "wx-sustained", limits),
    ),
  );
  const elapsed = Date.now() - started;
  const times = await slotTimes("wx-sustained");
  expect(times).toHaveLength(20);
  expect(busiest(times, 1_000)).toBeLessThanOrEqual(5);
  expect(busiest(times, 2_500)).toBeLessThanOrEqual(8);
  // 20 slots with 8 per 2.5 s: the 17th cannot start before two full windows have passed.
  expect(elapsed).toBeGreaterThanOrEqual(5_000);
}, 30_000);

it("without a sustained limit, only the second counts", async () => {
  const started = Date.now();
  await Promise.all(Array.from({ length: 12 }, () => acquireCallSlot(first.db, "wx-seconds")));
  expect(Date.now() - started).toBeLessThan(4_000);
  expect(busiest(await slotTimes("wx-seconds"), 1_000)).toBeLessThanOrEqual(5);
}, 30_000);
