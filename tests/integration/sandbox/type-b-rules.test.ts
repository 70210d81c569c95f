import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { MINI_PROGRAM, RID_SUFFIX, SERVICE_ACCOUNT, SandboxHarness } from "@/tests/support/sandbox-client";

/** The appids the official examples use. */
const EXAMPLE_ADD_APPID = "wxxxxxx";
const EXAMPLE_DELETE_APPID = "wxe5f52902cf4de896";
const LINKED = EXAMPLE_DELETE_APPID;
const UNRELEASED = {
  appid: "wx5555555555555555",
  secret: MINI_PROGRAM.secret,
  kind: "miniprogram",
  released: false,
} as const;

const seeded = (count: number, appid = LINKED) =>
  Array.from({ length: count }, (_, i) => ({
    prefix: `http://weixin.qq.com/q/seed${String(i).padStart(5, "0")}`,
    appid,
    path: "pages/index/index",
    state: i % 2 === 0 ? 2 : 1,
  }));
const rules = seeded(450);

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
      { ...SERVICE_ACCOUNT, linkedMiniPrograms: [EXAMPLE_ADD_APPID, LINKED, UNRELEASED.appid], rules },
      MINI_PROGRAM,
      UNRELEASED,
    ],
  });
  token = await sandbox.token(SERVICE_ACCOUNT);
});

const get = (body: unknown) => sandbox.call("qrcodejumpget", token, body);
const prefixes = (answer: Record<string, unknown>) =>
  (answer.rule_list as Array<{ prefix: string }>).map((rule) => rule.prefix);

describe("the official examples", () => {
  // The published type-B example writes one value with typographic quotes (“wxxxxxx”). That is not
  // JSON, and nothing says WeChat reads it anyway: the sandbox answers it as WeChat answers
  // malformed JSON (47001), and accepts the example as soon as the quotes are plain.
  const example = `{
  "prefix": "http://weixin.qq.com/q/kZgfwMTm72Wxxxx",
  "appid": “wxxxxxx”,
  "path": "pages/index/index",
  "is_edit": 0
}`;

  it("accepts the type-B add example with plain quotes, and lists the rule", async () => {
    expect(await sandbox.call("qrcodejumpadd", token, example.replace(/[“”]/g, '"'))).toEqual({
      errcode: 0,
      errmsg: "ok",
    });
    const found = await get({
      appid: EXAMPLE_ADD_APPID,
      get_type: 1,
      prefix_list: ["http://weixin.qq.com/q/kZgfwMTm72Wxxxx"],
    });
    expect(found.rule_list).toEqual([
      { prefix: "http://weixin.qq.com/q/kZgfwMTm72Wxxxx", path: "pages/index/index", state: 1 },
    ]);
  });

  it("answers the example as printed, typographic quotes included, with WeChat's data format error", async () => {
    const answer = await sandbox.call("qrcodejumpadd", token, example);
    expect(answer.errcode).toBe(47001);
    expect(answer.errmsg).toMatch(RID_SUFFIX);
  });

  it("accepts the delete example exactly as published", async () => {
    expect(
      (
        await sandbox.call("qrcodejumpadd", token, {
          prefix: "http://weixin.qq.com/q/02P5KzM_xxxxx",
          appid: LINKED,
          path: "pages/index/index",
          is_edit: 0,
        })
      ).errcode,
    ).toBe(0);
    const example = `{
  "prefix": "http://weixin.qq.com/q/02P5KzM_xxxxx",
  "appid": "wxe5f52902cf4de896"
}`;
    expect(await sandbox.call("qrcodejumpdelete", token, example)).toEqual({ errcode: 0, errmsg: "ok" });
    expect(
      (await get({ appid: LINKED, get_type: 1, prefix_list: ["http://weixin.qq.com/q/02P5KzM_xxxxx"] }))
        .rule_list,
    ).toEqual([]);
  });
});

describe("qrcodejumpadd with a Service Account's token (type B)", () => {
  const body = { path: "pages/index/index", is_edit: 0 };

  it("answers 85066 for a prefix outside http://weixin.qq.com/q/", async () => {
    for (const prefix of [
      "https://weixin.qq.com/q/x",
      "http://weixin.qq.com/q/",
      "http://weixin.qq.com/r/x",
      "https://a.example.com/x/",
      "http://weixin.qq.com/q/a b",
    ]) {
      expect((await sandbox.call("qrcodejumpadd", token, { ...body, prefix, appid: LINKED })).errcode).toBe(
        85066,
      );
    }
  });

  it("answers 40166 for a Mini Program not linked to the Service Account, and 40097 without one", async () => {
    const answer = await sandbox.call("qrcodejumpadd", token, {
      ...body,
      prefix: "http://weixin.qq.com/q/new",
      appid: MINI_PROGRAM.appid,
    });
    expect(answer.errcode).toBe(40166);
    expect(
      (await sandbox.call("qrcodejumpadd", token, { ...body, prefix: "http://weixin.qq.com/q/new" })).errcode,
    ).toBe(40097);
    expect((await get({ appid: MINI_PROGRAM.appid, get_type: 0 })).errcode).toBe(40166);
  });

  it("answers 85071 for a prefix it has, and 85073 past its rule limit", async () => {
    expect(
      (
        await sandbox.call("qrcodejumpadd", token, {
          ...body,
          prefix: "http://weixin.qq.com/q/seed00001",
          appid: LINKED,
        })
      ).errcode,
    ).toBe(85071);
    await sandbox.reset({
      accounts: [{ ...SERVICE_ACCOUNT, linkedMiniPrograms: [LINKED], ruleLimit: 450, rules }],
    });
    token = await sandbox.token(SERVICE_ACCOUNT);
    expect(
      (
        await sandbox.call("qrcodejumpadd", token, {
          ...body,
          prefix: "http://weixin.qq.com/q/one-more",
          appid: LINKED,
        })
      ).errcode,
    ).toBe(85073);
  });

  it("edits an unpublished rule but not a published one (40097), nor moves it to another Mini Program", async () => {
    const unpublished = "http://weixin.qq.com/q/seed00001";
    const published = "http://weixin.qq.com/q/seed00000";
    expect(
      (
        await sandbox.call("qrcodejumpadd", token, {
          prefix: unpublished,
          appid: LINKED,
          path: "pages/x/x",
          is_edit: 1,
        })
      ).errcode,
    ).toBe(0);
    expect(
      (
        await sandbox.call("qrcodejumpadd", token, {
          prefix: published,
          appid: LINKED,
          path: "pages/x/x",
          is_edit: 1,
        })
      ).errcode,
    ).toBe(40097);
    expect(
      (
        await sandbox.call("qrcodejumpadd", token, {
          prefix: unpublished,
          appid: EXAMPLE_ADD_APPID,
          path: "pages/x/x",
          is_edit: 1,
        })
      ).errcode,
    ).toBe(40097);
    expect(
      (await get({ appid: LINKED, get_type: 1, prefix_list: [unpublished, published] })).rule_list,
    ).toEqual([
      { prefix: unpublished, path: "pages/x/x", state: 1 },
      { prefix: published, path: "pages/index/index", state: 2 },
    ]);
  });
});

describe("qrcodejumpget with a Service Account's token", () => {
  it("get_type 0 lists the rules of that Mini Program in the order added, with total_count and list_size", async () => {
    const answer = await get({ appid: LINKED, get_type: 0 });
    expect(answer).toMatchObject({
      errcode: 0,
      errmsg: "ok",
      total_count: 450,
      list_size: 450,
      qrcodejump_open: 1,
      qrcodejump_pub_quota: 100,
    });
    expect(prefixes(answer)).toEqual(rules.map((rule) => rule.prefix));
    expect((answer.rule_list as unknown[])[0]).toEqual({
      prefix: rules[0]?.prefix,
      path: "pages/index/index",
      state: 2,
    });
    expect(await get({ appid: EXAMPLE_ADD_APPID, get_type: 0 })).toMatchObject({
      rule_list: [],
      total_count: 0,
      list_size: 0,
    });
  });

  it("get_type 0 returns the latest 10,000 of more", async () => {
    const many = seeded(10_005);
    await sandbox.reset({ accounts: [{ ...SERVICE_ACCOUNT, linkedMiniPrograms: [LINKED], rules: many }] });
    token = await sandbox.token(SERVICE_ACCOUNT);
    const answer = await get({ appid: LINKED, get_type: 0 });
    expect(answer.total_count).toBe(10_005);
    expect(answer.list_size).toBe(10_000);
    expect(prefixes(answer)[0]).toBe(many[5]?.prefix);
    expect(prefixes(answer).at(-1)).toBe(many.at(-1)?.prefix);
  });

  it("get_type 1 looks up 1 to 200 prefixes, in the order asked, skipping unknown ones", async () => {
    const wanted = rules
      .slice(0, 199)
      .map((rule) => rule.prefix)
      .reverse();
    const found = await get({
      appid: LINKED,
      get_type: 1,
      prefix_list: [...wanted, "http://weixin.qq.com/q/none"],
    });
    expect(prefixes(found)).toEqual(wanted);
    expect(found).toMatchObject({ list_size: 199, total_count: 450 });
    const tooMany = [...wanted, "http://weixin.qq.com/q/x", "http://weixin.qq.com/q/y"];
    expect(tooMany).toHaveLength(201);
    expect((await get({ appid: LINKED, get_type: 1, prefix_list: tooMany })).errcode).toBe(40097);
    expect((await get({ appid: LINKED, get_type: 1, prefix_list: [] })).errcode).toBe(40097);
    expect((await get({ appid: LINKED, get_type: 1 })).errcode).toBe(40097);
    expect(
      (await get({ appid: LINKED, get_type: 1, prefix_list: "http://weixin.qq.com/q/seed00000" })).errcode,
    ).toBe(47001);
  });

  it("get_type 2 pages from 1 with page_size up to 200, and refuses pages past the end (40097)", async () => {
    const page = (page_num: unknown, page_size: unknown) =>
      get({ appid: LINKED, get_type: 2, page_num, page_size });
    const first = await page(1, 200);
    expect(first).toMatchObject({ total_count: 450, list_size: 200 });
    expect(prefixes(first)).toEqual(rules.slice(0, 200).map((rule) => rule.prefix));
    expect(prefixes(await page(2, 200))).toEqual(rules.slice(200, 400).map((rule) => rule.prefix));
    const last = await page(3, 200);
    expect(last).toMatchObject({ list_size: 50, total_count: 450 });
    expect(prefixes(last).at(-1)).toBe(rules.at(-1)?.prefix);
    expect((await page(4, 200)).errcode).toBe(40097);
    expect(prefixes(await page(450, 1))).toEqual([rules.at(-1)?.prefix]);
    expect((await page(451, 1)).errcode).toBe(40097);
    expect(prefixes(await page(9, 50))).toHaveLength(50);
    expect((await page(10, 50)).errcode).toBe(40097);
    expect((await page(1, 201)).errcode).toBe(40097);
    expect((await page(0, 10)).errcode).toBe(40097);
    expect((await page(1, 0)).errcode).toBe(40097);
    expect((await page(1.5, 10)).errcode).toBe(40097);
    expect((await page("1", 10)).errcode).toBe(47001);
    expect((await get({ appid: LINKED, get_type: 2, page_num: 1 })).errcode).toBe(40097);
    // An empty list has an empty first page.
    expect(await get({ appid: EXAMPLE_ADD_APPID, get_type: 2, page_num: 1, page_size: 10 })).toMatchObject({
      rule_list: [],
      total_count: 0,
    });
    expect((await get({ appid: EXAMPLE_ADD_APPID, get_type: 2, page_num: 2, page_size: 10 })).errcode).toBe(
      40097,
    );
  });

  it("needs appid and a get_type of 0, 1 or 2", async () => {
    expect((await get({})).errcode).toBe(40097);
    expect((await get({ appid: LINKED })).errcode).toBe(40097);
    expect((await get({ appid: LINKED, get_type: 3 })).errcode).toBe(40097);
  });

  it("a paged walk sees every rule exactly once", async () => {
    const seen: string[] = [];
    for (let pageNum = 1; ; pageNum++) {
      const answer = await get({ appid: LINKED, get_type: 2, page_num: pageNum, page_size: 200 });
      seen.push(...prefixes(answer));
      if (seen.length >= (answer.total_count as number)) break;
    }
    expect(seen).toEqual(rules.map((rule) => rule.prefix));
  });
});

describe("qrcodejumppublish, qrcodejumpdelete, qrcodejumpdownload with a Service Account's token", () => {
  it("publishes a rule, spending the Service Account's quota, and refuses to edit it afterwards", async () => {
    const prefix = "http://weixin.qq.com/q/seed00001";
    expect(await sandbox.call("qrcodejumppublish", token, { prefix })).toEqual({ errcode: 0, errmsg: "ok" });
    expect((await get({ appid: LINKED, get_type: 1, prefix_list: [prefix] })).rule_list).toEqual([
      { prefix, path: "pages/index/index", state: 2 },
    ]);
    expect((await get({ appid: LINKED, get_type: 0 })).qrcodejump_pub_quota).toBe(99);
    expect(
      (await sandbox.call("qrcodejumpadd", token, { prefix, appid: LINKED, path: "pages/x/x", is_edit: 1 }))
        .errcode,
    ).toBe(40097);
    expect(
      (await sandbox.call("qrcodejumppublish", token, { prefix: "http://weixin.qq.com/q/none" })).errcode,
    ).toBe(40097);
  });

  it("answers 85074 when the Mini Program a rule opens has no released code", async () => {
    const prefix = "http://weixin.qq.com/q/unreleased";
    expect(
      (
        await sandbox.call("qrcodejumpadd", token, {
          prefix,
          appid: UNRELEASED.appid,
          path: "pages/index/index",
          is_edit: 0,
        })
      ).errcode,
    ).toBe(0);
    expect((await sandbox.call("qrcodejumppublish", token, { prefix })).errcode).toBe(85074);
  });

  it("deletes with the rule's Mini Program only: 40097 for another linked one, 40166 for an unlinked one", async () => {
    const prefix = "http://weixin.qq.com/q/seed00002";
    expect(
      (await sandbox.call("qrcodejumpdelete", token, { prefix, appid: EXAMPLE_ADD_APPID })).errcode,
    ).toBe(40097);
    expect(
      (await sandbox.call("qrcodejumpdelete", token, { prefix, appid: MINI_PROGRAM.appid })).errcode,
    ).toBe(40166);
    expect((await sandbox.call("qrcodejumpdelete", token, { prefix })).errcode).toBe(40097);
    expect((await sandbox.call("qrcodejumpdelete", token, { prefix, appid: LINKED })).errcode).toBe(0);
    expect((await sandbox.call("qrcodejumpdelete", token, { prefix, appid: LINKED })).errcode).toBe(40097);
    expect((await get({ appid: LINKED, get_type: 0 })).total_count).toBe(449);
  });

  it("has no verification file for a Service Account (48001)", async () => {
    expect((await sandbox.call("qrcodejumpdownload", token, {})).errcode).toBe(48001);
  });
});
