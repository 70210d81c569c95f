import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createAccountIfAbsent } from "@/server/accounts";
import { wechatAccounts, wechatCalls, wechatRuleSyncs, wechatRules } from "@/server/db/schema";
import { type SyncTarget, syncAccount } from "@/server/rules/sync";
import type { WeChatClient } from "@/server/wechat/client";
import { WeChatCallError } from "@/server/wechat/errors";
import type { AccountCredentials } from "@/server/wechat/types";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import { MINI_PROGRAM, SERVICE_ACCOUNT, SandboxHarness } from "@/tests/support/sandbox-client";
import { clientFor, testBox } from "@/tests/support/wechat";

// A success answer without its fields, or a listing cut short, must never empty the rule table.
const LINKED = "wx9999999999999999";
const mp: AccountCredentials = { ...MINI_PROGRAM, tokenMode: "stable" };
const oa: AccountCredentials = { ...SERVICE_ACCOUNT, tokenMode: "stable" };

let sandbox: SandboxHarness;
let db: TestDatabase;
let client: WeChatClient;
const targets: Record<"mp" | "oa", SyncTarget> = {} as Record<"mp" | "oa", SyncTarget>;

const typeARules = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    prefix: `https://shop.example.com/m${i}/`,
    path: "pages/index/index",
  }));
const typeBRules = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    prefix: `http://weixin.qq.com/q/m${i}`,
    appid: LINKED,
    path: "pages/a/a",
  }));

async function mirrored(target: SyncTarget): Promise<number> {
  return (await db.db.select().from(wechatRules).where(eq(wechatRules.accountId, target.accountId))).length;
}

async function seed(mpRules: number, oaRules: number): Promise<void> {
  await sandbox.reset({
    accounts: [
      { ...MINI_PROGRAM, rules: typeARules(mpRules) },
      { ...SERVICE_ACCOUNT, linkedMiniPrograms: [LINKED], rules: typeBRules(oaRules) },
    ],
  });
}

// A reset issues new tokens, so the client's first call after one meets 40001: only listings count.
const getCalls = async () =>
  (await sandbox.state()).calls.filter((call) => call.endpoint === "qrcodejumpget" && call.errcode !== 40001)
    .length;

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
  db = await createTestDatabase();
  const box = testBox();
  await createAccountIfAbsent(db.db, box, { ...MINI_PROGRAM, name: "Shop" });
  await createAccountIfAbsent(db.db, box, { ...SERVICE_ACCOUNT, name: "News", linkedMiniPrograms: [LINKED] });
  for (const account of await db.db.select().from(wechatAccounts)) {
    const key = account.kind === "miniprogram" ? "mp" : "oa";
    targets[key] = {
      accountId: account.id,
      kind: account.kind,
      appid: account.appid,
      linkedMiniPrograms: key === "oa" ? [LINKED] : [],
    };
  }
  client = clientFor(db, sandbox.url);
});
afterAll(async () => {
  await sandbox.close();
  await db.close();
});
beforeEach(async () => {
  await db.db.delete(wechatRules);
  await db.db.delete(wechatRuleSyncs);
  await seed(10, 10);
  await syncAccount(db.db, client.forAccount(mp), targets.mp);
  await syncAccount(db.db, client.forAccount(oa), targets.oa);
  expect(await mirrored(targets.mp)).toBe(10);
  expect(await mirrored(targets.oa)).toBe(10);
});

describe("a success answer missing its fields", () => {
  it("is a malformed answer naming what is missing, and is recorded", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "answer", body: { errcode: 0 } });
    const error = (await client
      .forAccount(mp)
      .listTypeA()
      .catch((caught: unknown) => caught)) as WeChatCallError;
    expect(error).toBeInstanceOf(WeChatCallError);
    expect(error.detail).toMatchObject({
      kind: "malformed",
      message: expect.stringMatching(/rule_list.*qrcodejump_pub_quota/),
    });
    const [record] = await db.db
      .select()
      .from(wechatCalls)
      .where(and(eq(wechatCalls.operation, "get"), eq(wechatCalls.failure, "malformed")));
    expect(record).toMatchObject({ errcode: 0, outcome: "failed", responseBody: { errcode: 0 } });
    expect(record?.errmsg).toMatch(/rule_list/);
  });

  it("leaves a Mini Program's mirror as it was, and the sync reports the failure", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "errcode", errcode: 0 });
    await expect(syncAccount(db.db, client.forAccount(mp), targets.mp)).rejects.toThrow(/expected fields/);
    expect(await mirrored(targets.mp)).toBe(10);
    const [sync] = await db.db
      .select()
      .from(wechatRuleSyncs)
      .where(eq(wechatRuleSyncs.accountId, targets.mp.accountId));
    expect(sync?.errorMessage).toMatch(/expected fields/);
    expect(sync?.publishQuota).toBe(100);
  });

  it("leaves a Service Account's mirror as it was (a page without total_count)", async () => {
    await sandbox.fault({
      endpoint: "qrcodejumpget",
      mode: "answer",
      body: {
        errcode: 0,
        errmsg: "ok",
        rule_list: [],
        qrcodejump_open: 1,
        qrcodejump_pub_quota: 100,
        list_size: 0,
      },
    });
    await expect(syncAccount(db.db, client.forAccount(oa), targets.oa)).rejects.toThrow(/total_count/);
    expect(await mirrored(targets.oa)).toBe(10);
  });
});

describe("a sync that would drop more than half of the mirror", () => {
  const emptyTypeA = {
    errcode: 0,
    errmsg: "ok",
    rule_list: [],
    qrcodejump_open: 1,
    qrcodejump_pub_quota: 100,
    list_size: 0,
  };

  it("reads again and, when the second read disagrees, leaves the mirror as it was", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "answer", body: emptyTypeA });
    const before = await getCalls();
    await expect(syncAccount(db.db, client.forAccount(mp), targets.mp)).rejects.toThrow(/second read/);
    expect(await getCalls()).toBe(before + 2);
    expect(await mirrored(targets.mp)).toBe(10);
  });

  it("applies it when the second read agrees: the rules really went", async () => {
    await seed(2, 3);
    const before = await getCalls();
    await syncAccount(db.db, client.forAccount(mp), targets.mp);
    expect(await getCalls()).toBe(before + 2);
    expect(await mirrored(targets.mp)).toBe(2);
    await syncAccount(db.db, client.forAccount(oa), targets.oa);
    expect(await mirrored(targets.oa)).toBe(3);
  });

  it("reads once when fewer than half go", async () => {
    await seed(6, 10);
    const before = await getCalls();
    await syncAccount(db.db, client.forAccount(mp), targets.mp);
    expect(await getCalls()).toBe(before + 1);
    expect(await mirrored(targets.mp)).toBe(6);
  });
});
