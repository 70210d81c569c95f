import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { MINI_PROGRAM, SandboxHarness } from "@/tests/support/sandbox-client";

let sandbox: SandboxHarness;

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await sandbox.reset({ accounts: [MINI_PROGRAM] });
});

const get = (token: string) => sandbox.call("qrcodejumpget", token, {});

describe("GET /cgi-bin/token", () => {
  it("issues a 7200-second token for the right appid and secret", async () => {
    const answer = await sandbox.classicToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret);
    expect(answer.expires_in).toBe(7200);
    expect(answer.access_token).toEqual(expect.any(String));
    expect((await get(answer.access_token as string)).errcode).toBe(0);
  });

  it.each([
    ["wx9999999999999999", MINI_PROGRAM.secret, 40013],
    [MINI_PROGRAM.appid, "wrong-secret", 40125],
    ["", MINI_PROGRAM.secret, 41002],
    [MINI_PROGRAM.appid, "", 41004],
  ])("appid %s secret %s → %i", async (appid, secret, errcode) => {
    const answer = await sandbox.classicToken(appid, secret);
    expect(answer.errcode).toBe(errcode);
    expect(answer.errmsg).toMatch(/ rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    expect(answer.access_token).toBeUndefined();
  });

  it("keeps the previous token valid for 5 minutes after a new fetch, then answers 40001", async () => {
    const first = (await sandbox.classicToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret)).access_token as string;
    const second = (await sandbox.classicToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret)).access_token as string;
    expect(second).not.toBe(first);
    expect((await get(first)).errcode).toBe(0);
    await sandbox.advance(299);
    expect((await get(first)).errcode).toBe(0);
    await sandbox.advance(2);
    expect((await get(first)).errcode).toBe(40001);
    expect((await get(second)).errcode).toBe(0);
  });

  it("answers 42001 once a token has run its 7200 seconds", async () => {
    const token = (await sandbox.classicToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret)).access_token as string;
    await sandbox.advance(7199);
    expect((await get(token)).errcode).toBe(0);
    await sandbox.advance(2);
    expect((await get(token)).errcode).toBe(42001);
  });
});

describe("POST /cgi-bin/stable_token", () => {
  it("returns the same token until 5 minutes before expiry, then a new one", async () => {
    const first = await sandbox.stableToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret);
    await sandbox.advance(3000);
    const again = await sandbox.stableToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret);
    expect(again.access_token).toBe(first.access_token);
    expect(again.expires_in).toBeLessThanOrEqual(4200);
    expect(again.expires_in).toBeGreaterThan(4190);

    await sandbox.advance(3901); // 299 s left
    const renewed = await sandbox.stableToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret);
    expect(renewed.access_token).not.toBe(first.access_token);
    expect(renewed.expires_in).toBe(7200);
    // The old one still runs out its own time.
    expect((await get(first.access_token as string)).errcode).toBe(0);
    const state = await sandbox.state();
    expect(state.accounts[0]?.tokensIssued).toBe(2);
  });

  it("is independent of /cgi-bin/token", async () => {
    const stable = (await sandbox.stableToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret)).access_token as string;
    await sandbox.classicToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret);
    await sandbox.classicToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret);
    await sandbox.advance(600);
    expect((await get(stable)).errcode).toBe(0);
    expect((await sandbox.stableToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret)).access_token).toBe(stable);
  });

  it("force_refresh invalidates the old token at once, at most once per 30 s and 20 times a day", async () => {
    const first = (await sandbox.stableToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret)).access_token as string;
    const forced = await sandbox.stableToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret, true);
    expect(forced.access_token).not.toBe(first);
    expect((await get(first)).errcode).toBe(40001);

    const tooSoon = await sandbox.stableToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret, true);
    expect(tooSoon.errcode).toBe(45011);

    for (let i = 2; i <= 20; i++) {
      await sandbox.advance(31);
      expect((await sandbox.stableToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret, true)).access_token).toBeTruthy();
    }
    await sandbox.advance(31);
    expect((await sandbox.stableToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret, true)).errcode).toBe(45009);
    await sandbox.advance(24 * 3600);
    expect((await sandbox.stableToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret, true)).access_token).toBeTruthy();
  });

  it("checks the credentials and the grant type", async () => {
    expect((await sandbox.stableToken("wx0000000000000000", MINI_PROGRAM.secret)).errcode).toBe(40013);
    expect((await sandbox.stableToken(MINI_PROGRAM.appid, "nope")).errcode).toBe(40125);
    const response = await fetch(`${sandbox.url}/cgi-bin/stable_token`, {
      method: "POST",
      body: JSON.stringify({ grant_type: "password", appid: MINI_PROGRAM.appid, secret: MINI_PROGRAM.secret }),
    });
    expect(((await response.json()) as { errcode: number }).errcode).toBe(40002);
  });
});

describe("calls without a usable token", () => {
  it("answers 41001 without a token and 40001 for an unknown one", async () => {
    expect((await sandbox.call("qrcodejumpget", null, {})).errcode).toBe(41001);
    expect((await sandbox.call("qrcodejumpget", "made-up", {})).errcode).toBe(40001);
  });
});
