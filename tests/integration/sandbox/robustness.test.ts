import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { MINI_PROGRAM, SandboxHarness, startOfSecond } from "@/tests/support/sandbox-client";

let sandbox: SandboxHarness;
let token: string;

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await sandbox.reset({ accounts: [MINI_PROGRAM] });
  token = await sandbox.token(MINI_PROGRAM);
});

const RID = / rid: ([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8})$/;
const rule = { prefix: "https://a.example.com/x/", permit_sub_rule: 1, path: "p/i", open_version: 1, is_edit: 0 };
const raw = (path: string, init?: RequestInit) => fetch(`${sandbox.url}${path}`, init);

describe("bad input gets a WeChat-shaped error and the sandbox keeps serving", () => {
  it.each([
    ["non-JSON", "{prefix: nope", 47001],
    ["a JSON array", "[1,2]", 47001],
    ["wrong types", JSON.stringify({ ...rule, permit_sub_rule: "1" }), 47001],
    ["a missing field", JSON.stringify({ prefix: rule.prefix }), 47001],
    ["an empty body", "", 44002],
  ])("%s → %i", async (_name, body, errcode) => {
    const answer = await sandbox.call("qrcodejumpadd", token, body);
    expect(answer.errcode).toBe(errcode);
    expect(answer.errmsg).toMatch(RID);
  });

  it("answers 45002 to a body over 1 MB, then serves the next call", async () => {
    const huge = JSON.stringify({ ...rule, path: "x".repeat(1_100_000) });
    const response = await raw(`/cgi-bin/wxopen/qrcodejumpadd?access_token=${token}`, { method: "POST", body: huge });
    expect(((await response.json()) as { errcode: number }).errcode).toBe(45002);
    expect((await sandbox.call("qrcodejumpget", token, {})).errcode).toBe(0);
  });

  it("answers 41001 without a token, 43002 to GET on a POST endpoint, 40066 to an unknown path", async () => {
    expect((await sandbox.call("qrcodejumpadd", null, rule)).errcode).toBe(41001);
    const get = await raw(`/cgi-bin/wxopen/qrcodejumpget?access_token=${token}`);
    expect(((await get.json()) as { errcode: number }).errcode).toBe(43002);
    const unknown = await raw("/cgi-bin/wxopen/qrcodejumpnothing");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { errcode: number }).errcode).toBe(40066);
  });
});

describe("rids", () => {
  it("end every error message, differ per call, and can be looked up for 7 days without the token", async () => {
    const first = await sandbox.call("qrcodejumpdelete", token, { prefix: "https://a.example.com/none/" });
    const second = await sandbox.call("qrcodejumpdelete", token, { prefix: "https://a.example.com/none/" });
    const rid = RID.exec(first.errmsg ?? "")?.[1];
    expect(rid).toBeDefined();
    expect(RID.exec(second.errmsg ?? "")?.[1]).not.toBe(rid);

    const looked = await sandbox.call("rid/get", token, { rid });
    expect(looked.errcode).toBe(0);
    const request = looked.request as Record<string, unknown>;
    expect(request.request_url).toBe("/cgi-bin/wxopen/qrcodejumpdelete?access_token=ACCESS_TOKEN");
    expect(JSON.parse(request.request_body as string)).toEqual({ prefix: "https://a.example.com/none/" });
    expect(JSON.parse(request.response_body as string)).toMatchObject({ errcode: 40097 });
    expect(JSON.stringify(looked)).not.toContain(token);

    await sandbox.advance(7 * 24 * 3600 + 1);
    const fresh = await sandbox.token(MINI_PROGRAM);
    expect((await sandbox.call("rid/get", fresh, { rid })).errcode).toBe(76001);
  });
});

describe("rate limit", () => {
  it("refuses the sixth qrcodejump call within one second with 44990, then recovers", async () => {
    await startOfSecond();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => sandbox.call("qrcodejumpget", token, {}, false)),
    );
    const codes = answers.map((answer) => answer.errcode);
    expect(codes.filter((code) => code === 0)).toHaveLength(5);
    expect(codes.filter((code) => code === 44990)).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await sandbox.call("qrcodejumpget", token, {}, false)).errcode).toBe(0);
  });

  it("counts per account, not across accounts", async () => {
    const other = { ...MINI_PROGRAM, appid: "wx8888888888888888" };
    await sandbox.reset({ accounts: [MINI_PROGRAM, other] });
    const [a, b] = [await sandbox.token(MINI_PROGRAM), await sandbox.token(other)];
    await startOfSecond();
    const answers = await Promise.all(
      [a, a, a, a, a, b, b, b, b, b].map((t) => sandbox.call("qrcodejumpget", t, {}, false)),
    );
    expect(answers.every((answer) => answer.errcode === 0)).toBe(true);
  });
});

describe("faults", () => {
  it("answers the next `count` calls with an errcode, then normally", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "errcode", errcode: 886001, count: 2 });
    expect((await sandbox.call("qrcodejumpget", token, {})).errcode).toBe(886001);
    expect((await sandbox.call("qrcodejumpget", token, {})).errcode).toBe(886001);
    expect((await sandbox.call("qrcodejumpget", token, {})).errcode).toBe(0);
  });

  it("-1 on an add can still create the rule (apply)", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "errcode", errcode: -1, apply: true });
    const answer = await sandbox.call("qrcodejumpadd", token, rule);
    expect(answer.errcode).toBe(-1);
    expect(answer.errmsg).toMatch(/^system error rid: /);
    const state = await sandbox.state();
    expect(state.accounts[0]?.rules).toMatchObject([{ prefix: rule.prefix }]);
  });

  it("a rate fault hits every call at rate 1 and is cleared by DELETE", async () => {
    await sandbox.fault({ endpoint: "*", mode: "errcode", errcode: 40001, rate: 1 });
    expect((await sandbox.call("qrcodejumpget", token, {})).errcode).toBe(40001);
    expect((await sandbox.call("qrcodejumpdownload", token, {})).errcode).toBe(40001);
    await sandbox.control("DELETE", "faults");
    expect((await sandbox.call("qrcodejumpget", token, {})).errcode).toBe(0);
  });

  it("delays a call", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "delay", delayMs: 400 });
    const started = Date.now();
    expect((await sandbox.call("qrcodejumpget", token, {})).errcode).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });

  it("drops the connection, optionally after applying the call", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "drop", apply: true });
    await expect(sandbox.call("qrcodejumpadd", token, rule)).rejects.toThrow();
    expect((await sandbox.state()).accounts[0]?.rules).toHaveLength(1);
    expect((await sandbox.call("qrcodejumpget", token, {})).errcode).toBe(0);
  });

  it("answers with a non-JSON body", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "garbage" });
    const response = await raw(`/cgi-bin/wxopen/qrcodejumpget?access_token=${token}`, { method: "POST", body: "{}" });
    await expect(response.clone().json()).rejects.toThrow();
    expect(await response.text()).toContain("502");
  });

  it("records calls and tokens issued in the state, without secrets or tokens", async () => {
    await sandbox.call("qrcodejumpget", token, {});
    const state = await sandbox.state();
    expect(state.accounts[0]?.tokensIssued).toBe(1);
    expect(state.calls.at(-1)).toMatchObject({ appid: MINI_PROGRAM.appid, endpoint: "qrcodejumpget", errcode: 0 });
    const text = JSON.stringify(state);
    expect(text).not.toContain(token);
    expect(text).not.toContain(MINI_PROGRAM.secret);
  });

  it("refuses a malformed fault or clock request with 400", async () => {
    expect((await sandbox.fault({ endpoint: "qrcodejumpget", mode: "explode" })).status).toBe(400);
    expect((await sandbox.control("POST", "clock", { advanceSeconds: "soon" })).status).toBe(400);
    expect((await sandbox.control("POST", "reset", { accounts: [{ appid: 1 }] })).status).toBe(400);
  });
});
