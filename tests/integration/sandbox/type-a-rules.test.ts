import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { SandboxSeed } from "@/sandbox/types";
import { MINI_PROGRAM, RID_SUFFIX, SandboxHarness, typeARule as rule } from "@/tests/support/sandbox-client";

// Managed with their own tokens, like MINI_PROGRAM (tests/integration/sandbox/platform-*.test.ts cover the rest).
const OTHER = {
  appid: "wx3333333333333333",
  secret: "33333333333333333333333333333333",
  kind: "miniprogram",
  ownToken: "accepted",
} as const;
const PERSONAL = {
  appid: "wx4444444444444444",
  secret: OTHER.secret,
  kind: "miniprogram",
  personal: true,
  ownToken: "accepted",
} as const;
const UNRELEASED = {
  appid: "wx5555555555555555",
  secret: OTHER.secret,
  kind: "miniprogram",
  released: false,
  ownToken: "accepted",
} as const;

let sandbox: SandboxHarness;
let token: string;

const add = (body: unknown, as = token) => sandbox.call("qrcodejumpadd", as, body);
const list = async (as = token) =>
  (await sandbox.call("qrcodejumpget", as, {})).rule_list as Array<Record<string, unknown>>;

async function seed(extra: Partial<SandboxSeed> = {}, accounts: SandboxSeed["accounts"] = []): Promise<void> {
  await sandbox.reset({
    accounts: [MINI_PROGRAM, OTHER, PERSONAL, UNRELEASED, ...(accounts ?? [])],
    ...extra,
  });
  token = await sandbox.token(MINI_PROGRAM);
}

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await seed();
});

describe("qrcodejumpadd with a Mini Program's token (type A)", () => {
  it("accepts the official example request exactly as published, and lists the rule", async () => {
    const example = `{
  "prefix": "https://weixin.qq.com/qrcodejump",
  "permit_sub_rule": 1,
  "path": "pages/index/index",
  "open_version": 1,
  "debug_url": [
    "https://weixin.qq.com/qrcodejump?a=1",
    "https://weixin.qq.com/qrcodejump?a=2"
  ],
  "is_edit": 0
}`;
    expect(await add(example)).toEqual({ errcode: 0, errmsg: "ok" });
    expect(await sandbox.call("qrcodejumpget", token, {})).toEqual({
      errcode: 0,
      errmsg: "ok",
      rule_list: [
        {
          prefix: "https://weixin.qq.com/qrcodejump",
          permit_sub_rule: 1,
          path: "pages/index/index",
          open_version: 1,
          debug_url: ["https://weixin.qq.com/qrcodejump?a=1", "https://weixin.qq.com/qrcodejump?a=2"],
          state: 1,
        },
      ],
      qrcodejump_open: 1,
      qrcodejump_pub_quota: 100,
      list_size: 1,
    });
  });

  it("accepts a rule without debug_url", async () => {
    const { debug_url: _omitted, ...body } = rule("https://a.example.com/x/");
    expect((await add(body)).errcode).toBe(0);
    expect(await list()).toMatchObject([{ prefix: "https://a.example.com/x/", debug_url: [] }]);
  });

  it.each([
    ["ftp://a.example.com/x/", "a scheme other than http(s)"],
    ["hlht://a.example.com/x/", "the hlht scheme"],
    ["https:///x/", "no host"],
    ["https://a.example.com/ x/", "a space"],
    [" https://a.example.com/x/", "a leading space"],
    ["https：//a.example.com/x/", "full-width characters"],
    ["https://a.example.com/x/#top", "a fragment"],
    ["a.example.com/x/", "no scheme"],
    ["", "nothing"],
  ])("answers 85066 for %j (%s)", async (prefix) => {
    const answer = await add(rule(prefix));
    expect(answer.errcode).toBe(85066);
    expect(answer.errmsg).toMatch(RID_SUFFIX);
  });

  it("answers 85068 when a test link is not under the prefix, following REFERENCE §3", async () => {
    const prefix = "https://a.example.com/x/";
    for (const link of [
      "https://a.example.com/y",
      "http://a.example.com/x/1",
      "https://b.example.com/x/1",
      "https://a.example.com/x",
    ]) {
      expect((await add(rule(prefix, { debug_url: [`${prefix}ok`, link] }))).errcode).toBe(85068);
    }
    expect(
      (await add(rule("https://a.example.com/p?id=1", { debug_url: ["https://a.example.com/p?id=2"] })))
        .errcode,
    ).toBe(85068);
    expect(
      (await add(rule("https://a.example.com/p", { debug_url: ["https://a.example.com/p/1"] }))).errcode,
    ).toBe(85068);
    expect(await list()).toEqual([]);
  });

  it("takes at most 5 test links (a sixth is 40097)", async () => {
    const prefix = "https://a.example.com/x/";
    const six = Array.from({ length: 6 }, (_, i) => `${prefix}${i}`);
    expect((await add(rule(prefix, { debug_url: six }))).errcode).toBe(40097);
    expect((await add(rule(prefix, { debug_url: six.slice(0, 5) }))).errcode).toBe(0);
  });

  it("answers 85070 for blacklisted hosts and 85076 for hosts without ICP filing, subdomains included", async () => {
    await seed({ blacklistedHosts: ["bad.example.com"], icpUnfiledHosts: ["new.example.net"] });
    expect((await add(rule("https://bad.example.com/x/"))).errcode).toBe(85070);
    expect((await add(rule("http://www.bad.example.com:8080/x/"))).errcode).toBe(85070);
    expect((await add(rule("https://new.example.net/x/"))).errcode).toBe(85076);
    expect((await add(rule("https://m.new.example.net/x/"))).errcode).toBe(85076);
    expect((await add(rule("https://notbad.example.com/x/"))).errcode).toBe(0);
  });

  it("answers 85071 for a prefix it already has and 85073 past the rule limit", async () => {
    const small = { ...MINI_PROGRAM, appid: "wx6666666666666666", ruleLimit: 2 };
    await seed({}, [small]);
    const smallToken = await sandbox.token(small);
    expect((await add(rule("https://a.example.com/1/"), smallToken)).errcode).toBe(0);
    expect(
      (await add(rule("https://a.example.com/1/", { path: "pages/other/other" }), smallToken)).errcode,
    ).toBe(85071);
    expect((await add(rule("https://a.example.com/2/"), smallToken)).errcode).toBe(0);
    expect((await add(rule("https://a.example.com/3/"), smallToken)).errcode).toBe(85073);
    // Deleting one makes room again.
    await sandbox.call("qrcodejumpdelete", smallToken, { prefix: "https://a.example.com/1/" });
    expect((await add(rule("https://a.example.com/3/"), smallToken)).errcode).toBe(0);
  });

  it("has a default limit of 100 rules", async () => {
    const rules = Array.from({ length: 100 }, (_, i) => ({ prefix: `https://a.example.com/${i}/` }));
    await seed({}, [{ ...MINI_PROGRAM, appid: "wx6666666666666667", rules }]);
    const full = await sandbox.token({ appid: "wx6666666666666667", secret: MINI_PROGRAM.secret });
    expect((await add(rule("https://a.example.com/one-more/"), full)).errcode).toBe(85073);
  });

  it("answers 85072 when another account occupies the prefix or holds the very same one", async () => {
    const other = await sandbox.token(OTHER);
    expect((await add(rule("https://shared.example.com/shop/", { permit_sub_rule: 2 }), other)).errcode).toBe(
      0,
    );
    expect((await add(rule("https://shared.example.com/free/"), other)).errcode).toBe(0);

    const occupied = await add(rule("https://shared.example.com/shop/item/"));
    expect(occupied.errcode).toBe(85072);
    // Not told who holds it.
    expect(occupied.errmsg).not.toContain(OTHER.appid);
    expect((await add(rule("https://shared.example.com/shop/"))).errcode).toBe(85072);
    expect((await add(rule("https://shared.example.com/free/"))).errcode).toBe(85072);
    // permit_sub_rule 1 leaves sub-rules to others; a broader prefix is not under the occupied one.
    expect((await add(rule("https://shared.example.com/free/item/"))).errcode).toBe(0);
    expect((await add(rule("https://shared.example.com/"))).errcode).toBe(0);
    // The occupying account may add under its own prefix.
    expect((await add(rule("https://shared.example.com/shop/own/"), other)).errcode).toBe(0);
  });

  it("answers 85075 to a personal Mini Program on every rule endpoint", async () => {
    const personal = await sandbox.token(PERSONAL);
    const prefix = { prefix: "https://a.example.com/x/" };
    expect((await add(rule(prefix.prefix), personal)).errcode).toBe(85075);
    for (const endpoint of ["qrcodejumpget", "qrcodejumpdelete", "qrcodejumppublish", "qrcodejumpdownload"]) {
      expect(
        (
          await sandbox.call(
            endpoint,
            personal,
            endpoint === "qrcodejumpget" || endpoint === "qrcodejumpdownload" ? {} : prefix,
          )
        ).errcode,
      ).toBe(85075);
    }
  });

  it("edits an unpublished rule, but refuses a published one and a missing one (40097)", async () => {
    const prefix = "https://a.example.com/x/";
    expect((await add(rule(prefix))).errcode).toBe(0);
    expect((await add(rule(prefix, { path: "pages/new/new", open_version: 2, is_edit: 1 }))).errcode).toBe(0);
    expect(await list()).toMatchObject([{ prefix, path: "pages/new/new", open_version: 2, state: 1 }]);
    expect((await sandbox.call("qrcodejumppublish", token, { prefix })).errcode).toBe(0);
    expect((await add(rule(prefix, { path: "pages/other/other", is_edit: 1 }))).errcode).toBe(40097);
    expect((await add(rule("https://a.example.com/none/", { is_edit: 1 }))).errcode).toBe(40097);
    expect(await list()).toMatchObject([{ prefix, path: "pages/new/new", state: 2 }]);
  });

  it("tells a field of the wrong type (47001) from a missing or out-of-range one (40097)", async () => {
    const prefix = "https://a.example.com/x/";
    expect((await add(rule(prefix, { permit_sub_rule: "1" }))).errcode).toBe(47001);
    expect((await add(rule(prefix, { debug_url: "https://a.example.com/x/1" }))).errcode).toBe(47001);
    expect((await add(rule(prefix, { is_edit: false }))).errcode).toBe(47001);
    expect((await add(rule(prefix, { permit_sub_rule: 3 }))).errcode).toBe(40097);
    expect((await add(rule(prefix, { open_version: 0 }))).errcode).toBe(40097);
    expect((await add(rule(prefix, { is_edit: 2 }))).errcode).toBe(40097);
    expect((await add({ prefix })).errcode).toBe(40097);
    expect((await add({ ...rule(prefix), path: undefined })).errcode).toBe(40097);
  });
});

describe("qrcodejumppublish, qrcodejumpdelete, qrcodejumpget, qrcodejumpdownload (type A)", () => {
  it("spends one of the month's publishes per publish; 886000 when used up; a new month restores them", async () => {
    const limited = { ...MINI_PROGRAM, appid: "wx7777777777777777", publishQuota: 2 };
    await seed({}, [limited]);
    const limitedToken = await sandbox.token(limited);
    for (const n of [1, 2, 3])
      expect((await add(rule(`https://a.example.com/${n}/`), limitedToken)).errcode).toBe(0);
    expect(
      await sandbox.call("qrcodejumppublish", limitedToken, { prefix: "https://a.example.com/1/" }),
    ).toEqual({ errcode: 0, errmsg: "ok" });
    expect((await sandbox.call("qrcodejumpget", limitedToken, {})).qrcodejump_pub_quota).toBe(1);
    expect(
      (await sandbox.call("qrcodejumppublish", limitedToken, { prefix: "https://a.example.com/2/" })).errcode,
    ).toBe(0);
    const usedUp = await sandbox.call("qrcodejumppublish", limitedToken, {
      prefix: "https://a.example.com/3/",
    });
    expect(usedUp.errcode).toBe(886000);
    expect(usedUp.errmsg).toMatch(RID_SUFFIX);
    expect((await sandbox.call("qrcodejumpget", limitedToken, {})).qrcodejump_pub_quota).toBe(0);
    // Deleting rules gives no publishes back.
    expect(
      (await sandbox.call("qrcodejumpdelete", limitedToken, { prefix: "https://a.example.com/1/" })).errcode,
    ).toBe(0);
    expect(
      (await sandbox.call("qrcodejumppublish", limitedToken, { prefix: "https://a.example.com/3/" })).errcode,
    ).toBe(886000);
    expect(
      (await sandbox.state()).accounts.find((account) => account.appid === limited.appid)?.publishesLeft,
    ).toBe(0);

    await sandbox.advance(32 * 24 * 3600);
    const nextMonth = await sandbox.token(limited);
    expect((await sandbox.call("qrcodejumpget", nextMonth, {})).qrcodejump_pub_quota).toBe(2);
    expect(
      (await sandbox.call("qrcodejumppublish", nextMonth, { prefix: "https://a.example.com/3/" })).errcode,
    ).toBe(0);
  });

  it("has a default quota of 100 publishes a month", async () => {
    expect((await sandbox.call("qrcodejumpget", token, {})).qrcodejump_pub_quota).toBe(100);
  });

  it("refuses to publish without released code (85074) and an unknown prefix (40097)", async () => {
    const unreleased = await sandbox.token(UNRELEASED);
    expect((await add(rule("https://a.example.com/x/"), unreleased)).errcode).toBe(0);
    expect(
      (await sandbox.call("qrcodejumppublish", unreleased, { prefix: "https://a.example.com/x/" })).errcode,
    ).toBe(85074);
    expect(
      (await sandbox.call("qrcodejumppublish", token, { prefix: "https://a.example.com/nope/" })).errcode,
    ).toBe(40097);
    expect((await sandbox.call("qrcodejumppublish", token, {})).errcode).toBe(40097);
  });

  it("deletes a rule, published or not, and answers 40097 for one that does not exist", async () => {
    await add(rule("https://a.example.com/x/"));
    await add(rule("https://a.example.com/y/"));
    await sandbox.call("qrcodejumppublish", token, { prefix: "https://a.example.com/y/" });
    expect(await sandbox.call("qrcodejumpdelete", token, { prefix: "https://a.example.com/x/" })).toEqual({
      errcode: 0,
      errmsg: "ok",
    });
    expect(
      (await sandbox.call("qrcodejumpdelete", token, { prefix: "https://a.example.com/y/" })).errcode,
    ).toBe(0);
    expect(
      (await sandbox.call("qrcodejumpdelete", token, { prefix: "https://a.example.com/x/" })).errcode,
    ).toBe(40097);
    expect(await list()).toEqual([]);
  });

  it("lists rules in the order they were added, with list_size counting them", async () => {
    for (const n of [3, 1, 2]) await add(rule(`https://a.example.com/${n}/`));
    const answer = await sandbox.call("qrcodejumpget", token, {});
    expect((answer.rule_list as Array<{ prefix: string }>).map((listed) => listed.prefix)).toEqual([
      "https://a.example.com/3/",
      "https://a.example.com/1/",
      "https://a.example.com/2/",
    ]);
    expect(answer.list_size).toBe(3);
  });

  it("gives the verification file for {} and answers 44002 to an empty body", async () => {
    const file = await sandbox.call("qrcodejumpdownload", token, {});
    expect(file).toEqual({
      errcode: 0,
      errmsg: "ok",
      file_name: expect.stringMatching(/^[A-Za-z0-9]{10}\.txt$/),
      file_content: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    // The same file after a reset, as on WeChat until a new one is downloaded.
    await seed();
    expect(await sandbox.call("qrcodejumpdownload", token, {})).toEqual(file);
    expect((await sandbox.call("qrcodejumpdownload", token, "")).errcode).toBe(44002);
    expect((await sandbox.call("qrcodejumpget", token, "")).errcode).toBe(44002);
    expect((await sandbox.call("qrcodejumpadd", token, "")).errcode).toBe(44002);
  });
});

describe("the verification file (85069)", () => {
  let fileServer: Server;
  let port: number;
  let served: { path: string; content: string } | null = null;
  const requested: string[] = [];

  beforeAll(async () => {
    fileServer = createServer((req, res) => {
      requested.push(req.url ?? "");
      if (served && req.url === served.path) res.end(`${served.content}\n`);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => fileServer.listen(0, "127.0.0.1", resolve));
    port = (fileServer.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => fileServer.close(resolve));
  });

  it("adds the rule only when the file is served from the prefix's last directory, over HTTP from the prefix's host", async () => {
    await seed({ verification: "http" });
    const file = (await sandbox.call("qrcodejumpdownload", token, {})) as {
      file_name: string;
      file_content: string;
    };
    // An https prefix: the sandbox still fetches plain http://127.0.0.1:<port>/…
    const prefix = `https://127.0.0.1:${port}/campaign/spring/`;

    served = null;
    expect((await add(rule(prefix))).errcode).toBe(85069);
    served = { path: `/campaign/${file.file_name}`, content: file.file_content };
    expect((await add(rule(prefix))).errcode).toBe(85069);
    served = { path: `/campaign/spring/${file.file_name}`, content: "something else" };
    expect((await add(rule(prefix))).errcode).toBe(85069);
    served = { path: `/campaign/spring/${file.file_name}`, content: file.file_content };
    expect((await add(rule(prefix))).errcode).toBe(0);
    expect(requested.at(-1)).toBe(`/campaign/spring/${file.file_name}`);

    // Without a trailing slash the last directory is the parent: /campaign/.
    served = { path: `/campaign/${file.file_name}`, content: file.file_content };
    expect((await add(rule(`http://127.0.0.1:${port}/campaign/autumn`))).errcode).toBe(0);
  });

  it("fetches from verificationOrigin when the reset names one, so realistic prefixes can be verified locally", async () => {
    await seed({ verification: "http", verificationOrigin: `http://127.0.0.1:${port}` });
    const file = (await sandbox.call("qrcodejumpdownload", token, {})) as {
      file_name: string;
      file_content: string;
    };
    served = { path: `/shop/${file.file_name}`, content: file.file_content };
    expect((await add(rule("https://shop.example.com/shop/"))).errcode).toBe(0);
    expect((await add(rule("https://shop.example.com/other/"))).errcode).toBe(85069);
  });

  it("does not check the file with verification off (the default)", async () => {
    served = null;
    expect((await add(rule(`https://127.0.0.1:${port}/anything/`))).errcode).toBe(0);
  });
});
