import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import {
  authorizerInfoAnswer,
  authorizerTokenAnswer,
  componentTokenAnswer,
  permissionSetsOf,
  preAuthCodeAnswer,
  queryAuthAnswer,
} from "@/lib/wechat/types";
import {
  EventReceiver,
  MERCHANT_MP,
  MERCHANT_OA,
  PLATFORM,
  authorize,
  componentCall,
  componentToken,
  openPush,
  pushTicket,
} from "@/tests/support/platform";
import { RID_SUFFIX, SandboxHarness } from "@/tests/support/sandbox-client";

let sandbox: SandboxHarness;
let receiver: EventReceiver;

const PERSONAL_MP = {
  appid: "wx8888888888888888",
  secret: "88888888888888888888888888888888",
  kind: "miniprogram",
  personal: true,
  verified: false,
} as const;

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
  receiver = await EventReceiver.start();
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});
beforeEach(async () => {
  receiver.pushes.length = 0;
  receiver.answer = "success";
  await sandbox.reset({
    accounts: [MERCHANT_MP, MERCHANT_OA, PERSONAL_MP],
    platforms: [{ ...PLATFORM, eventUrl: receiver.url }],
  });
});

const tokenRequest = (ticket: string, extra: Record<string, unknown> = {}) =>
  componentCall(sandbox, "api_component_token", null, {
    component_appid: PLATFORM.component_appid,
    component_appsecret: PLATFORM.component_appsecret,
    component_verify_ticket: ticket,
    ...extra,
  });

describe("component_verify_ticket", () => {
  it("is pushed to the event URL signed and AES-encrypted with the platform's key, and answered success", async () => {
    const response = await sandbox.control("POST", "platform/ticket", {});
    const answer = (await response.json()) as { ticket: string; delivery: Record<string, unknown> };
    expect(answer.delivery).toMatchObject({
      infoType: "component_verify_ticket",
      status: 200,
      accepted: true,
    });
    expect(answer.ticket).toMatch(/^ticket@@@[A-Za-z0-9_-]+$/);

    const [push] = receiver.pushes;
    if (!push) throw new Error("nothing pushed");
    expect(Object.fromEntries(push.query)).toMatchObject({ encrypt_type: "aes" });
    expect([...push.query.keys()].sort()).toEqual(
      ["encrypt_type", "msg_signature", "nonce", "signature", "timestamp"].sort(),
    );
    expect(push.body).toMatch(
      /^<xml><AppId><!\[CDATA\[wx9999aaaabbbbcccc\]\]><\/AppId>.*<Encrypt><!\[CDATA\[/,
    );
    expect(push.body).not.toContain(answer.ticket);

    const { xml, event } = openPush(push);
    expect(xml).toMatch(/^<xml><AppId>/);
    expect(event).toEqual({
      AppId: PLATFORM.component_appid,
      CreateTime: Number(push.query.get("timestamp")),
      InfoType: "component_verify_ticket",
      ComponentVerifyTicket: answer.ticket,
    });
  });

  it("does not verify with another platform's key or token", async () => {
    await pushTicket(sandbox);
    const [push] = receiver.pushes;
    if (!push) throw new Error("nothing pushed");
    expect(() => openPush(push, { ...PLATFORM, token: "someoneElse" })).toThrow(/signature/);
    expect(() =>
      openPush(push, { ...PLATFORM, encodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG" }),
    ).toThrow();
  });

  it("records a delivery that was not answered success, and one with nowhere to go", async () => {
    receiver.answer = "ok";
    const refused = (await (await sandbox.control("POST", "platform/ticket", {})).json()) as {
      delivery: Record<string, unknown>;
    };
    expect(refused.delivery).toMatchObject({ status: 200, accepted: false });
    await sandbox.control("PATCH", `platforms/${PLATFORM.component_appid}`, { eventUrl: null });
    const nowhere = (await (await sandbox.control("POST", "platform/ticket", {})).json()) as {
      delivery: Record<string, unknown>;
    };
    expect(nowhere.delivery).toMatchObject({ status: null, accepted: false });
    const state = await sandbox.state();
    expect(state.platforms[0]?.pushes).toHaveLength(2);
    expect(JSON.stringify(state)).not.toContain("ticket@@@");
  });

  it("is pushed every 10 minutes of sandbox time once autoTicket is on (off by default)", async () => {
    await sandbox.advance(1200);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(receiver.pushes).toHaveLength(0);

    await sandbox.control("PATCH", `platforms/${PLATFORM.component_appid}`, { autoTicket: true });
    await receiver.waitFor(1);
    await sandbox.advance(599);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.pushes).toHaveLength(1);
    await sandbox.advance(1);
    const events = await receiver.waitFor(2);
    expect(events.map((event) => event.InfoType)).toEqual([
      "component_verify_ticket",
      "component_verify_ticket",
    ]);
  });
});

describe("POST /cgi-bin/component/api_component_token", () => {
  it("gives a 2-hour component_access_token for the latest ticket only", async () => {
    const first = await pushTicket(sandbox);
    const second = await pushTicket(sandbox);
    expect((await tokenRequest(first)).errcode).toBe(61006);
    const answer = await tokenRequest(second);
    expect(componentTokenAnswer.parse(answer).expires_in).toBe(7200);
    expect(Object.keys(answer).sort()).toEqual(["component_access_token", "expires_in"]);
  });

  it("answers 61006 with no ticket pushed or none given, 61005 for a ticket past 12 hours", async () => {
    expect((await tokenRequest("ticket@@@never")).errcode).toBe(61006);
    const ticket = await pushTicket(sandbox);
    expect((await tokenRequest("")).errcode).toBe(61006);
    await sandbox.advance(12 * 3600);
    const expired = await tokenRequest(ticket);
    expect(expired.errcode).toBe(61005);
    expect(expired.errmsg).toMatch(/^component ticket is expired rid: /);
  });

  it("checks the platform's appid and secret", async () => {
    const ticket = await pushTicket(sandbox);
    expect((await tokenRequest(ticket, { component_appsecret: "0".repeat(32) })).errcode).toBe(40125);
    expect((await tokenRequest(ticket, { component_appid: "wx0000000000000000" })).errcode).toBe(61011);
    expect((await tokenRequest(ticket, { component_appid: undefined })).errcode).toBe(41002);
    expect((await tokenRequest(ticket, { component_appsecret: undefined })).errcode).toBe(41004);
  });

  it("accepts a ticket given in the reset (verifyTicket) and refuses callers off the IP whitelist (61004)", async () => {
    await sandbox.reset({
      accounts: [MERCHANT_MP],
      platforms: [{ ...PLATFORM, verifyTicket: "ticket@@@seeded", ipWhitelist: ["10.0.0.1"] }],
    });
    const refused = await tokenRequest("ticket@@@seeded");
    expect(refused.errcode).toBe(61004);
    await sandbox.control("PATCH", `platforms/${PLATFORM.component_appid}`, { ipWhitelist: [] });
    expect(componentTokenAnswer.safeParse(await tokenRequest("ticket@@@seeded")).success).toBe(true);
  });

  it("expires the token after 7200 s (42001); a new one leaves the previous 5 minutes (40001 after)", async () => {
    const first = await componentToken(sandbox);
    const body = { component_appid: PLATFORM.component_appid };
    expect(
      preAuthCodeAnswer.parse(await componentCall(sandbox, "api_create_preauthcode", first, body)),
    ).toMatchObject({ expires_in: 600 });
    const second = await componentToken(sandbox);
    await sandbox.advance(301);
    expect((await componentCall(sandbox, "api_create_preauthcode", first, body)).errcode).toBe(40001);
    expect(
      (await componentCall(sandbox, "api_create_preauthcode", second, body, "access_token")).errcode,
    ).toBe(undefined);
    await sandbox.advance(7200);
    expect((await componentCall(sandbox, "api_create_preauthcode", second, body)).errcode).toBe(42001);
  });

  it("is the only way to a platform's token: /cgi-bin/token with its appid answers 61024", async () => {
    const answer = await sandbox.classicToken(PLATFORM.component_appid, PLATFORM.component_appsecret);
    expect(answer.errcode).toBe(61024);
  });
});

describe("authorizations: api_query_auth, api_authorizer_token, api_get_authorizer_info", () => {
  it("exchanges an authorization code once for the authorizer's tokens and the granted sets", async () => {
    const component = await componentToken(sandbox);
    const pushed = (await (
      await sandbox.control("POST", "platform/events", {
        type: "authorized",
        authorizer_appid: MERCHANT_MP.appid,
        permissionSets: [18, 17],
      })
    ).json()) as { auth_code: string; expires_in: number; delivery: Record<string, unknown> };
    expect(pushed).toMatchObject({ expires_in: 3600, delivery: { infoType: "authorized", accepted: true } });

    const [event] = await receiver.waitFor(2);
    const authorizedEvent = receiver.events()[1];
    expect(event?.InfoType).toBe("component_verify_ticket");
    expect(authorizedEvent).toMatchObject({
      AppId: PLATFORM.component_appid,
      InfoType: "authorized",
      AuthorizerAppid: MERCHANT_MP.appid,
      AuthorizationCode: pushed.auth_code,
    });
    if (authorizedEvent?.InfoType !== "authorized") throw new Error("no authorized event");
    expect(authorizedEvent.AuthorizationCodeExpiredTime - authorizedEvent.CreateTime).toBe(3600);
    expect(authorizedEvent.PreAuthCode).toMatch(/^preauthcode@@@/);

    const body = { component_appid: PLATFORM.component_appid, authorization_code: pushed.auth_code };
    const answer = queryAuthAnswer.parse(await componentCall(sandbox, "api_query_auth", component, body));
    expect(answer.authorization_info).toMatchObject({
      authorizer_appid: MERCHANT_MP.appid,
      expires_in: 7200,
    });
    expect(answer.authorization_info.authorizer_refresh_token).toMatch(/^refreshtoken@@@/);
    expect(permissionSetsOf(answer.authorization_info.func_info)).toEqual([17, 18]);

    const again = await componentCall(sandbox, "api_query_auth", component, body);
    expect(again.errcode).toBe(61010);
    expect(again.errmsg).toMatch(RID_SUFFIX);
    expect(
      (
        await componentCall(sandbox, "api_query_auth", component, {
          ...body,
          authorization_code: "queryauthcode@@@x",
        })
      ).errcode,
    ).toBe(61009);
  });

  it("lets an authorization code run out after an hour (61010)", async () => {
    const component = await componentToken(sandbox);
    const { auth_code: code } = (await (
      await sandbox.control("POST", "platform/events", {
        type: "authorized",
        authorizer_appid: MERCHANT_MP.appid,
      })
    ).json()) as { auth_code: string };
    await sandbox.advance(3600);
    const body = { component_appid: PLATFORM.component_appid, authorization_code: code };
    expect((await componentCall(sandbox, "api_query_auth", component, body)).errcode).toBe(61010);
  });

  it("renews the authorizer token with the refresh token; a wrong one is 61023, another platform's appid 61011", async () => {
    const component = await componentToken(sandbox);
    const { refreshToken } = await authorize(sandbox, component, MERCHANT_MP.appid, [18]);
    const body = {
      component_appid: PLATFORM.component_appid,
      authorizer_appid: MERCHANT_MP.appid,
      authorizer_refresh_token: refreshToken,
    };
    const renewed = authorizerTokenAnswer.parse(
      await componentCall(sandbox, "api_authorizer_token", component, body),
    );
    expect(renewed).toMatchObject({ expires_in: 7200, authorizer_refresh_token: refreshToken });
    expect(
      (
        await componentCall(sandbox, "api_authorizer_token", component, {
          ...body,
          authorizer_refresh_token: "x",
        })
      ).errcode,
    ).toBe(61023);
    expect(
      (
        await componentCall(sandbox, "api_authorizer_token", component, {
          ...body,
          authorizer_appid: MERCHANT_OA.appid,
        })
      ).errcode,
    ).toBe(61003);
    expect(
      (
        await componentCall(sandbox, "api_authorizer_token", component, {
          ...body,
          component_appid: "wx0000000000000000",
        })
      ).errcode,
    ).toBe(61011);
  });

  it("describes the merchant: name, kind, verification, personal subject and the sets granted", async () => {
    const component = await componentToken(sandbox);
    await authorize(sandbox, component, MERCHANT_MP.appid, [18]);
    await authorize(sandbox, component, MERCHANT_OA.appid, [3, 33]);
    await authorize(sandbox, component, PERSONAL_MP.appid, [18]);
    const info = async (appid: string) =>
      authorizerInfoAnswer.parse(
        await componentCall(sandbox, "api_get_authorizer_info", component, {
          component_appid: PLATFORM.component_appid,
          authorizer_appid: appid,
        }),
      );

    const mp = await info(MERCHANT_MP.appid);
    expect(mp.authorizer_info).toMatchObject({
      nick_name: "商户小程序",
      service_type_info: { id: 0 },
      verify_type_info: { id: 0 },
      user_name: expect.stringMatching(/^gh_/) as unknown,
    });
    expect(mp.authorizer_info.MiniProgramInfo).toBeDefined();
    expect(mp.authorizer_info.principal_name).not.toBe("个人");
    expect(permissionSetsOf(mp.authorization_info.func_info)).toEqual([18]);

    const oa = await info(MERCHANT_OA.appid);
    expect(oa.authorizer_info).toMatchObject({ nick_name: "商户服务号", service_type_info: { id: 2 } });
    expect(oa.authorizer_info.MiniProgramInfo).toBeUndefined();
    expect(permissionSetsOf(oa.authorization_info.func_info)).toEqual([3, 33]);

    const personal = await info(PERSONAL_MP.appid);
    expect(personal.authorizer_info).toMatchObject({ principal_name: "个人", verify_type_info: { id: -1 } });
  });

  it("answers component calls only to the platform's own token (48001 for an account's)", async () => {
    const own = await sandbox.token(MERCHANT_OA);
    const answer = await componentCall(sandbox, "api_create_preauthcode", own, {
      component_appid: PLATFORM.component_appid,
    });
    expect(answer.errcode).toBe(48001);
    expect((await componentCall(sandbox, "api_create_preauthcode", null, {})).errcode).toBe(41001);
  });

  it("updateauthorized changes the sets and the refresh token (the old one is 61023); unauthorized ends it all", async () => {
    const component = await componentToken(sandbox);
    const first = await authorize(sandbox, component, MERCHANT_MP.appid, [18]);
    const updated = (await (
      await sandbox.control("POST", "platform/events", {
        type: "updateauthorized",
        authorizer_appid: MERCHANT_MP.appid,
        permissionSets: [17],
      })
    ).json()) as { auth_code: string };
    const refresh = (refreshToken: string) =>
      componentCall(sandbox, "api_authorizer_token", component, {
        component_appid: PLATFORM.component_appid,
        authorizer_appid: MERCHANT_MP.appid,
        authorizer_refresh_token: refreshToken,
      });
    expect((await refresh(first.refreshToken)).errcode).toBe(61023);
    const requery = queryAuthAnswer.parse(
      await componentCall(sandbox, "api_query_auth", component, {
        component_appid: PLATFORM.component_appid,
        authorization_code: updated.auth_code,
      }),
    );
    expect(permissionSetsOf(requery.authorization_info.func_info)).toEqual([17]);
    expect(
      authorizerTokenAnswer.safeParse(await refresh(requery.authorization_info.authorizer_refresh_token))
        .success,
    ).toBe(true);

    const cancelled = (await (
      await sandbox.control("POST", "platform/events", {
        type: "unauthorized",
        authorizer_appid: MERCHANT_MP.appid,
      })
    ).json()) as { delivery: Record<string, unknown> };
    expect(cancelled.delivery).toMatchObject({ infoType: "unauthorized", accepted: true });
    expect(receiver.events().at(-1)).toMatchObject({
      InfoType: "unauthorized",
      AuthorizerAppid: MERCHANT_MP.appid,
    });
    expect((await refresh(requery.authorization_info.authorizer_refresh_token)).errcode).toBe(61003);
    expect((await sandbox.call("qrcodejumpget", first.accessToken, {})).errcode).toBe(40001);
    expect(
      (
        await componentCall(sandbox, "api_get_authorizer_info", component, {
          component_appid: PLATFORM.component_appid,
          authorizer_appid: MERCHANT_MP.appid,
        })
      ).errcode,
    ).toBe(61003);
  });

  it("answers 61003 to a code given before the merchant cancelled", async () => {
    const component = await componentToken(sandbox);
    const { auth_code: code } = (await (
      await sandbox.control("POST", "platform/events", {
        type: "authorized",
        authorizer_appid: MERCHANT_OA.appid,
      })
    ).json()) as { auth_code: string };
    await sandbox.control("POST", "platform/events", {
      type: "unauthorized",
      authorizer_appid: MERCHANT_OA.appid,
    });
    const body = { component_appid: PLATFORM.component_appid, authorization_code: code };
    expect((await componentCall(sandbox, "api_query_auth", component, body)).errcode).toBe(61003);
  });

  it("refuses events that do not fit the authorization (400)", async () => {
    const update = await sandbox.control("POST", "platform/events", {
      type: "updateauthorized",
      authorizer_appid: MERCHANT_MP.appid,
    });
    expect(update.status).toBe(400);
    expect(
      (
        await sandbox.control("POST", "platform/events", {
          type: "unauthorized",
          authorizer_appid: MERCHANT_MP.appid,
        })
      ).status,
    ).toBe(400);
    expect(
      (await sandbox.control("POST", "platform/events", { type: "authorized", authorizer_appid: "wx0" }))
        .status,
    ).toBe(404);
  });
});

describe("the platform registry in /__sandbox/reset", () => {
  it("refuses a malformed platform, an unknown authorizer and set 18 held by two platforms", async () => {
    const reset = (seed: unknown) => sandbox.control("POST", "reset", seed);
    expect((await reset({ platforms: [{ ...PLATFORM, encodingAesKey: "short" }] })).status).toBe(400);
    expect((await reset({ platforms: [{ ...PLATFORM, token: "a" }] })).status).toBe(400);
    expect(
      (
        await reset({
          platforms: [
            { ...PLATFORM, authorizations: [{ authorizer_appid: MERCHANT_MP.appid, permissionSets: [18] }] },
          ],
        })
      ).status,
    ).toBe(400);
    const grant = { authorizer_appid: MERCHANT_MP.appid, permissionSets: [18] };
    expect(
      (
        await reset({
          accounts: [MERCHANT_MP],
          platforms: [
            { ...PLATFORM, authorizations: [grant] },
            { ...PLATFORM, component_appid: "wx9999aaaabbbbdddd", authorizations: [grant] },
          ],
        })
      ).status,
    ).toBe(400);
  });

  it("seeds authorizations with a known refresh token, shown in the state without any secret", async () => {
    await sandbox.reset({
      accounts: [MERCHANT_MP],
      platforms: [
        {
          ...PLATFORM,
          authorizations: [
            {
              authorizer_appid: MERCHANT_MP.appid,
              permissionSets: [18],
              refreshToken: "refreshtoken@@@seeded",
            },
          ],
        },
      ],
    });
    const component = await componentToken(sandbox);
    const answer = await componentCall(sandbox, "api_authorizer_token", component, {
      component_appid: PLATFORM.component_appid,
      authorizer_appid: MERCHANT_MP.appid,
      authorizer_refresh_token: "refreshtoken@@@seeded",
    });
    expect(authorizerTokenAnswer.safeParse(answer).success).toBe(true);
    const text = await (await sandbox.control("GET", "state")).text();
    expect(text).toContain('"permissionSets":[18]');
    for (const secret of [PLATFORM.component_appsecret, PLATFORM.encodingAesKey, "refreshtoken@@@seeded"])
      expect(text).not.toContain(secret);
  });
});
