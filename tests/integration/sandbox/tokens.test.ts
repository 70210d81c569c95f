import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { MINI_PROGRAM, RID_SUFFIX, SERVICE_ACCOUNT, SandboxHarness } from "@/tests/support/sandbox-client";

let sandbox: SandboxHarness;

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await sandbox.reset({ accounts: [MINI_PROGRAM, SERVICE_ACCOUNT] });
});

const get = (token: string) => sandbox.call("qrcodejumpget", token, {});
const classic = async () =>
  (await sandbox.classicToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret)).access_token as string;
const stable = (force = false) => sandbox.stableToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret, force);

describe("GET /cgi-bin/token", () => {
  it("issues a 7200-second token for the right appid and secret, with WeChat's JSON shape", async () => {
    const response = await sandbox.raw(
      `/cgi-bin/token?grant_type=client_credential&appid=${MINI_PROGRAM.appid}&secret=${MINI_PROGRAM.secret}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const answer = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(answer).sort()).toEqual(["access_token", "expires_in"]);
    expect(answer.expires_in).toBe(7200);
    expect(answer.access_token).toMatch(/^\d+_[A-Za-z0-9_-]{64,}$/);
    expect((await get(answer.access_token as string)).errcode).toBe(0);
  });

  it.each([
    ["an unknown appid", { appid: "wx9999999999999999", secret: MINI_PROGRAM.secret }, 40013],
    ["a wrong secret", { appid: MINI_PROGRAM.appid, secret: "0".repeat(32) }, 40125],
    ["no appid", { secret: MINI_PROGRAM.secret }, 41002],
    ["no secret", { appid: MINI_PROGRAM.appid }, 41004],
    [
      "a wrong grant_type",
      { grant_type: "password", appid: MINI_PROGRAM.appid, secret: MINI_PROGRAM.secret },
      40002,
    ],
  ])("answers %s with %i", async (_case, params, errcode) => {
    const query = new URLSearchParams({ grant_type: "client_credential", ...params });
    const answer = (await (await sandbox.raw(`/cgi-bin/token?${query}`)).json()) as Record<string, unknown>;
    expect(answer.errcode).toBe(errcode);
    expect(answer.errmsg).toMatch(RID_SUFFIX);
    expect(answer.access_token).toBeUndefined();
  });

  it("requires GET (43001)", async () => {
    const query = `grant_type=client_credential&appid=${MINI_PROGRAM.appid}&secret=${MINI_PROGRAM.secret}`;
    const answer = (await (
      await sandbox.raw(`/cgi-bin/token?${query}`, { method: "POST", body: "{}" })
    ).json()) as { errcode: number };
    expect(answer.errcode).toBe(43001);
  });

  it("keeps the previous token valid for 5 minutes after a new fetch, then answers 40001", async () => {
    const first = await classic();
    const second = await classic();
    expect(second).not.toBe(first);
    expect((await get(first)).errcode).toBe(0);
    await sandbox.advance(299);
    expect((await get(first)).errcode).toBe(0);
    await sandbox.advance(2);
    expect((await get(first)).errcode).toBe(40001);
    expect((await get(second)).errcode).toBe(0);
  });

  it("two servers fetching on their own knock each other's token out after the overlap", async () => {
    const serverA = await classic();
    await sandbox.advance(60);
    const serverB = await classic();
    await sandbox.advance(60);
    const serverAAgain = await classic();
    await sandbox.advance(301);
    expect((await get(serverA)).errcode).toBe(40001);
    expect((await get(serverB)).errcode).toBe(40001);
    expect((await get(serverAAgain)).errcode).toBe(0);
  });

  it("answers 42001 once a token has run its 7200 seconds", async () => {
    const token = await classic();
    await sandbox.advance(7199);
    expect((await get(token)).errcode).toBe(0);
    await sandbox.advance(2);
    const expired = await get(token);
    expect(expired.errcode).toBe(42001);
    expect(expired.errmsg).toMatch(/^access_token expired rid: /);
  });

  it("allows 2,000 fetches a day per account (45009 beyond), counted in China time", async () => {
    const query = `grant_type=client_credential&appid=${MINI_PROGRAM.appid}&secret=${MINI_PROGRAM.secret}`;
    const codes = new Map<number, number>();
    for (let batch = 0; batch < 20; batch++) {
      const answers = await Promise.all(
        Array.from(
          { length: 100 },
          async () =>
            ((await (await sandbox.raw(`/cgi-bin/token?${query}`)).json()) as { errcode?: number }).errcode ??
            0,
        ),
      );
      for (const code of answers) codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    expect(Object.fromEntries(codes)).toEqual({ 0: 2000 });
    expect((await sandbox.classicToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret)).errcode).toBe(45009);
    // Another account is not affected.
    expect(
      (await sandbox.classicToken(SERVICE_ACCOUNT.appid, SERVICE_ACCOUNT.secret)).access_token,
    ).toBeTruthy();
    await sandbox.advance(24 * 3600);
    expect((await sandbox.classicToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret)).access_token).toBeTruthy();
  });
});

describe("POST /cgi-bin/stable_token", () => {
  it("returns the same token until 5 minutes before expiry, then a new one", async () => {
    const first = await stable();
    expect(first.expires_in).toBe(7200);
    await sandbox.advance(3000);
    const again = await stable();
    expect(again.access_token).toBe(first.access_token);
    expect(again.expires_in).toBeLessThanOrEqual(4200);
    expect(again.expires_in).toBeGreaterThan(4190);

    await sandbox.advance(3899); // 301 s left: still the same
    expect((await stable()).access_token).toBe(first.access_token);
    await sandbox.advance(2); // 299 s left: renewed
    const renewed = await stable();
    expect(renewed.access_token).not.toBe(first.access_token);
    expect(renewed.expires_in).toBe(7200);
    // The old one runs out its own time, then has expired.
    expect((await get(first.access_token as string)).errcode).toBe(0);
    await sandbox.advance(300);
    expect((await get(first.access_token as string)).errcode).toBe(42001);
    expect((await get(renewed.access_token as string)).errcode).toBe(0);
    expect((await sandbox.state()).accounts[0]?.tokensIssued).toBe(2);
  });

  it("is independent of /cgi-bin/token", async () => {
    const token = (await stable()).access_token as string;
    await classic();
    await classic();
    await sandbox.advance(600);
    expect((await get(token)).errcode).toBe(0);
    expect((await stable()).access_token).toBe(token);
  });

  it("force_refresh ends the old token at once, at most once per 30 s and 20 times a day", async () => {
    const first = (await stable()).access_token as string;
    const forced = await stable(true);
    expect(forced.access_token).not.toBe(first);
    expect((await get(first)).errcode).toBe(40001);
    expect((await stable()).access_token).toBe(forced.access_token);

    await sandbox.advance(29);
    expect((await stable(true)).errcode).toBe(45011);
    await sandbox.advance(1);
    for (let i = 2; i <= 20; i++) {
      expect((await stable(true)).access_token).toBeTruthy();
      await sandbox.advance(30);
    }
    const tooMany = await stable(true);
    expect(tooMany.errcode).toBe(45009);
    expect(tooMany.errmsg).toMatch(RID_SUFFIX);
    await sandbox.advance(24 * 3600);
    expect((await stable(true)).access_token).toBeTruthy();
  });

  it.each([
    ["an unknown appid", { appid: "wx0000000000000000", secret: MINI_PROGRAM.secret }, 40013],
    ["a wrong secret", { appid: MINI_PROGRAM.appid, secret: "nope" }, 40125],
    ["no appid", { secret: MINI_PROGRAM.secret }, 41002],
    ["no secret", { appid: MINI_PROGRAM.appid }, 41004],
    [
      "a wrong grant_type",
      { grant_type: "authorization_code", appid: MINI_PROGRAM.appid, secret: MINI_PROGRAM.secret },
      40002,
    ],
    [
      "force_refresh that is not a boolean",
      { appid: MINI_PROGRAM.appid, secret: MINI_PROGRAM.secret, force_refresh: "true" },
      47001,
    ],
  ])("answers %s with %i", async (_case, fields, errcode) => {
    const response = await sandbox.raw("/cgi-bin/stable_token", {
      method: "POST",
      body: JSON.stringify({ grant_type: "client_credential", ...fields }),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    expect(answer.errcode).toBe(errcode);
    expect(answer.errmsg).toMatch(RID_SUFFIX);
  });

  it("answers 44002 to an empty body and 43002 to a GET", async () => {
    expect(
      (
        (await (await sandbox.raw("/cgi-bin/stable_token", { method: "POST", body: "" })).json()) as {
          errcode: number;
        }
      ).errcode,
    ).toBe(44002);
    expect(((await (await sandbox.raw("/cgi-bin/stable_token")).json()) as { errcode: number }).errcode).toBe(
      43002,
    );
  });
});

describe("the IP whitelist", () => {
  it("refuses tokens to a caller outside it (40164) and serves one inside it", async () => {
    await sandbox.reset({
      accounts: [
        { ...MINI_PROGRAM, ipWhitelist: ["203.0.113.7"] },
        { ...SERVICE_ACCOUNT, ipWhitelist: ["127.0.0.1"] },
      ],
    });
    const refused = await sandbox.classicToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret);
    expect(refused.errcode).toBe(40164);
    expect(refused.errmsg).toMatch(/^invalid ip 127\.0\.0\.1 .* not in whitelist rid: /);
    expect((await stable()).errcode).toBe(40164);
    expect(
      (await sandbox.stableToken(SERVICE_ACCOUNT.appid, SERVICE_ACCOUNT.secret)).access_token,
    ).toBeTruthy();
  });
});

describe("calls without a usable token", () => {
  it("answers 41001 without a token, 40001 for an unknown one, and 40001 after a reset", async () => {
    expect((await sandbox.call("qrcodejumpget", null, {})).errcode).toBe(41001);
    expect((await sandbox.call("qrcodejumpget", "", {})).errcode).toBe(41001);
    expect((await sandbox.call("qrcodejumpget", "86_made-up", {})).errcode).toBe(40001);
    const token = (await stable()).access_token as string;
    await sandbox.reset({ accounts: [MINI_PROGRAM] });
    expect((await get(token)).errcode).toBe(40001);
  });

  it("counts the tokens issued per account in the state, never showing one", async () => {
    const token = await classic();
    await classic();
    await stable();
    const state = await sandbox.state();
    expect(state.accounts.find((account) => account.appid === MINI_PROGRAM.appid)).toMatchObject({
      tokensIssued: 3,
      validTokens: 3,
    });
    expect(state.accounts.find((account) => account.appid === SERVICE_ACCOUNT.appid)).toMatchObject({
      tokensIssued: 0,
    });
    expect(JSON.stringify(state)).not.toContain(token);
    expect(JSON.stringify(state)).not.toContain(MINI_PROGRAM.secret);
  });
});
