import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { SandboxSeed } from "@/sandbox/types";
import { MINI_PROGRAM, SandboxHarness } from "@/tests/support/sandbox-client";

const OTHER = { appid: "wx3333333333333333", secret: "33333333333333333333333333333333", kind: "miniprogram" } as const;
const PERSONAL = { ...OTHER, appid: "wx4444444444444444", personal: true };
const UNRELEASED = { ...OTHER, appid: "wx5555555555555555", released: false };

let sandbox: SandboxHarness;
let token: string;

const rule = (prefix: string, extra: Record<string, unknown> = {}) => ({
  prefix,
  permit_sub_rule: 1,
  path: "pages/index/index",
  open_version: 1,
  debug_url: [],
  is_edit: 0,
  ...extra,
});
const add = (body: unknown, as = token) => sandbox.call("qrcodejumpadd", as, body);

async function seed(extra: Partial<SandboxSeed> = {}, accounts: SandboxSeed["accounts"] = []) {
  await sandbox.reset({ accounts: [MINI_PROGRAM, OTHER, PERSONAL, UNRELEASED, ...(accounts ?? [])], ...extra });
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

describe("qrcodejumpadd (type A)", () => {
  it("accepts the official example request exactly as written", async () => {
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
    const listed = await sandbox.call("qrcodejumpget", token, {});
    expect(listed.rule_list).toEqual([
      {
        prefix: "https://weixin.qq.com/qrcodejump",
        permit_sub_rule: 1,
        path: "pages/index/index",
        open_version: 1,
        debug_url: ["https://weixin.qq.com/qrcodejump?a=1", "https://weixin.qq.com/qrcodejump?a=2"],
        state: 1,
      },
    ]);
  });

  it.each([
    ["ftp://a.example.com/x/", "a scheme other than http(s)"],
    ["https://", "no host"],
    ["https://a.example.com/ x/", "a space"],
    ["https：//a.example.com/x/", "full-width characters"],
    ["not a url", "no URL at all"],
  ])("answers 85066 for %s (%s)", async (prefix) => {
    expect((await add(rule(prefix))).errcode).toBe(85066);
  });

  it("answers 85068 when a test link is not under the prefix, and 40097 for a sixth link", async () => {
    const prefix = "https://a.example.com/x/";
    expect((await add(rule(prefix, { debug_url: ["https://a.example.com/x/1", "https://a.example.com/y"] }))).errcode).toBe(
      85068,
    );
    expect((await add(rule(prefix, { debug_url: ["http://a.example.com/x/1"] }))).errcode).toBe(85068);
    const six = Array.from({ length: 6 }, (_, i) => `${prefix}${i}`);
    expect((await add(rule(prefix, { debug_url: six }))).errcode).toBe(40097);
    expect((await add(rule(prefix, { debug_url: six.slice(0, 5) }))).errcode).toBe(0);
  });

  it("answers 85070 for blacklisted hosts and 85076 for hosts without ICP filing", async () => {
    await seed({ blacklistedHosts: ["bad.example.com"], icpUnfiledHosts: ["new.example.com"] });
    expect((await add(rule("https://bad.example.com/x/"))).errcode).toBe(85070);
    expect((await add(rule("https://new.example.com/x/"))).errcode).toBe(85076);
  });

  it("answers 85071 for a rule that exists and 85073 past the rule limit", async () => {
    await seed({}, [{ ...MINI_PROGRAM, appid: "wx6666666666666666", ruleLimit: 2 }]);
    const small = await sandbox.token({ appid: "wx6666666666666666", secret: MINI_PROGRAM.secret });
    expect((await add(rule("https://a.example.com/1/"), small)).errcode).toBe(0);
    expect((await add(rule("https://a.example.com/1/"), small)).errcode).toBe(85071);
    expect((await add(rule("https://a.example.com/2/"), small)).errcode).toBe(0);
    expect((await add(rule("https://a.example.com/3/"), small)).errcode).toBe(85073);
  });

  it("answers 85072 when another account occupies the prefix, and not when it does not", async () => {
    const other = await sandbox.token(OTHER);
    expect((await add(rule("https://shared.example.com/shop/", { permit_sub_rule: 2 }), other)).errcode).toBe(0);
    expect((await add(rule("https://shared.example.com/free/"), other)).errcode).toBe(0);
    expect((await add(rule("https://shared.example.com/shop/item/"))).errcode).toBe(85072);
    expect((await add(rule("https://shared.example.com/shop/"))).errcode).toBe(85072);
    expect((await add(rule("https://shared.example.com/free/item/"))).errcode).toBe(0);
  });

  it("answers 85075 to a personal Mini Program on every rule endpoint", async () => {
    const personal = await sandbox.token(PERSONAL);
    expect((await add(rule("https://a.example.com/x/"), personal)).errcode).toBe(85075);
    expect((await sandbox.call("qrcodejumpget", personal, {})).errcode).toBe(85075);
    expect((await sandbox.call("qrcodejumpdelete", personal, { prefix: "https://a.example.com/x/" })).errcode).toBe(85075);
  });

  it("edits an unpublished rule but refuses a published one (40097) and a missing one (40097)", async () => {
    const prefix = "https://a.example.com/x/";
    await add(rule(prefix));
    expect((await add(rule(prefix, { path: "pages/new/new", is_edit: 1 }))).errcode).toBe(0);
    expect((await sandbox.call("qrcodejumppublish", token, { prefix })).errcode).toBe(0);
    expect((await add(rule(prefix, { path: "pages/other/other", is_edit: 1 }))).errcode).toBe(40097);
    expect((await add(rule("https://a.example.com/none/", { is_edit: 1 }))).errcode).toBe(40097);
    const listed = await sandbox.call("qrcodejumpget", token, {});
    expect(listed.rule_list).toMatchObject([{ prefix, path: "pages/new/new", state: 2 }]);
  });
});

describe("qrcodejumppublish, qrcodejumpdelete, qrcodejumpget", () => {
  it("publishes, spending one of the month's publishes, and refuses once they are used up (886000)", async () => {
    await seed({}, [{ ...MINI_PROGRAM, appid: "wx7777777777777777", publishQuota: 2 }]);
    const limited = await sandbox.token({ appid: "wx7777777777777777", secret: MINI_PROGRAM.secret });
    for (const n of [1, 2, 3]) await add(rule(`https://a.example.com/${n}/`), limited);
    expect((await sandbox.call("qrcodejumppublish", limited, { prefix: "https://a.example.com/1/" })).errcode).toBe(0);
    // Publishing a published rule again changes nothing and costs nothing.
    expect((await sandbox.call("qrcodejumppublish", limited, { prefix: "https://a.example.com/1/" })).errcode).toBe(0);
    expect((await sandbox.call("qrcodejumpget", limited, {})).qrcodejump_pub_quota).toBe(1);
    expect((await sandbox.call("qrcodejumppublish", limited, { prefix: "https://a.example.com/2/" })).errcode).toBe(0);
    expect((await sandbox.call("qrcodejumppublish", limited, { prefix: "https://a.example.com/3/" })).errcode).toBe(886000);
    // Deleting does not give publishes back; a new month does.
    await sandbox.call("qrcodejumpdelete", limited, { prefix: "https://a.example.com/1/" });
    expect((await sandbox.call("qrcodejumppublish", limited, { prefix: "https://a.example.com/3/" })).errcode).toBe(886000);
    await sandbox.advance(32 * 24 * 3600);
    const nextMonth = await sandbox.token({ appid: "wx7777777777777777", secret: MINI_PROGRAM.secret });
    expect((await sandbox.call("qrcodejumppublish", nextMonth, { prefix: "https://a.example.com/3/" })).errcode).toBe(0);
  });

  it("refuses to publish without released code (85074) and an unknown prefix (40097)", async () => {
    const unreleased = await sandbox.token(UNRELEASED);
    await add(rule("https://a.example.com/x/"), unreleased);
    expect((await sandbox.call("qrcodejumppublish", unreleased, { prefix: "https://a.example.com/x/" })).errcode).toBe(85074);
    expect((await sandbox.call("qrcodejumppublish", token, { prefix: "https://a.example.com/nope/" })).errcode).toBe(40097);
  });

  it("deletes a rule, and answers 40097 for one that does not exist", async () => {
    await add(rule("https://a.example.com/x/"));
    expect(await sandbox.call("qrcodejumpdelete", token, { prefix: "https://a.example.com/x/" })).toEqual({
      errcode: 0,
      errmsg: "ok",
    });
    expect((await sandbox.call("qrcodejumpdelete", token, { prefix: "https://a.example.com/x/" })).errcode).toBe(40097);
  });

  it("lists the rules with the feature switch, publishes left and the rule limit", async () => {
    await add(rule("https://a.example.com/x/"));
    const listed = await sandbox.call("qrcodejumpget", token, {});
    expect(listed).toMatchObject({ errcode: 0, qrcodejump_open: 1, qrcodejump_pub_quota: 100, list_size: 100 });
  });

  it("answers 44002 to an empty body on get and download", async () => {
    expect((await sandbox.call("qrcodejumpget", token, "")).errcode).toBe(44002);
    expect((await sandbox.call("qrcodejumpdownload", token, "")).errcode).toBe(44002);
  });
});

describe("verification file (85069)", () => {
  let fileServer: Server;
  let served: { path: string; content: string } | null = null;
  let port: number;

  beforeAll(async () => {
    fileServer = createServer((req, res) => {
      if (served && req.url === served.path) res.end(served.content);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => fileServer.listen(0, "127.0.0.1", resolve));
    port = (fileServer.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => fileServer.close(resolve));
  });

  it("adds the rule only when the file is served from the prefix's last directory", async () => {
    await seed({ verification: "http" });
    const file = (await sandbox.call("qrcodejumpdownload", token, {})) as { file_name: string; file_content: string };
    expect(file.file_name).toMatch(/\.txt$/);
    const prefix = `https://127.0.0.1:${port}/campaign/spring/`;

    served = null;
    expect((await add(rule(prefix))).errcode).toBe(85069);
    served = { path: `/campaign/${file.file_name}`, content: file.file_content };
    expect((await add(rule(prefix))).errcode).toBe(85069);
    served = { path: `/campaign/spring/${file.file_name}`, content: "something else" };
    expect((await add(rule(prefix))).errcode).toBe(85069);
    served = { path: `/campaign/spring/${file.file_name}`, content: file.file_content };
    expect((await add(rule(prefix))).errcode).toBe(0);
  });
});
