import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/server/db/client";
import { wechatCalls, wechatRateSlots, wechatTokens } from "@/server/db/schema";
import type { WeChatClient } from "@/server/wechat/client";
import { WeChatCallError } from "@/server/wechat/errors";
import type { AccountCredentials } from "@/server/wechat/types";
import { createTestDatabase } from "@/tests/support/db";
import { MINI_PROGRAM, SERVICE_ACCOUNT, SandboxHarness } from "@/tests/support/sandbox-client";
import { clientFor } from "@/tests/support/wechat";

// A call that times out while WeChat is still processing it: the sandbox's "late" fault takes effect
// after the client's deadline and answers later still. Everything is real: HTTP, database, timing.
const TIMEOUT_MS = 300;
const SETTLE_MS = 700;

let sandbox: SandboxHarness;
let db: DatabaseHandle;
let client: WeChatClient;

const mp: AccountCredentials = { ...MINI_PROGRAM, tokenMode: "stable" };
const oa: AccountCredentials = { ...SERVICE_ACCOUNT, tokenMode: "stable" };
const LINKED = "wx9999999999999999";
const rule = (n: number | string, extra: Partial<{ path: string; openVersion: 1 | 2 | 3 }> = {}) => ({
  prefix: `https://a.example.com/s${n}/`,
  permitSubRule: 1 as const,
  path: "pages/index/index",
  openVersion: 3 as const,
  debugUrls: [`https://a.example.com/s${n}/1`],
  ...extra,
});

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
  db = await createTestDatabase();
});
afterAll(async () => {
  await sandbox.close();
  await db.close();
});
beforeEach(async () => {
  await sandbox.reset({ accounts: [MINI_PROGRAM, { ...SERVICE_ACCOUNT, linkedMiniPrograms: [LINKED] }] });
  await db.db.delete(wechatTokens);
  await db.db.delete(wechatRateSlots);
  client = clientFor(db, sandbox.url, TIMEOUT_MS, SETTLE_MS);
});

const LATE_ANSWER_MS = TIMEOUT_MS + 600;
let answeredBy = 0;

/** WeChat takes `landsAfterDeadline` ms past the client's deadline to make the change, and answers later. */
async function lateAfterDeadline(endpoint: string, landsAfterDeadline: number): Promise<void> {
  await sandbox.fault({
    endpoint,
    mode: "late",
    applyAfterMs: TIMEOUT_MS + landsAfterDeadline,
    delayMs: LATE_ANSWER_MS,
  });
  answeredBy = Date.now() + LATE_ANSWER_MS + 100;
}

/** The sandbox logs a call when it answers: wait for the late answer before counting calls. */
const lateAnswered = () =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, answeredBy - Date.now())));

const calls = async (endpoint: string) => {
  await lateAnswered();
  return (await sandbox.state()).calls.filter((call) => call.endpoint === endpoint);
};
const account = async () => (await sandbox.state()).accounts.find((found) => found.appid === mp.appid);
const recordsOf = (operation: string) =>
  db.db.select().from(wechatCalls).where(eq(wechatCalls.operation, operation)).orderBy(asc(wechatCalls.id));

describe("a call that times out while WeChat is still at work", () => {
  it("a publish is sent once and spends one publish", async () => {
    const mine = client.forAccount(mp);
    await mine.saveTypeA(rule(1), { edit: false });
    await lateAfterDeadline("qrcodejumppublish", 150);
    await mine.publishRule(rule(1).prefix);
    expect(await calls("qrcodejumppublish")).toHaveLength(1);
    expect(await account()).toMatchObject({ publishesLeft: 99 });
    expect((await account())?.rules[0]).toMatchObject({ state: 2 });
    const record = (await recordsOf("publish")).at(-1);
    expect(record).toMatchObject({
      failure: "timeout",
      outcome: "success",
      note: expect.stringMatching(/settle/),
    });
  }, 20_000);

  it("an add is sent once", async () => {
    await lateAfterDeadline("qrcodejumpadd", 150);
    await client.forAccount(mp).saveTypeA(rule(2), { edit: false });
    expect(await calls("qrcodejumpadd")).toHaveLength(1);
    expect((await account())?.rules).toHaveLength(1);
  }, 20_000);

  it("an edit is sent once", async () => {
    const mine = client.forAccount(mp);
    await mine.saveTypeA(rule(3), { edit: false });
    await lateAfterDeadline("qrcodejumpadd", 150);
    await mine.saveTypeA(rule(3, { openVersion: 1 }), { edit: true });
    expect(await calls("qrcodejumpadd")).toHaveLength(2);
    expect((await account())?.rules[0]).toMatchObject({ open_version: 1 });
  }, 20_000);

  it("a delete that lands after the deadline is reported as success, and sent once", async () => {
    const mine = client.forAccount(mp);
    await mine.saveTypeA(rule(4), { edit: false });
    await lateAfterDeadline("qrcodejumpdelete", 80);
    await mine.deleteRule(rule(4).prefix);
    expect(await calls("qrcodejumpdelete")).toHaveLength(1);
    expect((await account())?.rules).toHaveLength(0);
  }, 20_000);

  it("a type-B delete that lands after the deadline is reported as success", async () => {
    const theirs = client.forAccount(oa);
    const prefix = "http://weixin.qq.com/q/late1";
    await theirs.saveTypeB({ prefix, appid: LINKED, path: "pages/a/a" }, { edit: false });
    await lateAfterDeadline("qrcodejumpdelete", 80);
    await theirs.deleteRule(prefix, LINKED);
    expect(await calls("qrcodejumpdelete")).toHaveLength(1);
    expect((await theirs.findTypeBPrefixes(LINKED, [prefix])).rule_list).toEqual([]);
  }, 20_000);

  it("a delete re-sent after an uncertain attempt that answers 'not found' is a success when the rule is gone", async () => {
    // WeChat slower than the settle window: the original lands after the settled read, before the re-send.
    const quick = clientFor(db, sandbox.url, TIMEOUT_MS, 100);
    const mine = quick.forAccount(mp);
    await mine.saveTypeA(rule(5), { edit: false });
    await lateAfterDeadline("qrcodejumpdelete", 250);
    // …and the re-send is carried out well after the original landed.
    await sandbox.fault({ endpoint: "qrcodejumpdelete", mode: "delay", delayMs: 150 });
    await mine.deleteRule(rule(5).prefix);
    expect((await calls("qrcodejumpdelete")).map((call) => call.errcode).sort()).toEqual([0, 40097]);
    expect((await account())?.rules).toHaveLength(0);
    const records = await recordsOf("delete");
    expect(records.at(-1)).toMatchObject({
      errcode: 40097,
      outcome: "success",
      note: expect.stringMatching(/not there/),
    });
  }, 20_000);

  it("when WeChat cannot be read after the window, reports the outcome as unknown and does not send again", async () => {
    const mine = client.forAccount(mp);
    await mine.saveTypeA(rule(6), { edit: false });
    await lateAfterDeadline("qrcodejumppublish", 150);
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "drop", count: 50 });
    const error = (await mine
      .publishRule(rule(6).prefix)
      .catch((caught: unknown) => caught)) as WeChatCallError;
    await sandbox.control("DELETE", "faults");
    expect(error).toBeInstanceOf(WeChatCallError);
    expect(error.detail).toMatchObject({ kind: "unknown" });
    expect(error.message).toMatch(/outcome unknown/i);
    expect(await calls("qrcodejumppublish")).toHaveLength(1);
    expect(await account()).toMatchObject({ publishesLeft: 99 });
    const record = (await recordsOf("publish")).at(-1);
    expect(record).toMatchObject({
      failure: "timeout",
      outcome: "unknown",
      note: expect.stringMatching(/outcome unknown/),
    });
  }, 30_000);

  it("a publish that timed out and never landed is sent again after the window, once", async () => {
    const mine = client.forAccount(mp);
    await mine.saveTypeA(rule(7), { edit: false });
    await sandbox.fault({ endpoint: "qrcodejumppublish", mode: "drop" });
    await mine.publishRule(rule(7).prefix);
    expect(await calls("qrcodejumppublish")).toHaveLength(2);
    expect(await account()).toMatchObject({ publishesLeft: 99 });
  }, 20_000);
});

describe("an add sent again after its first sending was lost", () => {
  it("meeting 85071 for the rule exactly as sent is a success, 'already there, as sent'", async () => {
    const mine = client.forAccount(mp);
    await mine.saveTypeA(rule(8), { edit: false });
    // A fresh call, as after a crash: not a retry of the first.
    await clientFor(db, sandbox.url, TIMEOUT_MS, SETTLE_MS)
      .forAccount(mp)
      .saveTypeA(rule(8), { edit: false });
    const records = await recordsOf("add");
    expect(records.at(-1)).toMatchObject({
      errcode: 85071,
      outcome: "success",
      note: "already there, as sent",
    });
  });

  it("meeting 85071 for a different rule under the prefix stays a failure", async () => {
    const mine = client.forAccount(mp);
    await mine.saveTypeA(rule(9), { edit: false });
    const error = (await mine
      .saveTypeA(rule(9, { path: "pages/other/other" }), { edit: false })
      .catch((caught: unknown) => caught)) as WeChatCallError;
    expect(error.errcode).toBe(85071);
  });

  it("the same holds for a type-B rule", async () => {
    const theirs = client.forAccount(oa);
    const values = { prefix: "http://weixin.qq.com/q/again1", appid: LINKED, path: "pages/a/a" };
    await theirs.saveTypeB(values, { edit: false });
    await theirs.saveTypeB(values, { edit: false });
    const error = (await theirs
      .saveTypeB({ ...values, path: "pages/b/b" }, { edit: false })
      .catch((caught: unknown) => caught)) as WeChatCallError;
    expect(error.errcode).toBe(85071);
  });
});
