import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { MERCHANT_MP, MERCHANT_OA, PLATFORM, authorize, componentToken } from "@/tests/support/platform";
import { RID_SUFFIX, SandboxHarness, typeARule } from "@/tests/support/sandbox-client";

// Which token may call the qrcodejump family for which account (REFERENCE §1, §5).
let sandbox: SandboxHarness;
let component: string;

const typeB = (prefix: string) => ({ prefix, appid: MERCHANT_MP.appid, path: "pages/a/a", is_edit: 0 });

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await sandbox.reset({ accounts: [MERCHANT_MP, MERCHANT_OA], platforms: [PLATFORM] });
  component = await componentToken(sandbox);
});

describe("a Mini Program's rules (type A)", () => {
  it("refuses the Mini Program's own token with 48001 by default, on every rule endpoint", async () => {
    const own = await sandbox.token(MERCHANT_MP);
    for (const [endpoint, body] of [
      ["qrcodejumpadd", typeARule("https://a.example.com/x/")],
      ["qrcodejumpget", {}],
      ["qrcodejumppublish", { prefix: "https://a.example.com/x/" }],
      ["qrcodejumpdelete", { prefix: "https://a.example.com/x/" }],
      ["qrcodejumpdownload", {}],
    ] as const) {
      const answer = await sandbox.call(endpoint, own, body);
      expect(answer.errcode, endpoint).toBe(48001);
      expect(answer.errmsg).toMatch(/^api unauthorized rid: /);
    }
    expect((await sandbox.state()).accounts[0]?.ruleCount).toBe(0);
  });

  it("takes the own token when the account says ownToken accepted (reset or PATCH)", async () => {
    const own = await sandbox.token(MERCHANT_MP);
    await sandbox.control("PATCH", `accounts/${MERCHANT_MP.appid}`, { ownToken: "accepted" });
    expect((await sandbox.call("qrcodejumpadd", own, typeARule("https://a.example.com/x/"))).errcode).toBe(0);
    await sandbox.control("PATCH", `accounts/${MERCHANT_MP.appid}`, { ownToken: "refused" });
    expect((await sandbox.call("qrcodejumpget", own, {})).errcode).toBe(48001);
  });

  it("works with an authorizer_access_token holding set 18", async () => {
    const { accessToken } = await authorize(sandbox, component, MERCHANT_MP.appid, [18]);
    expect(
      (await sandbox.call("qrcodejumpadd", accessToken, typeARule("https://a.example.com/x/"))).errcode,
    ).toBe(0);
    const list = await sandbox.call("qrcodejumpget", accessToken, {});
    expect(list.rule_list).toMatchObject([{ prefix: "https://a.example.com/x/" }]);
    expect((await sandbox.call("qrcodejumpdownload", accessToken, {})).errcode).toBe(0);
  });

  it("answers 61007 to an authorizer without set 18, set 3 included", async () => {
    const { accessToken } = await authorize(sandbox, component, MERCHANT_MP.appid, [3, 17, 33]);
    const answer = await sandbox.call("qrcodejumpadd", accessToken, typeARule("https://a.example.com/x/"));
    expect(answer.errcode).toBe(61007);
    expect(answer.errmsg).toMatch(/^api is unauthorized to component rid: /);
  });

  it("takes away set 18 at once when the merchant updates the authorization without it", async () => {
    const { accessToken } = await authorize(sandbox, component, MERCHANT_MP.appid, [18]);
    expect((await sandbox.call("qrcodejumpget", accessToken, {})).errcode).toBe(0);
    await sandbox.control("POST", "platform/events", {
      type: "updateauthorized",
      authorizer_appid: MERCHANT_MP.appid,
      permissionSets: [17],
    });
    expect((await sandbox.call("qrcodejumpget", accessToken, {})).errcode).toBe(61007);
  });

  it("refuses a component_access_token where an authorizer token is needed (48001)", async () => {
    expect((await sandbox.call("qrcodejumpget", component, {})).errcode).toBe(48001);
    expect(
      (await sandbox.call("qrcodejumpadd", component, typeARule("https://a.example.com/x/"))).errcode,
    ).toBe(48001);
  });
});

describe("a Service Account's rules (type B)", () => {
  it("takes the Service Account's own token", async () => {
    const own = await sandbox.token(MERCHANT_OA);
    expect((await sandbox.call("qrcodejumpadd", own, typeB("http://weixin.qq.com/q/own"))).errcode).toBe(0);
  });

  it("takes its authorizer token with set 3, and answers 61007 without it", async () => {
    const withSet3 = await authorize(sandbox, component, MERCHANT_OA.appid, [3]);
    expect(
      (await sandbox.call("qrcodejumpadd", withSet3.accessToken, typeB("http://weixin.qq.com/q/a"))).errcode,
    ).toBe(0);
    await sandbox.control("POST", "platform/events", {
      type: "updateauthorized",
      authorizer_appid: MERCHANT_OA.appid,
      permissionSets: [18, 33],
    });
    expect(
      (await sandbox.call("qrcodejumpget", withSet3.accessToken, { appid: MERCHANT_MP.appid, get_type: 0 }))
        .errcode,
    ).toBe(61007);
  });

  it("refuses its own token too when the account says ownToken refused", async () => {
    await sandbox.control("PATCH", `accounts/${MERCHANT_OA.appid}`, { ownToken: "refused" });
    const own = await sandbox.token(MERCHANT_OA);
    expect((await sandbox.call("qrcodejumpadd", own, typeB("http://weixin.qq.com/q/own"))).errcode).toBe(
      48001,
    );
  });
});

describe("tokens and the rest", () => {
  it("does not count calls refused for the token's kind against the 5-a-second limit", async () => {
    const own = await sandbox.token(MERCHANT_MP);
    for (let n = 0; n < 8; n++)
      expect((await sandbox.call("qrcodejumpget", own, {}, { paced: false })).errcode).toBe(48001);
    const { accessToken } = await authorize(sandbox, component, MERCHANT_MP.appid, [18]);
    expect((await sandbox.call("qrcodejumpget", accessToken, {}, { paced: false })).errcode).toBe(0);
  });

  it("keeps the rid of an authorizer's failed call for the account, looked up with any of its tokens", async () => {
    const { accessToken } = await authorize(sandbox, component, MERCHANT_MP.appid, [18]);
    const failed = await sandbox.call("qrcodejumppublish", accessToken, {
      prefix: "https://none.example.com/",
    });
    expect(failed.errcode).toBe(40097);
    const rid = RID_SUFFIX.exec(failed.errmsg ?? "")?.[1] ?? "";
    const found = await sandbox.call("rid/get", accessToken, { rid });
    expect(found.errcode).toBe(0);
    expect((found.request as { request_url: string }).request_url).toMatch(
      /^access_token=\d+_[^&]{0,4}xxxx$/,
    );
    expect((await sandbox.call("rid/get", await sandbox.token(MERCHANT_MP), { rid })).errcode).toBe(0);
    // Neither the platform's own token nor another account's may read it.
    expect((await sandbox.call("rid/get", component, { rid })).errcode).toBe(76003);
    expect((await sandbox.call("rid/get", await sandbox.token(MERCHANT_OA), { rid })).errcode).toBe(76003);
  });

  it("keeps the rid of a platform's failed component call for the platform", async () => {
    const answer = await sandbox.raw(
      `/cgi-bin/component/api_query_auth?component_access_token=${component}`,
      {
        method: "POST",
        body: JSON.stringify({
          component_appid: PLATFORM.component_appid,
          authorization_code: "queryauthcode@@@x",
        }),
      },
    );
    const failed = (await answer.json()) as { errcode: number; errmsg: string };
    expect(failed.errcode).toBe(61009);
    const rid = RID_SUFFIX.exec(failed.errmsg)?.[1] ?? "";
    expect((await sandbox.call("rid/get", component, { rid })).errcode).toBe(0);
    expect((await sandbox.call("rid/get", await sandbox.token(MERCHANT_OA), { rid })).errcode).toBe(76003);
  });
});
