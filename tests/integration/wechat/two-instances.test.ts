import { afterAll, beforeAll, expect, it } from "vitest";

import type { DatabaseHandle } from "@/server/db/client";
import type { AccountCredentials } from "@/server/wechat/types";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import { MINI_PROGRAM, SandboxHarness } from "@/tests/support/sandbox-client";
import { clientFor } from "@/tests/support/wechat";

// Two instances of the product's WeChat client, each with its own connection pool
// (with TEST_DATABASE_URL) and its own in-process state, sharing one database.
let sandbox: SandboxHarness;
let first: TestDatabase;
let second: DatabaseHandle;

beforeAll(async () => {
  sandbox = await SandboxHarness.start({ accounts: [MINI_PROGRAM] });
  first = await createTestDatabase();
  second = await first.openAnother();
});
afterAll(async () => {
  await second.close();
  await first.close();
  await sandbox.close();
});

it("two instances together stay within 5 calls a second per account and share one token", async () => {
  const account: AccountCredentials = { ...MINI_PROGRAM, tokenMode: "stable" };
  const a = clientFor(first, sandbox.url).forAccount(account);
  const b = clientFor(second, sandbox.url).forAccount(account);

  const results = await Promise.allSettled(
    Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? a : b).listTypeA()),
  );
  expect(results.filter((result) => result.status === "rejected")).toEqual([]);

  const state = await sandbox.state();
  expect(state.accounts[0]?.tokensIssued).toBe(1);
  const calls = state.calls.filter((call) => call.endpoint === "qrcodejumpget");
  expect(calls).toHaveLength(24);
  expect(calls.filter((call) => call.errcode !== 0)).toEqual([]);
  // No second (by WeChat's clock) holds more than five of them.
  const times = calls
    .map((call) => Date.parse((call as unknown as { time: string }).time))
    .sort((x, y) => x - y);
  const busiest = Math.max(
    ...times.map((start) => times.filter((t) => t >= start && t < start + 1000).length),
  );
  expect(busiest).toBeLessThanOrEqual(5);
}, 60_000);
