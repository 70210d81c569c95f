import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPID_PATTERN } from "@/lib/wechat/ids";
import { checkPrefix, matchTestLink } from "@/lib/wechat/match";
import {
  DEMO_ACCOUNTS,
  DEMO_BLACKLISTED_HOST,
  DEMO_FIXTURE,
  DEMO_ICP_UNFILED_HOST,
  DEMO_MERCHANTS,
  DEMO_PERSONAL,
  DEMO_SERVICE_ACCOUNT,
  DEMO_SHOP,
  DEMO_UNRELEASED,
} from "@/sandbox/fixtures/demo";
import { MINI_PROGRAM, SERVICE_ACCOUNT, SandboxHarness, typeARule } from "@/tests/support/sandbox-client";

let sandbox: SandboxHarness;

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
});
afterAll(async () => {
  await sandbox.close();
});

describe("POST /__sandbox/reset and GET /__sandbox/state", () => {
  it("replaces all state: accounts, rules, tokens, rids and the call log", async () => {
    await sandbox.reset({
      accounts: [
        {
          ...MINI_PROGRAM,
          rules: [{ prefix: "https://a.example.com/x/", state: 2, open_version: 3, path: "pages/a/a" }],
        },
        {
          ...SERVICE_ACCOUNT,
          linkedMiniPrograms: [MINI_PROGRAM.appid],
          rules: [{ prefix: "http://weixin.qq.com/q/abc", appid: MINI_PROGRAM.appid }],
        },
      ],
      blacklistedHosts: ["bad.example.com"],
    });
    const token = await sandbox.token(MINI_PROGRAM);
    expect((await sandbox.call("qrcodejumpget", token, {})).rule_list).toEqual([
      {
        prefix: "https://a.example.com/x/",
        permit_sub_rule: 1,
        path: "pages/a/a",
        open_version: 3,
        debug_url: [],
        state: 2,
      },
    ]);

    await sandbox.reset({ accounts: [MINI_PROGRAM] });
    expect((await sandbox.call("qrcodejumpget", token, {})).errcode).toBe(40001);
    const fresh = await sandbox.token(MINI_PROGRAM);
    expect((await sandbox.call("qrcodejumpget", fresh, {})).rule_list).toEqual([]);
    const state = await sandbox.state();
    expect(state.accounts.map((account) => account.appid)).toEqual([MINI_PROGRAM.appid]);
    expect(state.calls.map((call) => [call.endpoint, call.errcode])).toEqual([
      ["qrcodejumpget", 40001],
      ["stable_token", 0],
      ["qrcodejumpget", 0],
    ]);
    expect(
      (await sandbox.call("qrcodejumpadd", fresh, typeARule("https://bad.example.com/x/"))).errcode,
    ).toBe(0);
  });

  it("shows every account with its rules, publishes left, tokens issued, and a log of calls, never a secret or token", async () => {
    await sandbox.reset({
      accounts: [
        { ...MINI_PROGRAM, publishQuota: 3 },
        { ...SERVICE_ACCOUNT, linkedMiniPrograms: [MINI_PROGRAM.appid] },
      ],
    });
    const token = await sandbox.token(MINI_PROGRAM);
    await sandbox.call("qrcodejumpadd", token, typeARule("https://a.example.com/x/"));
    await sandbox.call("qrcodejumppublish", token, { prefix: "https://a.example.com/x/" });
    await sandbox.call("qrcodejumpdelete", token, { prefix: "https://a.example.com/none/" });

    const state = await sandbox.state();
    expect(state.accounts[0]).toMatchObject({
      appid: MINI_PROGRAM.appid,
      kind: "miniprogram",
      publishQuota: 3,
      publishesLeft: 2,
      tokensIssued: 1,
      ruleCount: 1,
      rules: [{ prefix: "https://a.example.com/x/", state: 2 }],
    });
    expect(state.accounts[1]).toMatchObject({
      appid: SERVICE_ACCOUNT.appid,
      kind: "officialaccount",
      linkedMiniPrograms: [MINI_PROGRAM.appid],
      ruleLimit: 10_000,
    });
    expect(state.calls).toEqual([
      {
        time: expect.any(String),
        appid: MINI_PROGRAM.appid,
        endpoint: "stable_token",
        errcode: 0,
        ms: expect.any(Number),
      },
      {
        time: expect.any(String),
        appid: MINI_PROGRAM.appid,
        endpoint: "qrcodejumpadd",
        errcode: 0,
        ms: expect.any(Number),
      },
      {
        time: expect.any(String),
        appid: MINI_PROGRAM.appid,
        endpoint: "qrcodejumppublish",
        errcode: 0,
        ms: expect.any(Number),
      },
      {
        time: expect.any(String),
        appid: MINI_PROGRAM.appid,
        endpoint: "qrcodejumpdelete",
        errcode: 40097,
        rid: expect.any(String),
        ms: expect.any(Number),
      },
    ]);
    expect(Date.parse(state.calls[0]?.time ?? "")).not.toBeNaN();
    const text = JSON.stringify(state);
    expect(text).not.toContain(token);
    expect(text).not.toContain(MINI_PROGRAM.secret);
    expect(text).not.toContain(SERVICE_ACCOUNT.secret);
  });

  it("loads the demo fixture with {fixture: 'demo'} and empties with {fixture: 'empty'}", async () => {
    await sandbox.reset({ fixture: "demo" });
    expect((await sandbox.state()).accounts.map((account) => account.appid)).toEqual(
      [...DEMO_ACCOUNTS, ...DEMO_MERCHANTS].map((account) => account.appid),
    );
    await sandbox.reset({ fixture: "empty" });
    expect((await sandbox.state()).accounts).toEqual([]);
  });
});

describe("POST /__sandbox/clock", () => {
  it("moves the sandbox clock forward, and GET tells where it stands", async () => {
    await sandbox.reset({ accounts: [] });
    const before = (await (await sandbox.control("GET", "clock")).json()) as {
      now: string;
      offsetSeconds: number;
    };
    const moved = (await (await sandbox.control("POST", "clock", { advanceSeconds: 3600 })).json()) as {
      now: string;
      offsetSeconds: number;
    };
    expect(moved.offsetSeconds - before.offsetSeconds).toBe(3600);
    expect(Date.parse(moved.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(3600_000);
    expect(Date.parse((await sandbox.state()).now) - Date.now()).toBeGreaterThan(3590_000);
  });
});

describe("PATCH /__sandbox/accounts/<appid>", () => {
  it("changes an account in place: releasing code lets a publish through", async () => {
    await sandbox.reset({ accounts: [{ ...MINI_PROGRAM, released: false }] });
    const token = await sandbox.token(MINI_PROGRAM);
    await sandbox.call("qrcodejumpadd", token, typeARule("https://a.example.com/x/"));
    expect(
      (await sandbox.call("qrcodejumppublish", token, { prefix: "https://a.example.com/x/" })).errcode,
    ).toBe(85074);
    expect(
      (await sandbox.control("PATCH", `accounts/${MINI_PROGRAM.appid}`, { released: true, publishQuota: 1 }))
        .status,
    ).toBe(200);
    expect(
      (await sandbox.call("qrcodejumppublish", token, { prefix: "https://a.example.com/x/" })).errcode,
    ).toBe(0);
    expect((await sandbox.call("qrcodejumpget", token, {})).qrcodejump_pub_quota).toBe(0);
    await sandbox.control("PATCH", `accounts/${MINI_PROGRAM.appid}`, { personal: true });
    expect((await sandbox.call("qrcodejumpget", token, {})).errcode).toBe(85075);
  });
});

describe("GET /__sandbox/health", () => {
  it("answers ok", async () => {
    expect(await (await sandbox.control("GET", "health")).json()).toEqual({ ok: true });
  });
});

describe("the demo fixture", () => {
  it("exports well-formed accounts with zh-CN and en names", () => {
    expect(DEMO_ACCOUNTS).toHaveLength(4);
    for (const account of DEMO_ACCOUNTS) {
      expect(account.appid).toMatch(APPID_PATTERN);
      expect(account.secret).toMatch(/^[0-9a-f]{32}$/);
      expect(account.name["zh-CN"]).toMatch(/\p{Script=Han}/u);
      expect(account.name.en).toMatch(/^[ -~]+$/);
    }
    expect(new Set(DEMO_ACCOUNTS.map((account) => account.appid)).size).toBe(4);
    expect(DEMO_SERVICE_ACCOUNT.linkedMiniPrograms).toContain(DEMO_SHOP.appid);
  });

  it("holds only rules the product itself would accept", () => {
    for (const account of DEMO_FIXTURE.accounts) {
      const rules: Array<{ prefix: string; debug_url?: string[] }> = "rules" in account ? account.rules : [];
      for (const rule of rules) {
        const kind = account.kind === "miniprogram" ? "A" : "B";
        expect(checkPrefix(rule.prefix, kind), rule.prefix).toMatchObject({ ok: true });
        for (const link of rule.debug_url ?? [])
          expect(matchTestLink(rule.prefix, link)).toEqual({ ok: true });
      }
    }
  });

  it("serves the demo world: a shop with ~8 rules, a Service Account with 300 pageable rules, 85075 and 85074 cases", async () => {
    await sandbox.reset({ fixture: "demo" });
    const shop = await sandbox.token(DEMO_SHOP);
    const shopRules = (await sandbox.call("qrcodejumpget", shop, {})).rule_list as Array<{ state: number }>;
    expect(shopRules).toHaveLength(8);
    expect(shopRules.filter((rule) => rule.state === 2).length).toBeGreaterThan(2);
    expect(shopRules.filter((rule) => rule.state === 1).length).toBeGreaterThan(1);

    const service = await sandbox.token(DEMO_SERVICE_ACCOUNT);
    const page = await sandbox.call("qrcodejumpget", service, {
      appid: DEMO_SHOP.appid,
      get_type: 2,
      page_num: 2,
      page_size: 200,
    });
    expect(page).toMatchObject({ errcode: 0, total_count: 300, list_size: 100 });

    const personal = await sandbox.token(DEMO_PERSONAL);
    expect((await sandbox.call("qrcodejumpget", personal, {})).errcode).toBe(85075);
    const unreleased = await sandbox.token(DEMO_UNRELEASED);
    const [draft] = (await sandbox.call("qrcodejumpget", unreleased, {})).rule_list as Array<{
      prefix: string;
    }>;
    expect((await sandbox.call("qrcodejumppublish", unreleased, { prefix: draft?.prefix })).errcode).toBe(
      85074,
    );

    expect(
      (await sandbox.call("qrcodejumpadd", shop, typeARule(`https://${DEMO_BLACKLISTED_HOST}/x/`))).errcode,
    ).toBe(85070);
    expect(
      (await sandbox.call("qrcodejumpadd", shop, typeARule(`https://${DEMO_ICP_UNFILED_HOST}/x/`))).errcode,
    ).toBe(85076);
  });
});

describe("POST /__sandbox/accounts", () => {
  it("adds an account beside the others, working at once, and refuses an AppID that exists", async () => {
    await sandbox.reset({ accounts: [MINI_PROGRAM] });
    const added = {
      ...MINI_PROGRAM,
      appid: "wx5555555555555555",
      secret: "55555555555555555555555555555555",
    };
    const response = await fetch(`${sandbox.url}/__sandbox/accounts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(added),
    });
    expect(response.status).toBe(200);
    const token = await sandbox.token(added);
    expect((await sandbox.call("qrcodejumpget", token, {})).rule_list).toEqual([]);
    expect((await sandbox.state()).accounts.map((account) => account.appid)).toEqual([
      MINI_PROGRAM.appid,
      added.appid,
    ]);

    const again = await fetch(`${sandbox.url}/__sandbox/accounts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(added),
    });
    expect(again.status).toBe(409);
  });
});
