import { connect } from "node:net";

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

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
// After every abuse, a well-formed call must still be served.
afterEach(async () => {
  // Past the rate-limit window that the abuse may have filled.
  await sandbox.advance(1.1);
  expect((await sandbox.call("qrcodejumpget", token, {})).errcode).toBe(0);
});

const rule = typeARule("https://a.example.com/x/");
const post = async (path: string, body: BodyInit, headers: Record<string, string> = {}) => {
  const response = await sandbox.raw(path, { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    json: (await response.json()) as { errcode: number; errmsg: string },
  };
};
const addPath = () => `/cgi-bin/wxopen/qrcodejumpadd?access_token=${encodeURIComponent(token)}`;

describe("bad input gets a WeChat-shaped error, never a crash", () => {
  it.each([
    ["non-JSON", 47001, "{prefix: nope"],
    ["truncated JSON", 47001, JSON.stringify(rule).slice(0, 20)],
    ["a JSON array", 47001, "[1,2]"],
    ["a JSON string", 47001, '"hello"'],
    ["JSON null", 47001, "null"],
    ["a number", 47001, "42"],
    ["deeply nested arrays", 47001, `${"[".repeat(100_000)}${"]".repeat(100_000)}`],
    ["invalid UTF-8", 40097, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
    ["a field of the wrong type", 47001, JSON.stringify({ ...rule, permit_sub_rule: "1" })],
    ["a missing field", 40097, JSON.stringify({ prefix: rule.prefix })],
    ["an empty body", 44002, ""],
    ["a body of spaces", 44002, "  \n "],
  ])("%s → %i", async (_name, errcode, body) => {
    const answer = await post(addPath(), body as BodyInit);
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^application\/json/);
    expect(answer.json.errcode).toBe(errcode);
    expect(answer.json.errmsg).toMatch(RID_SUFFIX);
  });

  it("ignores a __proto__ key instead of being polluted by it", async () => {
    const answer = await post(addPath(), `{"__proto__":{"is_edit":1},${JSON.stringify(rule).slice(1)}`);
    expect(answer.json.errcode).toBe(0);
    expect(({} as Record<string, unknown>).is_edit).toBeUndefined();
  });

  it.each([
    ["just over 1 MB", 1024 * 1024 + 1],
    ["5 MB", 5 * 1024 * 1024],
  ])("answers 45002 to a body of %s, and keeps the rule list untouched", async (_name, size) => {
    const huge = JSON.stringify({ ...rule, path: "x".repeat(size) });
    const answer = await post(addPath(), huge);
    expect(answer.json.errcode).toBe(45002);
    expect(answer.json.errmsg).toMatch(RID_SUFFIX);
    expect((await sandbox.call("qrcodejumpget", token, {})).rule_list).toEqual([]);
  });

  it("answers 45002 to an oversized body sent in chunks without a content-length", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const answer = await post(addPath(), stream as unknown as BodyInit);
    expect(answer.json.errcode).toBe(45002);
  });

  it("answers or closes the connection for a body far over the limit (64 MB declared), and keeps serving", async () => {
    const body = new Uint8Array(64 * 1024 * 1024);
    const outcome = await post(addPath(), body).then(
      (answer) => answer.json.errcode,
      () => "connection closed",
    );
    expect([45002, "connection closed"]).toContain(outcome);
  });

  it("answers 41001 without a token on every endpoint that needs one", async () => {
    for (const endpoint of [
      "qrcodejumpadd",
      "qrcodejumpdelete",
      "qrcodejumpget",
      "qrcodejumppublish",
      "qrcodejumpdownload",
      "rid/get",
    ]) {
      const answer = await sandbox.call(endpoint, null, endpoint === "qrcodejumpadd" ? rule : {});
      expect(answer.errcode).toBe(41001);
      expect(answer.errmsg).toMatch(/^access_token missing rid: /);
    }
  });

  it("answers 43002 to a GET on a POST endpoint, and 404 with 40066 to an unknown path", async () => {
    for (const method of ["GET", "PUT", "DELETE"]) {
      const response = await sandbox.raw(`/cgi-bin/wxopen/qrcodejumpget?access_token=${token}`, { method });
      expect(((await response.json()) as { errcode: number }).errcode).toBe(43002);
    }
    for (const path of ["/cgi-bin/wxopen/qrcodejumpnothing", "/", "/cgi-bin/token/extra", "/favicon.ico"]) {
      const unknown = await sandbox.raw(path);
      expect(unknown.status).toBe(404);
      const answer = (await unknown.json()) as { errcode: number; errmsg: string };
      expect(answer.errcode).toBe(40066);
      expect(answer.errmsg).toMatch(RID_SUFFIX);
    }
  });

  it("survives malformed HTTP and clients that hang up mid-request", async () => {
    const url = new URL(sandbox.url);
    const garbage = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write("THIS IS NOT HTTP\r\n\r\n"));
      let received = "";
      socket.on("data", (data) => (received += data.toString()));
      socket.on("close", () => resolve(received));
      socket.on("error", reject);
    });
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);

    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(`POST ${addPath()} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"prefix":`);
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
      socket.on("error", reject);
    });
  });

  it("answers a flood of bad requests and still serves good ones", async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        post(addPath(), i % 2 === 0 ? "not json" : "[]").then((answer) => answer.json.errcode),
      ),
    );
    expect(new Set(answers)).toEqual(new Set([47001, 44990]));
  });

  it("refuses malformed control requests with 400 and unknown control routes with 404", async () => {
    expect(
      (await sandbox.control("POST", "faults", { endpoint: "qrcodejumpget", mode: "explode" })).status,
    ).toBe(400);
    expect((await sandbox.control("POST", "faults", { endpoint: "nowhere", mode: "drop" })).status).toBe(400);
    expect((await sandbox.control("POST", "clock", { advanceSeconds: "soon" })).status).toBe(400);
    expect((await sandbox.control("POST", "clock", { advanceSeconds: -5 })).status).toBe(400);
    expect((await sandbox.control("POST", "reset", { accounts: [{ appid: 1 }] })).status).toBe(400);
    expect(
      (
        await sandbox.control("POST", "reset", {
          accounts: [{ ...MINI_PROGRAM, rules: [{ path: "no prefix" }] }],
        })
      ).status,
    ).toBe(400);
    expect((await sandbox.control("POST", "reset", "{not json")).status).toBe(400);
    expect((await sandbox.control("PATCH", "accounts/wx0000000000000000", { released: true })).status).toBe(
      404,
    );
    expect(
      (await sandbox.control("PATCH", `accounts/${MINI_PROGRAM.appid}`, { released: "yes" })).status,
    ).toBe(400);
    const unknown = await sandbox.control("GET", "nothing");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: expect.stringContaining("no control route") });
    // A refused reset left the state as it was: the token still works (checked after this test).
  });
});
