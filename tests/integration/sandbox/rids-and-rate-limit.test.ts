import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RID_PATTERN } from "@/lib/wechat/ids";
import {
  MINI_PROGRAM,
  RID_SUFFIX,
  SERVICE_ACCOUNT,
  SandboxHarness,
  typeARule,
} from "@/tests/support/sandbox-client";

let sandbox: SandboxHarness;
let token: string;

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await sandbox.reset({ accounts: [MINI_PROGRAM, SERVICE_ACCOUNT] });
  token = await sandbox.token(MINI_PROGRAM);
});

const ridOf = (errmsg: unknown) => RID_SUFFIX.exec(String(errmsg))?.[1];

describe("rids", () => {
  it("end every error's errmsg and differ per call", async () => {
    const rids = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const answer = await sandbox.call("qrcodejumpdelete", token, { prefix: "https://a.example.com/none/" });
      expect(answer.errcode).toBe(40097);
      rids.add(ridOf(answer.errmsg) ?? "");
    }
    expect(rids.size).toBe(20);
    expect([...rids].every((rid) => RID_PATTERN.test(rid))).toBe(true);
    // Successful answers carry none.
    expect((await sandbox.call("qrcodejumpget", token, {})).errmsg).toBe("ok");
  });

  it("rid/get shows what a failed call sent and got, with the token masked in request_url", async () => {
    const sent = JSON.stringify(
      typeARule("https://a.example.com/x/", { debug_url: ["https://b.example.com/x/1"] }),
    );
    const failed = await sandbox.call("qrcodejumpadd", token, sent);
    expect(failed.errcode).toBe(85068);
    const rid = ridOf(failed.errmsg);

    const looked = await sandbox.call("rid/get", token, { rid });
    expect(looked).toEqual({
      errcode: 0,
      errmsg: "ok",
      request: {
        invoke_time: expect.any(Number),
        cost_in_ms: expect.any(Number),
        request_url: expect.stringMatching(/^access_token=[^&]{6}xxxx$/),
        request_body: sent,
        response_body: JSON.stringify({ errcode: 85068, errmsg: failed.errmsg }),
        client_ip: "127.0.0.1",
      },
    });
    const request = looked.request as { invoke_time: number; request_url: string };
    expect(Math.abs(request.invoke_time - Date.now() / 1000)).toBeLessThan(60);
    expect(request.request_url).not.toContain(token);
    expect(JSON.stringify(looked)).not.toContain(token);
  });

  it("masks the AppSecret of failed token calls, in the URL and in the body", async () => {
    const classic = await sandbox.classicToken(MINI_PROGRAM.appid, "0123456789abcdef0123456789abcdef");
    expect(classic.errcode).toBe(40125);
    const stable = await sandbox.raw("/cgi-bin/stable_token", {
      method: "POST",
      body: JSON.stringify({
        grant_type: "client_credential",
        appid: MINI_PROGRAM.appid,
        secret: "fedcba9876543210fedcba9876543210",
      }),
    });
    const stableAnswer = (await stable.json()) as { errcode: number; errmsg: string };
    expect(stableAnswer.errcode).toBe(40125);

    const classicRecord = (await sandbox.call("rid/get", token, { rid: ridOf(classic.errmsg) }))
      .request as Record<string, string>;
    expect(classicRecord.request_url).toBe(
      `grant_type=client_credential&appid=${MINI_PROGRAM.appid}&secret=xxxx`,
    );
    const stableRecord = (await sandbox.call("rid/get", token, { rid: ridOf(stableAnswer.errmsg) }))
      .request as Record<string, string>;
    expect(JSON.parse(stableRecord.request_body ?? "")).toEqual({
      grant_type: "client_credential",
      appid: MINI_PROGRAM.appid,
      secret: "xxxx",
    });
  });

  it("keeps a rid for 7 days (sandbox time), then answers 76001", async () => {
    const rid = ridOf(
      (await sandbox.call("qrcodejumpdelete", token, { prefix: "https://a.example.com/none/" })).errmsg,
    );
    await sandbox.advance(7 * 24 * 3600 - 60);
    let fresh = await sandbox.token(MINI_PROGRAM);
    expect((await sandbox.call("rid/get", fresh, { rid })).errcode).toBe(0);
    await sandbox.advance(120);
    fresh = await sandbox.token(MINI_PROGRAM);
    const gone = await sandbox.call("rid/get", fresh, { rid });
    expect(gone.errcode).toBe(76001);
    expect(gone.errmsg).toMatch(RID_SUFFIX);
  });

  it("answers 76003 for another account's rid, 76001 for an unknown one, 76002 for a malformed one", async () => {
    const rid = ridOf(
      (await sandbox.call("qrcodejumpdelete", token, { prefix: "https://a.example.com/none/" })).errmsg,
    );
    const other = await sandbox.token(SERVICE_ACCOUNT);
    expect((await sandbox.call("rid/get", other, { rid })).errcode).toBe(76003);
    expect((await sandbox.call("rid/get", token, { rid: "00000000-00000000-00000000" })).errcode).toBe(76001);
    expect((await sandbox.call("rid/get", token, { rid: "nope" })).errcode).toBe(76002);
    expect((await sandbox.call("rid/get", token, {})).errcode).toBe(76002);
    expect((await sandbox.call("rid/get", null, { rid })).errcode).toBe(41001);
  });
});

describe("the rate limit: more than 5 qrcodejump calls by one account within any second", () => {
  const burst = (as: string, n: number) =>
    Promise.all(Array.from({ length: n }, () => sandbox.call("qrcodejumpget", as, {}, { paced: false })));

  it("refuses the sixth call with 44990", async () => {
    const codes = (await burst(token, 8)).map((answer) => answer.errcode);
    expect(codes.filter((code) => code === 0)).toHaveLength(5);
    expect(codes.filter((code) => code === 44990)).toHaveLength(3);
  });

  it("uses a sliding window, not calendar seconds, and counts refused calls", async () => {
    expect((await burst(token, 5)).every((answer) => answer.errcode === 0)).toBe(true);
    await sandbox.advance(0.6);
    // 600 ms later (a new calendar second or not), the five are still inside the window.
    const sixth = await sandbox.call("qrcodejumpget", token, {}, { paced: false });
    expect(sixth.errcode).toBe(44990);
    expect(sixth.errmsg).toMatch(/^api freq out of limit rid: /);
    await sandbox.advance(0.5);
    // The five have left the window; the refused sixth is still in it.
    expect((await burst(token, 4)).every((answer) => answer.errcode === 0)).toBe(true);
    expect((await sandbox.call("qrcodejumpget", token, {}, { paced: false })).errcode).toBe(44990);
    await sandbox.advance(1.01);
    expect((await sandbox.call("qrcodejumpget", token, {}, { paced: false })).errcode).toBe(0);
  });

  it("recovers after a real second", async () => {
    await burst(token, 7);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await sandbox.call("qrcodejumpget", token, {}, { paced: false })).errcode).toBe(0);
  });

  it("counts every qrcodejump endpoint together, per account, and not tokens or rid lookups", async () => {
    const other = await sandbox.token(SERVICE_ACCOUNT);
    const mixed = await Promise.all([
      sandbox.call("qrcodejumpget", token, {}, { paced: false }),
      sandbox.call("qrcodejumpdownload", token, {}, { paced: false }),
      sandbox.call("qrcodejumpdelete", token, { prefix: "https://a.example.com/none/" }, { paced: false }),
      sandbox.call("qrcodejumppublish", token, { prefix: "https://a.example.com/none/" }, { paced: false }),
      sandbox.call("qrcodejumpadd", token, typeARule("https://a.example.com/x/"), { paced: false }),
      ...Array.from({ length: 5 }, () =>
        sandbox.call("qrcodejumpget", other, { appid: "wx0000000000000000", get_type: 0 }, { paced: false }),
      ),
    ]);
    expect(mixed.map((answer) => answer.errcode)).toEqual([
      0, 0, 40097, 40097, 0, 40166, 40166, 40166, 40166, 40166,
    ]);
    expect((await sandbox.call("qrcodejumpget", token, {}, { paced: false })).errcode).toBe(44990);
    for (let i = 0; i < 10; i++)
      expect((await sandbox.stableToken(MINI_PROGRAM.appid, MINI_PROGRAM.secret)).access_token).toBe(token);
    expect(
      (await sandbox.call("rid/get", token, { rid: "00000000-00000000-00000000" }, { paced: false })).errcode,
    ).toBe(76001);
  });
});
