import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { MERCHANT_MP, MERCHANT_OA } from "@/tests/support/platform";
import { SandboxHarness, type WeChatAnswer, typeARule as rule } from "@/tests/support/sandbox-client";

// WeChat's defaults (edits "narrow"); the own tokens are accepted here only to keep the platform out of the way.
const MP = { ...MERCHANT_MP, ownToken: "accepted" } as const;
const ONLY_RID = /^ rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;

let sandbox: SandboxHarness;
let mp: string;
let oa: string;

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await sandbox.reset({ accounts: [MP, MERCHANT_OA], icpUnfiledHosts: ["unfiled.example.net"] });
  mp = await sandbox.token(MP);
  oa = await sandbox.token(MERCHANT_OA);
});

const addA = (body: unknown) => sandbox.call("qrcodejumpadd", mp, body);
const listA = async () =>
  (await sandbox.call("qrcodejumpget", mp, {})).rule_list as Array<Record<string, unknown>>;
const addB = (body: Record<string, unknown>): Promise<WeChatAnswer> =>
  sandbox.call("qrcodejumpadd", oa, { appid: MERCHANT_MP.appid, path: "pages/a/a", is_edit: 0, ...body });

describe("is_edit: 1, as narrow as WeChat's", () => {
  const prefix = "https://a.example.com/x/";

  it("changes open_version, permit_sub_rule and debug_url of an unpublished type-A rule", async () => {
    expect((await addA(rule(prefix))).errcode).toBe(0);
    const edit = rule(prefix, {
      is_edit: 1,
      open_version: 3,
      permit_sub_rule: 2,
      debug_url: ["https://a.example.com/x/1"],
    });
    expect((await addA(edit)).errcode).toBe(0);
    expect(await listA()).toEqual([
      {
        prefix,
        path: "pages/index/index",
        open_version: 3,
        permit_sub_rule: 2,
        debug_url: ["https://a.example.com/x/1"],
        state: 1,
      },
    ]);
  });

  it("answers 40097 to a changed path, and changes nothing", async () => {
    expect((await addA(rule(prefix))).errcode).toBe(0);
    expect(
      (await addA(rule(prefix, { is_edit: 1, path: "pages/other/other", open_version: 3 }))).errcode,
    ).toBe(40097);
    expect(await listA()).toMatchObject([{ path: "pages/index/index", open_version: 1 }]);
  });

  it("answers 40097 for a published rule and a missing one", async () => {
    expect((await addA(rule(prefix))).errcode).toBe(0);
    expect((await sandbox.call("qrcodejumppublish", mp, { prefix })).errcode).toBe(0);
    expect((await addA(rule(prefix, { is_edit: 1, open_version: 3 }))).errcode).toBe(40097);
    expect((await addA(rule("https://a.example.com/none/", { is_edit: 1 }))).errcode).toBe(40097);
  });

  it("lets a type-B edit change nothing: a changed path or appid is 40097", async () => {
    const b = "http://weixin.qq.com/q/edit";
    expect((await addB({ prefix: b })).errcode).toBe(0);
    expect((await addB({ prefix: b, is_edit: 1 })).errcode).toBe(0);
    expect((await addB({ prefix: b, is_edit: 1, path: "pages/b/b" })).errcode).toBe(40097);
    await sandbox.control("PATCH", `accounts/${MERCHANT_OA.appid}`, {
      linkedMiniPrograms: [MERCHANT_MP.appid, "wx0000000000000001"],
    });
    expect((await addB({ prefix: b, is_edit: 1, appid: "wx0000000000000001" })).errcode).toBe(40097);
  });

  it('lets a path change through for an account with edits "any" (a type-B appid still may not)', async () => {
    await sandbox.control("PATCH", `accounts/${MP.appid}`, { edits: "any" });
    await sandbox.control("PATCH", `accounts/${MERCHANT_OA.appid}`, { edits: "any" });
    expect((await addA(rule(prefix))).errcode).toBe(0);
    expect((await addA(rule(prefix, { is_edit: 1, path: "pages/other/other" }))).errcode).toBe(0);
    expect(await listA()).toMatchObject([{ path: "pages/other/other" }]);
    const b = "http://weixin.qq.com/q/edit";
    expect((await addB({ prefix: b })).errcode).toBe(0);
    expect((await addB({ prefix: b, is_edit: 1, path: "pages/b/b" })).errcode).toBe(0);
  });
});

describe("errmsg as WeChat really sends it", () => {
  it("answers 886000 with an empty errmsg: just the rid", async () => {
    await sandbox.control("PATCH", `accounts/${MP.appid}`, { publishQuota: 0 });
    expect((await addA(rule("https://a.example.com/x/"))).errcode).toBe(0);
    const answer = await sandbox.call("qrcodejumppublish", mp, { prefix: "https://a.example.com/x/" });
    expect(answer.errcode).toBe(886000);
    expect(answer.errmsg).toMatch(ONLY_RID);
  });

  it("answers 85076 with an empty errmsg: just the rid", async () => {
    const answer = await addA(rule("https://shop.unfiled.example.net/x/"));
    expect(answer.errcode).toBe(85076);
    expect(answer.errmsg).toMatch(ONLY_RID);
  });

  it("answers 85066 as 【规则设置】illegal prefix", async () => {
    const answer = await addA(rule("ftp://a.example.com/x/"));
    expect(answer.errcode).toBe(85066);
    expect(answer.errmsg).toMatch(/^【规则设置】illegal prefix rid: [0-9a-f-]+$/);
    expect((await addB({ prefix: "https://weixin.qq.com/q/x" })).errmsg).toMatch(
      /^【规则设置】illegal prefix rid: /,
    );
  });

  it("injects the daily API limit, 44993, with a rid rid/get knows", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "errcode", errcode: 44993 });
    const answer = await addA(rule("https://a.example.com/x/"));
    expect(answer.errcode).toBe(44993);
    const rid = / rid: (\S+)$/.exec(answer.errmsg ?? "")?.[1] ?? "";
    expect((await sandbox.call("rid/get", mp, { rid })).errcode).toBe(0);
    expect(await listA()).toEqual([]);
  });
});

describe("rid look-up errors", () => {
  it("answers 76002 for a malformed rid, 76001 for an unknown one or one older than 7 days, 76003 for another account's", async () => {
    const failed = await addA(rule("ftp://a.example.com/x/"));
    const rid = / rid: (\S+)$/.exec(failed.errmsg ?? "")?.[1] ?? "";
    expect((await sandbox.call("rid/get", mp, { rid: "not-a-rid" })).errcode).toBe(76002);
    expect((await sandbox.call("rid/get", mp, { rid: "00000000-00000000-00000000" })).errcode).toBe(76001);
    expect((await sandbox.call("rid/get", oa, { rid })).errcode).toBe(76003);
    expect((await sandbox.call("rid/get", mp, { rid })).errcode).toBe(0);
    await sandbox.advance(7 * 24 * 3600);
    mp = await sandbox.token(MP);
    expect((await sandbox.call("rid/get", mp, { rid })).errcode).toBe(76001);
  });
});
