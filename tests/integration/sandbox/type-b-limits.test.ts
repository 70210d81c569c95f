import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { MERCHANT_MP, MERCHANT_OA } from "@/tests/support/platform";
import { SandboxHarness, type WeChatAnswer, typeARule } from "@/tests/support/sandbox-client";

// Type B's own limits (REFERENCE §1, §2): 200 calls a minute, and a lifetime budget of adds per Mini Program.
const OTHER_MP = { appid: "wx6666666666666667", secret: MERCHANT_MP.secret, kind: "miniprogram" } as const;
const OTHER_OA = {
  appid: "wx7777777777777778",
  secret: MERCHANT_OA.secret,
  kind: "officialaccount" as const,
  linkedMiniPrograms: [MERCHANT_MP.appid],
};

let sandbox: SandboxHarness;
let token: string;

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await sandbox.reset({
    accounts: [
      { ...MERCHANT_MP, ownToken: "accepted", typeBAddBudget: 3 },
      OTHER_MP,
      { ...MERCHANT_OA, linkedMiniPrograms: [MERCHANT_MP.appid, OTHER_MP.appid] },
      OTHER_OA,
    ],
  });
  token = await sandbox.token(MERCHANT_OA);
});

const add = (prefix: string, extra: Record<string, unknown> = {}, as = token): Promise<WeChatAnswer> =>
  sandbox.call("qrcodejumpadd", as, {
    prefix,
    appid: MERCHANT_MP.appid,
    path: "pages/a/a",
    is_edit: 0,
    ...extra,
  });
const get = (as = token) =>
  sandbox.call("qrcodejumpget", as, { appid: MERCHANT_MP.appid, get_type: 0 }, { paced: false });

/** `calls` calls, 5 per second of sandbox time: always under 5 a second, never under 200 a minute. */
async function spread(calls: number, call: () => Promise<WeChatAnswer>): Promise<number[]> {
  const codes: number[] = [];
  for (let n = 0; n < calls; n++) {
    codes.push((await call()).errcode ?? 0);
    if (n % 5 === 4) await sandbox.advance(1);
  }
  return codes;
}

describe("200 calls a minute (type B)", () => {
  it("answers 44990 to a Service Account's 201st qrcodejump call within 60 s, whatever the endpoint", async () => {
    expect(new Set(await spread(200, () => get()))).toEqual(new Set([0]));
    const limited = await add("http://weixin.qq.com/q/late");
    expect(limited.errcode).toBe(44990);
    expect(limited.errmsg).toMatch(/^api freq out of limit rid: /);
    // Per Service Account: another one (same Mini Program) is not held back.
    expect((await get(await sandbox.token(OTHER_OA))).errcode).toBe(0);
    // Once the oldest calls are a minute old, it may call again.
    await sandbox.advance(21);
    expect((await get()).errcode).toBe(0);
  });

  it("does not hold a Mini Program's calls (type A) to 200 a minute", async () => {
    const mp = await sandbox.token(MERCHANT_MP);
    const codes = await spread(210, () => sandbox.call("qrcodejumpget", mp, {}, { paced: false }));
    expect(new Set(codes)).toEqual(new Set([0]));
  });
});

describe("the lifetime budget of type-B adds per Mini Program", () => {
  it("spends one per add or edit, failed ones included; once spent, 85073; deletes give nothing back", async () => {
    expect((await add("http://weixin.qq.com/q/one")).errcode).toBe(0);
    expect((await add("http://weixin.qq.com/q/one", { is_edit: 1 })).errcode).toBe(0);
    expect((await add("http://weixin.qq.com/q/one")).errcode).toBe(85071);
    expect(
      (
        await sandbox.call("qrcodejumpdelete", token, {
          prefix: "http://weixin.qq.com/q/one",
          appid: MERCHANT_MP.appid,
        })
      ).errcode,
    ).toBe(0);
    const spent = await add("http://weixin.qq.com/q/two");
    expect(spent.errcode).toBe(85073);
    expect(spent.errmsg).toMatch(/^rule number exceeds limit rid: /);
    // Refused before the budget is looked at: a malformed prefix, an unlinked Mini Program.
    expect((await add("https://weixin.qq.com/q/two")).errcode).toBe(85066);
    expect((await add("http://weixin.qq.com/q/two", { appid: "wx0000000000000000" })).errcode).toBe(40166);

    const state = await sandbox.state();
    const mp = state.accounts.find((account) => account.appid === MERCHANT_MP.appid);
    expect(mp).toMatchObject({ typeBAddBudget: 3, typeBAddsSpent: 3 });
    const other = state.accounts.find((account) => account.appid === OTHER_MP.appid);
    expect(other).toMatchObject({ typeBAddBudget: 100_000, typeBAddsSpent: 0 });
  });

  it("is the Mini Program's: shared by every Service Account linked to it, separate from another Mini Program's", async () => {
    for (const prefix of ["a", "b", "c"])
      expect((await add(`http://weixin.qq.com/q/${prefix}`)).errcode).toBe(0);
    expect((await add("http://weixin.qq.com/q/d", {}, await sandbox.token(OTHER_OA))).errcode).toBe(85073);
    expect((await add("http://weixin.qq.com/q/d", { appid: OTHER_MP.appid })).errcode).toBe(0);
  });

  it("can be raised (or lowered) in place with PATCH", async () => {
    for (const prefix of ["a", "b", "c"]) await add(`http://weixin.qq.com/q/${prefix}`);
    expect((await add("http://weixin.qq.com/q/d")).errcode).toBe(85073);
    await sandbox.control("PATCH", `accounts/${MERCHANT_MP.appid}`, { typeBAddBudget: 4 });
    expect((await add("http://weixin.qq.com/q/d")).errcode).toBe(0);
    expect((await add("http://weixin.qq.com/q/e")).errcode).toBe(85073);
  });

  it("is not spent by type-A adds", async () => {
    const mp = await sandbox.token(MERCHANT_MP);
    for (const path of ["a", "b", "c", "d"])
      expect(
        (await sandbox.call("qrcodejumpadd", mp, typeARule(`https://a.example.com/${path}/`))).errcode,
      ).toBe(0);
    expect((await add("http://weixin.qq.com/q/a")).errcode).toBe(0);
  });
});

describe("deleting a published type-B rule", () => {
  it("takes effect at once: no publish needed, gone from every listing", async () => {
    await sandbox.reset({
      accounts: [
        {
          ...MERCHANT_OA,
          rules: [
            { prefix: "http://weixin.qq.com/q/live", appid: MERCHANT_MP.appid, path: "pages/a/a", state: 2 },
          ],
        },
      ],
    });
    token = await sandbox.token(MERCHANT_OA);
    const prefix = "http://weixin.qq.com/q/live";
    expect(
      (await sandbox.call("qrcodejumpdelete", token, { prefix, appid: MERCHANT_MP.appid })).errcode,
    ).toBe(0);
    const byPrefix = await sandbox.call("qrcodejumpget", token, {
      appid: MERCHANT_MP.appid,
      get_type: 1,
      prefix_list: [prefix],
    });
    expect(byPrefix).toMatchObject({ rule_list: [], total_count: 0 });
    expect((await sandbox.call("qrcodejumppublish", token, { prefix })).errcode).toBe(40097);
  });
});
