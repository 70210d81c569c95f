import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/server/db/client";
import { wechatCalls, wechatRateSlots, wechatTokens } from "@/server/db/schema";
import type { WeChatClient } from "@/server/wechat/client";
import { WeChatCallError } from "@/server/wechat/errors";
import type { AccountCredentials } from "@/server/wechat/types";
import { createTestDatabase } from "@/tests/support/db";
import { MINI_PROGRAM, SERVICE_ACCOUNT, SandboxHarness } from "@/tests/support/sandbox-client";
import { clientFor } from "@/tests/support/wechat";

// Everything is real: the sandbox over HTTP, the database, the client. Console output is captured
// (not silenced) so the last test can check that nothing logged carries a token or secret.
const logged: string[] = [];
for (const level of ["log", "info", "warn", "error"] as const) {
  const original = console[level].bind(console);
  vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
    original(...args);
  });
}

let sandbox: SandboxHarness;
let db: DatabaseHandle;
let client: WeChatClient;
const seenTokens = new Set<string>();

const mp: AccountCredentials = { ...MINI_PROGRAM, tokenMode: "stable" };
const oa: AccountCredentials = { ...SERVICE_ACCOUNT, tokenMode: "stable" };
const LINKED = "wx9999999999999999";
const rule = (n: number | string) => ({
  prefix: `https://a.example.com/r${n}/`,
  permitSubRule: 1 as const,
  path: "pages/index/index",
  openVersion: 3 as const,
  debugUrls: [`https://a.example.com/r${n}/1`],
});

async function remember(account: AccountCredentials) {
  seenTokens.add(await client.tokens.get(account));
}

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
  client = clientFor(db, sandbox.url, 1_500);
});

const tokensIssued = async (appid: string) =>
  (await sandbox.state()).accounts.find((account) => account.appid === appid)?.tokensIssued;

describe("tokens", () => {
  it("50 concurrent calls on a cold cache cause exactly one token fetch", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => client.forAccount(mp).listTypeA()));
    expect(results.every((result) => result.qrcodejump_open === 1)).toBe(true);
    expect(await tokensIssued(mp.appid)).toBe(1);
    await remember(mp);
  }, 60_000);

  it("keeps the token sealed in the database, not in clear", async () => {
    await client.forAccount(mp).listTypeA();
    const token = await client.tokens.get(mp);
    const [row] = await db.db.select().from(wechatTokens).where(eq(wechatTokens.appid, mp.appid));
    expect(row?.tokenSealed).toMatch(/^v1\./);
    expect(row?.tokenSealed).not.toContain(token);
    seenTokens.add(token);
  });

  it("recovers transparently when another party force-refreshes the token mid-run", async () => {
    const account = client.forAccount(mp);
    await account.listTypeA();
    await remember(mp);
    const stolen = await sandbox.stableToken(mp.appid, mp.secret, true);
    seenTokens.add(stolen.access_token as string);
    const after = await account.listTypeA();
    expect(after.qrcodejump_open).toBe(1);
    const rejected = await db.db.select().from(wechatCalls).where(eq(wechatCalls.errcode, 40001));
    expect(rejected.at(-1)?.outcome).toBe("retried");
    await remember(mp);
  });

  it("recovers when the token expires on WeChat's clock (42001)", async () => {
    const account = client.forAccount(mp);
    await account.listTypeA();
    await sandbox.advance(7_300);
    expect((await account.listTypeA()).qrcodejump_open).toBe(1);
    expect(await tokensIssued(mp.appid)).toBe(2);
    await remember(mp);
  });

  it("reports wrong credentials as the token error, with its rid", async () => {
    const wrong = client.forAccount({ ...mp, secret: "not-the-secret" });
    const error = await wrong.listTypeA().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WeChatCallError);
    expect((error as WeChatCallError).errcode).toBe(40125);
    expect((error as WeChatCallError).rid).toMatch(/^[0-9a-f]{8}-/);
    expect((error as Error).message).not.toContain("not-the-secret");
  });

  it("uses the classic /cgi-bin/token when the account asks for it", async () => {
    const classic = client.forAccount({ ...mp, tokenMode: "classic" });
    await classic.listTypeA();
    const [record] = await db.db.select().from(wechatCalls).where(eq(wechatCalls.operation, "token"));
    expect(record?.requestBody).toMatchObject({ appid: mp.appid, secret: "[redacted]" });
    await remember({ ...mp, tokenMode: "classic" });
  });
});

describe("the rate limit", () => {
  it("30 calls fired at once all succeed and none meets 44990", async () => {
    const account = client.forAccount(mp);
    const before = (await sandbox.state()).calls.length;
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => account.listTypeA()));
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    const calls = (await sandbox.state()).calls.slice(before);
    expect(calls.filter((call) => call.errcode === 44990)).toEqual([]);
    expect(calls.filter((call) => call.endpoint === "qrcodejumpget")).toHaveLength(30);
  }, 60_000);
});

describe("retries", () => {
  it("retries -1 and 886001 to success", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "errcode", errcode: -1, count: 1 });
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "errcode", errcode: 886001, count: 1 });
    expect((await client.forAccount(mp).listTypeA()).qrcodejump_open).toBe(1);
    const attempts = await db.db
      .select()
      .from(wechatCalls)
      .where(eq(wechatCalls.operation, "get"))
      .orderBy(asc(wechatCalls.id));
    const last = attempts.slice(-3);
    expect(last.map((call) => [call.errcode, call.outcome, call.attempt])).toEqual([
      [-1, "retried", 1],
      [886001, "retried", 2],
      [0, "success", 3],
    ]);
    expect(last[0]?.rid).toMatch(/^[0-9a-f]{8}-/);
  });

  it("an add answered -1 that did create the rule ends in one rule, reported as success", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "errcode", errcode: -1, apply: true });
    await client.forAccount(mp).saveTypeA(rule(1), { edit: false });
    const state = await sandbox.state();
    expect(state.accounts[0]?.rules).toHaveLength(1);
    const adds = state.calls.filter((call) => call.endpoint === "qrcodejumpadd");
    expect(adds.map((call) => call.errcode)).toEqual([-1]);
  });

  it("an add answered -1 that did not create the rule is sent again, once", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "errcode", errcode: -1 });
    await client.forAccount(mp).saveTypeA(rule(2), { edit: false });
    const state = await sandbox.state();
    expect(state.accounts[0]?.rules).toHaveLength(1);
    expect(
      state.calls.filter((call) => call.endpoint === "qrcodejumpadd").map((call) => call.errcode),
    ).toEqual([-1, 0]);
  });

  it("a dropped connection after the add took effect is not applied twice", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "drop", apply: true });
    await client.forAccount(mp).saveTypeA(rule(3), { edit: false });
    const state = await sandbox.state();
    expect(state.accounts[0]?.rules).toHaveLength(1);
    expect(state.calls.filter((call) => call.endpoint === "qrcodejumpadd")).toHaveLength(1);
  });

  it("a publish that timed out after taking effect spends one publish, not two", async () => {
    const account = client.forAccount(mp);
    await account.saveTypeA(rule(4), { edit: false });
    await sandbox.fault({ endpoint: "qrcodejumppublish", mode: "drop", apply: true });
    await account.publishRule(rule(4).prefix);
    const state = await sandbox.state();
    expect(state.accounts[0]?.publishesLeft).toBe(99);
    expect(state.accounts[0]?.rules[0]).toMatchObject({ state: 2 });
  });

  it("a delete whose connection dropped after it took effect is reported as success", async () => {
    const account = client.forAccount(mp);
    await account.saveTypeA(rule(5), { edit: false });
    await sandbox.fault({ endpoint: "qrcodejumpdelete", mode: "drop", apply: true });
    await account.deleteRule(rule(5).prefix);
    expect((await sandbox.state()).accounts[0]?.rules).toHaveLength(0);
  });

  it("gives up on a connection that keeps dropping with a clear error", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "drop", count: 10 });
    const error = (await client
      .forAccount(mp)
      .listTypeA()
      .catch((caught: unknown) => caught)) as WeChatCallError;
    expect(error).toBeInstanceOf(WeChatCallError);
    expect(error.detail).toEqual({ kind: "network", message: expect.stringMatching(/connection/) });
    expect(error.message).toMatch(/^WeChat get failed: the connection/);
    await sandbox.control("DELETE", "faults");
  });

  it("gives up on answers that are not JSON with a clear error", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "garbage", count: 10 });
    const error = (await client
      .forAccount(mp)
      .listTypeA()
      .catch((caught: unknown) => caught)) as WeChatCallError;
    expect(error.detail).toEqual({
      kind: "malformed",
      message: "WeChat answered HTTP 502 with something that is not JSON",
    });
    await sandbox.control("DELETE", "faults");
  });

  it("times out a call that gets no answer, and says so", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "delay", delayMs: 3_000, count: 10 });
    const quick = clientFor(db, sandbox.url, 300);
    const error = (await quick
      .forAccount(mp)
      .listTypeA()
      .catch((caught: unknown) => caught)) as WeChatCallError;
    expect(error.detail).toEqual({ kind: "timeout", message: "no answer within 300 ms" });
    await sandbox.control("DELETE", "faults");
  }, 30_000);

  it("does not retry what retrying cannot fix", async () => {
    const account = client.forAccount(mp);
    const error = (await account
      .saveTypeA({ ...rule(6), debugUrls: ["https://elsewhere.example.com/x"] }, { edit: false })
      .catch((caught: unknown) => caught)) as WeChatCallError;
    expect(error.errcode).toBe(85068);
    const adds = (await sandbox.state()).calls.filter((call) => call.endpoint === "qrcodejumpadd");
    expect(adds).toHaveLength(1);
  });
});

describe("type B", () => {
  it("walks every page of a Service Account's rules", async () => {
    const rules = Array.from({ length: 450 }, (_, i) => ({
      prefix: `http://weixin.qq.com/q/p${String(i).padStart(4, "0")}`,
      appid: LINKED,
      path: "pages/index/index",
      state: 2,
    }));
    await sandbox.reset({ accounts: [{ ...SERVICE_ACCOUNT, linkedMiniPrograms: [LINKED], rules }] });
    const all = await client.forAccount(oa).listAllTypeB(LINKED);
    expect(all.total_count).toBe(450);
    expect(new Set(all.rule_list.map((r) => r.prefix)).size).toBe(450);
  });

  it("adds, finds and deletes a rule", async () => {
    const account = client.forAccount(oa);
    await account.saveTypeB(
      { prefix: "http://weixin.qq.com/q/new1", appid: LINKED, path: "pages/a/a" },
      { edit: false },
    );
    expect((await account.findTypeBPrefixes(LINKED, ["http://weixin.qq.com/q/new1"])).rule_list).toEqual([
      { prefix: "http://weixin.qq.com/q/new1", path: "pages/a/a", state: 1 },
    ]);
    await account.deleteRule("http://weixin.qq.com/q/new1", LINKED);
    expect((await account.findTypeBPrefixes(LINKED, ["http://weixin.qq.com/q/new1"])).rule_list).toEqual([]);
    await remember(oa);
  });
});

describe("the rid lookup", () => {
  it("shows what WeChat saw of a failed call", async () => {
    const account = client.forAccount(mp);
    const error = (await account
      .deleteRule("https://a.example.com/none/")
      .catch((caught: unknown) => caught)) as WeChatCallError;
    const seen = await account.lookupRid(error.rid ?? "");
    expect(JSON.parse(seen.request_body ?? "{}")).toEqual({ prefix: "https://a.example.com/none/" });
    expect(seen.request_url).not.toContain((await client.tokens.get(mp)).slice(0, 20));
  });
});

describe("secrets hygiene", () => {
  it("nothing recorded or logged contains a token or an AppSecret", async () => {
    await remember(mp);
    expect(seenTokens.size).toBeGreaterThan(1);
    const recorded = JSON.stringify(await db.db.select().from(wechatCalls));
    const everything = `${recorded}\n${logged.join("\n")}`;
    expect(recorded.length).toBeGreaterThan(1000);
    for (const token of seenTokens) expect(everything).not.toContain(token);
    for (const secret of [MINI_PROGRAM.secret, SERVICE_ACCOUNT.secret])
      expect(everything).not.toContain(secret);
  });
});
