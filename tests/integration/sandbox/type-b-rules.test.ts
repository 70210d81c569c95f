import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { SERVICE_ACCOUNT, SandboxHarness } from "@/tests/support/sandbox-client";

const LINKED = "wxe5f52902cf4de896";
const rules = Array.from({ length: 450 }, (_, i) => ({
  prefix: `http://weixin.qq.com/q/seed${String(i).padStart(4, "0")}`,
  appid: LINKED,
  path: "pages/index/index",
  state: i % 2 === 0 ? 2 : 1,
}));

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
    accounts: [{ ...SERVICE_ACCOUNT, linkedMiniPrograms: ["wxxxxxx", LINKED], rules }],
  });
  token = await sandbox.token(SERVICE_ACCOUNT);
});

const get = (body: unknown) => sandbox.call("qrcodejumpget", token, body);

describe("type B rules (Service Account QR codes)", () => {
  it("accepts the official add example exactly as written, typographic quotes included", async () => {
    const example = `{
  "prefix": "http://weixin.qq.com/q/kZgfwMTm72Wxxxx",
  "appid": “wxxxxxx”,
  "path": "pages/index/index",
  "is_edit": 0
}`;
    expect(await sandbox.call("qrcodejumpadd", token, example)).toEqual({ errcode: 0, errmsg: "ok" });
    const found = await get({ appid: "wxxxxxx", get_type: 1, prefix_list: ["http://weixin.qq.com/q/kZgfwMTm72Wxxxx"] });
    expect(found.rule_list).toEqual([{ prefix: "http://weixin.qq.com/q/kZgfwMTm72Wxxxx", path: "pages/index/index", state: 1 }]);
  });

  it("accepts the official delete example exactly as written", async () => {
    await sandbox.call("qrcodejumpadd", token, {
      prefix: "http://weixin.qq.com/q/02P5KzM_xxxxx",
      appid: LINKED,
      path: "pages/index/index",
      is_edit: 0,
    });
    const example = `{
  "prefix": "http://weixin.qq.com/q/02P5KzM_xxxxx",
  "appid": "wxe5f52902cf4de896"
}`;
    expect(await sandbox.call("qrcodejumpdelete", token, example)).toEqual({ errcode: 0, errmsg: "ok" });
  });

  it("answers 85066 for a prefix outside http://weixin.qq.com/q/ and 40166 for an unlinked Mini Program", async () => {
    const body = { path: "pages/index/index", is_edit: 0 };
    expect((await sandbox.call("qrcodejumpadd", token, { ...body, prefix: "https://weixin.qq.com/q/x", appid: LINKED })).errcode).toBe(85066);
    expect((await sandbox.call("qrcodejumpadd", token, { ...body, prefix: "http://weixin.qq.com/q/", appid: LINKED })).errcode).toBe(85066);
    expect((await sandbox.call("qrcodejumpadd", token, { ...body, prefix: "http://weixin.qq.com/q/new", appid: "wx0000000000000000" })).errcode).toBe(40166);
    expect((await get({ appid: "wx0000000000000000", get_type: 0 })).errcode).toBe(40166);
    expect((await sandbox.call("qrcodejumpadd", token, { ...body, prefix: "http://weixin.qq.com/q/seed0001", appid: LINKED })).errcode).toBe(85071);
  });

  it("get_type 0 lists the latest rules first with total_count", async () => {
    const all = await get({ appid: LINKED, get_type: 0 });
    expect(all.total_count).toBe(450);
    expect((all.rule_list as unknown[]).length).toBe(450);
    expect((all.rule_list as Array<{ prefix: string }>)[0]?.prefix).toBe("http://weixin.qq.com/q/seed0449");
  });

  it("get_type 1 looks up at most 200 prefixes", async () => {
    const wanted = rules.slice(0, 200).map((rule) => rule.prefix);
    const found = await get({ appid: LINKED, get_type: 1, prefix_list: [...wanted, "http://weixin.qq.com/q/none"].slice(0, 200) });
    expect((found.rule_list as unknown[]).length).toBe(200);
    expect((await get({ appid: LINKED, get_type: 1, prefix_list: [...wanted, "http://weixin.qq.com/q/x"] })).errcode).toBe(40097);
    expect((await get({ appid: LINKED, get_type: 1, prefix_list: [] })).errcode).toBe(40097);
  });

  it("get_type 2 pages with page_size ≤ 200 and refuses pages past the end", async () => {
    const page = (page_num: number, page_size: number) => get({ appid: LINKED, get_type: 2, page_num, page_size });
    const first = await page(1, 200);
    expect(first.total_count).toBe(450);
    expect((first.rule_list as Array<{ prefix: string }>)[0]?.prefix).toBe("http://weixin.qq.com/q/seed0000");
    expect(((await page(3, 200)).rule_list as unknown[]).length).toBe(50);
    expect((await page(4, 200)).errcode).toBe(40097);
    expect(((await page(450, 1)).rule_list as unknown[]).length).toBe(1);
    expect((await page(451, 1)).errcode).toBe(40097);
    expect((await page(1, 201)).errcode).toBe(40097);
    expect((await page(0, 10)).errcode).toBe(40097);
    expect((await page(1, 0)).errcode).toBe(40097);
  });

  it("publishes and refuses to edit a published rule (40097); deletes need the right appid", async () => {
    const prefix = "http://weixin.qq.com/q/seed0001";
    expect((await sandbox.call("qrcodejumppublish", token, { prefix })).errcode).toBe(0);
    const edit = { prefix, appid: LINKED, path: "pages/x/x", is_edit: 1 };
    expect((await sandbox.call("qrcodejumpadd", token, edit)).errcode).toBe(40097);
    expect((await sandbox.call("qrcodejumpdelete", token, { prefix, appid: "wxxxxxx" })).errcode).toBe(40097);
    expect((await sandbox.call("qrcodejumpdelete", token, { prefix, appid: LINKED })).errcode).toBe(0);
    expect((await get({ appid: LINKED, get_type: 0 })).total_count).toBe(449);
  });
});
