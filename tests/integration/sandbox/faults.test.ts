import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { MINI_PROGRAM, RID_SUFFIX, SandboxHarness, typeARule } from "@/tests/support/sandbox-client";

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

const rule = typeARule("https://a.example.com/x/");
const listed = async () => ((await sandbox.call("qrcodejumpget", token, {})).rule_list as unknown[]).length;
const codes = async (endpoint: string, n: number, body: unknown = {}) => {
  const result: Array<number | undefined> = [];
  for (let i = 0; i < n; i++) result.push((await sandbox.call(endpoint, token, body)).errcode);
  return result;
};

describe("mode errcode", () => {
  it("answers the next `count` calls with the errcode, then normally", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "errcode", errcode: 886001, count: 2 });
    const busy = await sandbox.call("qrcodejumpget", token, {});
    expect(busy.errcode).toBe(886001);
    expect(busy.errmsg).toMatch(RID_SUFFIX);
    expect(await codes("qrcodejumpget", 2)).toEqual([886001, 0]);
  });

  it("hits only its endpoint; '*' hits every endpoint, token requests included", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpdownload", mode: "errcode", errcode: -1 });
    expect((await sandbox.call("qrcodejumpget", token, {})).errcode).toBe(0);
    expect((await sandbox.call("qrcodejumpdownload", token, {})).errcode).toBe(-1);

    await sandbox.fault({ endpoint: "*", mode: "errcode", errcode: 40001, count: 3 });
    expect((await sandbox.call("qrcodejumpget", token, {})).errcode).toBe(40001);
    expect((await sandbox.stableToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret)).errcode).toBe(40001);
    expect((await sandbox.classicToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret)).errcode).toBe(40001);
    expect((await sandbox.call("qrcodejumpget", token, {})).errcode).toBe(0);
  });

  it("keeps an injected error's rid for the caller's account, as WeChat would", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "errcode", errcode: 85071 });
    const refused = await sandbox.call("qrcodejumpadd", token, rule);
    const rid = RID_SUFFIX.exec(String(refused.errmsg))?.[1];
    const seen = await sandbox.call("rid/get", token, { rid });
    expect(seen.errcode).toBe(0);
    expect((seen.request as { request_body: string }).request_body).toContain("https://a.example.com/x/");
  });

  it("defaults to -1 ('system error') and to a single call", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "errcode" });
    const answer = await sandbox.call("qrcodejumpget", token, {});
    expect(answer.errcode).toBe(-1);
    expect(answer.errmsg).toMatch(/^system error rid: /);
    expect((await sandbox.call("qrcodejumpget", token, {})).errcode).toBe(0);
  });

  it("-1 on an add leaves no rule by default", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "errcode", errcode: -1 });
    expect((await sandbox.call("qrcodejumpadd", token, rule)).errcode).toBe(-1);
    expect(await listed()).toBe(0);
    expect((await sandbox.call("qrcodejumpadd", token, rule)).errcode).toBe(0);
  });

  it("-1 on an add with apply: true creates the rule anyway, as WeChat sometimes does", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "errcode", errcode: -1, apply: true });
    expect((await sandbox.call("qrcodejumpadd", token, rule)).errcode).toBe(-1);
    expect(await listed()).toBe(1);
    // A retry without reading first now meets the rule it created.
    expect((await sandbox.call("qrcodejumpadd", token, rule)).errcode).toBe(85071);
  });

  it("hits a fraction `rate` of calls, spread evenly and reproducibly, until cleared", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "errcode", errcode: 886001, rate: 0.5 });
    expect(await codes("qrcodejumpget", 6)).toEqual([886001, 0, 886001, 0, 886001, 0]);
    await sandbox.control("DELETE", "faults");
    expect(await codes("qrcodejumpget", 2)).toEqual([0, 0]);

    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "errcode", errcode: -1, rate: 0.25, count: 2 });
    expect(await codes("qrcodejumpget", 10)).toEqual([-1, 0, 0, 0, -1, 0, 0, 0, 0, 0]);
  });
});

describe("mode delay", () => {
  it("delays a call, then handles it normally", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "delay", delayMs: 400 });
    const started = Date.now();
    expect((await sandbox.call("qrcodejumpget", token, {})).errcode).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    const again = Date.now();
    await sandbox.call("qrcodejumpget", token, {});
    expect(Date.now() - again).toBeLessThan(300);
  });

  it("lets a client time out while the sandbox still carries the call out", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "delay", delayMs: 500 });
    const timedOut = sandbox.raw(`/cgi-bin/wxopen/qrcodejumpadd?access_token=${token}`, {
      method: "POST",
      body: JSON.stringify(rule),
      signal: AbortSignal.timeout(100),
    });
    await expect(timedOut).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await listed()).toBe(1);
  });
});

describe("mode late", () => {
  it("takes effect after applyAfterMs and answers only after delayMs, so a deadline can fall in between", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "late", applyAfterMs: 200, delayMs: 700 });
    const started = Date.now();
    const timedOut = sandbox.raw(`/cgi-bin/wxopen/qrcodejumpadd?access_token=${token}`, {
      method: "POST",
      body: JSON.stringify(rule),
      signal: AbortSignal.timeout(100),
    });
    await expect(timedOut).rejects.toThrow();
    // Right after the deadline WeChat has not made the change yet: a read now says "not there".
    expect(await listed()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + 350 - Date.now())));
    expect(await listed()).toBe(1);
  });

  it("answers a caller that waits with the real outcome, after delayMs", async () => {
    await sandbox.fault({ endpoint: "qrcodejumppublish", mode: "late", applyAfterMs: 100, delayMs: 400 });
    await sandbox.call("qrcodejumpadd", token, rule);
    const started = Date.now();
    expect((await sandbox.call("qrcodejumppublish", token, { prefix: rule.prefix })).errcode).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    const account = (await sandbox.state()).accounts[0];
    expect(account?.publishesLeft).toBe(99);
    expect((await sandbox.state()).calls.at(-1)).toMatchObject({
      endpoint: "qrcodejumppublish",
      errcode: 0,
      fault: expect.stringMatching(/^late#/),
    });
  });

  it("refuses an applyAfterMs later than the answer", async () => {
    const response = await sandbox.control("POST", "faults", {
      endpoint: "qrcodejumpadd",
      mode: "late",
      applyAfterMs: 500,
      delayMs: 100,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/applyAfterMs/);
  });
});

describe("mode answer, and errcode 0", () => {
  it("errcode 0 answers a success without any of the answer's fields", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "errcode", errcode: 0 });
    expect(await sandbox.call("qrcodejumpget", token, {})).toEqual({ errcode: 0, errmsg: "ok" });
    expect((await sandbox.call("qrcodejumpget", token, {})).rule_list).toEqual([]);
  });

  it('answers exactly the body given, e.g. {"errcode":0}', async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "answer", body: { errcode: 0 } });
    expect(await sandbox.call("qrcodejumpget", token, {})).toEqual({ errcode: 0 });
    await sandbox.fault({
      endpoint: "qrcodejumpget",
      mode: "answer",
      body: { errcode: 85095, errmsg: "rule data abnormal" },
    });
    expect((await sandbox.call("qrcodejumpget", token, {})).errmsg).toMatch(/^rule data abnormal rid: /);
  });

  it("with apply: true, carries the call out and still answers the body", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "answer", body: { errcode: 0 }, apply: true });
    expect(await sandbox.call("qrcodejumpadd", token, rule)).toEqual({ errcode: 0 });
    expect(await listed()).toBe(1);
  });

  it("needs a body", async () => {
    expect(
      (await sandbox.control("POST", "faults", { endpoint: "qrcodejumpget", mode: "answer" })).status,
    ).toBe(400);
  });
});

describe("mode drop", () => {
  it("closes the connection without an answer", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "drop" });
    await expect(sandbox.call("qrcodejumpadd", token, rule)).rejects.toThrow();
    expect(await listed()).toBe(0);
  });

  it("with apply: true, closes it after carrying the call out (the answer is lost, not the change)", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "drop", apply: true });
    await expect(sandbox.call("qrcodejumpadd", token, rule)).rejects.toThrow();
    expect(await listed()).toBe(1);
  });
});

describe("mode garbage", () => {
  it("answers with a body that is not JSON (HTTP 502 by default, or the status asked for)", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "garbage" });
    const response = await sandbox.raw(`/cgi-bin/wxopen/qrcodejumpget?access_token=${token}`, {
      method: "POST",
      body: "{}",
    });
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(() => JSON.parse(text) as unknown).toThrow();

    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "garbage", status: 200 });
    const ok = await sandbox.raw(`/cgi-bin/wxopen/qrcodejumpget?access_token=${token}`, {
      method: "POST",
      body: "{}",
    });
    expect(ok.status).toBe(200);
    await expect(ok.json()).rejects.toThrow();
  });
});

describe("managing faults", () => {
  it("lists active faults, and clears them with DELETE or POST /faults/clear", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "errcode", errcode: 886001, count: 5 });
    await sandbox.fault({ endpoint: "*", mode: "delay", delayMs: 10, rate: 1 });
    const listedFaults = (await (await sandbox.control("GET", "faults")).json()) as {
      faults: Array<Record<string, unknown>>;
    };
    expect(listedFaults.faults).toMatchObject([
      { endpoint: "qrcodejumpget", mode: "errcode", errcode: 886001, remaining: 5 },
      { endpoint: "*", mode: "delay", remaining: null },
    ]);
    expect((await sandbox.control("POST", "faults/clear")).status).toBe(200);
    expect(((await (await sandbox.control("GET", "faults")).json()) as { faults: unknown[] }).faults).toEqual(
      [],
    );
    expect((await sandbox.call("qrcodejumpget", token, {})).errcode).toBe(0);

    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "errcode", errcode: 886001, rate: 1 });
    expect((await sandbox.control("DELETE", "faults")).status).toBe(200);
    expect((await sandbox.call("qrcodejumpget", token, {})).errcode).toBe(0);
  });

  it("records faulted calls in the call log", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "errcode", errcode: 886001 });
    await sandbox.fault({ endpoint: "qrcodejumpdownload", mode: "garbage" });
    await sandbox.call("qrcodejumpget", token, {});
    await sandbox.raw(`/cgi-bin/wxopen/qrcodejumpdownload?access_token=${token}`, {
      method: "POST",
      body: "{}",
    });
    const calls = (await sandbox.state()).calls.slice(-2);
    expect(calls).toMatchObject([
      { endpoint: "qrcodejumpget", errcode: 886001, fault: expect.stringMatching(/^errcode#/) },
      { endpoint: "qrcodejumpdownload", errcode: null, fault: expect.stringMatching(/^garbage#/) },
    ]);
  });
});
