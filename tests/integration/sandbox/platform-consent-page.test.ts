import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { permissionSetsOf, preAuthCodeAnswer, queryAuthAnswer } from "@/lib/wechat/types";
import {
  EventReceiver,
  MERCHANT_MP,
  MERCHANT_OA,
  PLATFORM,
  componentCall,
  componentToken,
} from "@/tests/support/platform";
import { SandboxHarness } from "@/tests/support/sandbox-client";

// The page as a browser sees it, driven over plain HTTP: GET the link, POST the form, follow nothing.
let sandbox: SandboxHarness;
let receiver: EventReceiver;
let component: string;

const REDIRECT = "https://console.example.com/platform/authorized?state=abc";

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
  await sandbox.reset({
    accounts: [MERCHANT_MP, MERCHANT_OA],
    platforms: [{ ...PLATFORM, eventUrl: receiver.url }],
  });
  component = await componentToken(sandbox);
});

async function preAuthCode(): Promise<string> {
  const answer = await componentCall(sandbox, "api_create_preauthcode", component, {
    component_appid: PLATFORM.component_appid,
  });
  return preAuthCodeAnswer.parse(answer).pre_auth_code;
}

function link(code: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({
    component_appid: PLATFORM.component_appid,
    pre_auth_code: code,
    redirect_uri: REDIRECT,
    auth_type: "3",
    ...extra,
  });
  return `/cgi-bin/componentloginpage?${query}`;
}

/** The form's hidden fields, as a browser would send them back. */
function hiddenFields(html: string): Array<[string, string]> {
  const decode = (value: string) =>
    value
      .replace(/&amp;/g, "&")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">");
  return [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
    (match) => [match[1] ?? "", decode(match[2] ?? "")] as [string, string],
  );
}

async function submit(html: string, choices: Array<[string, string]>): Promise<Response> {
  const body = new URLSearchParams([...hiddenFields(html), ...choices]);
  return sandbox.raw("/cgi-bin/componentloginpage", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: body.toString(),
    redirect: "manual",
  });
}

describe("GET /cgi-bin/componentloginpage", () => {
  it("shows an accessible form: every account and permission set a labelled control, no script", async () => {
    const response = await sandbox.raw(link(await preAuthCode()));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
    const html = await response.text();
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<h1>Authorize a third-party platform<\/h1>/);
    expect(html).not.toMatch(/<script/i);

    const controls = [...html.matchAll(/<input type="(radio|checkbox)" id="([^"]+)"/g)].map(
      (match) => match[2],
    );
    expect(controls).toEqual([
      `account-${MERCHANT_MP.appid}`,
      `account-${MERCHANT_OA.appid}`,
      "set-3",
      "set-18",
      "set-33",
    ]);
    for (const id of controls) expect(html).toContain(`<label for="${id}">`);
    expect(html).toContain(
      `<label for="account-${MERCHANT_MP.appid}">商户小程序 (Mini Program, ${MERCHANT_MP.appid})</label>`,
    );
    expect(html).toContain(
      '<label for="set-18">Permission set 18: Mini Program development and data analysis (开发管理与数据分析权限)</label>',
    );
    expect(html).toMatch(/<legend>Account to authorize<\/legend>/);
    expect(html).toMatch(/<legend>Permission sets to grant<\/legend>/);
    expect(html).toMatch(/<button type="submit">Authorize<\/button>/);
  });

  it("offers only Service Accounts for auth_type 1, only Mini Programs for 2, only biz_appid when given", async () => {
    const code = await preAuthCode();
    const accounts = async (extra: Record<string, string>) =>
      [
        ...(await (await sandbox.raw(link(code, extra))).text()).matchAll(
          /name="authorizer_appid" value="([^"]+)"/g,
        ),
      ].map((match) => match[1]);
    expect(await accounts({ auth_type: "1" })).toEqual([MERCHANT_OA.appid]);
    expect(await accounts({ auth_type: "2" })).toEqual([MERCHANT_MP.appid]);
    expect(await accounts({ biz_appid: MERCHANT_OA.appid })).toEqual([MERCHANT_OA.appid]);
    expect((await sandbox.raw(link(code, { auth_type: "7" }))).status).toBe(400);
  });

  it("refuses a link with an unknown platform, an unknown or expired pre_auth_code, or no redirect_uri", async () => {
    const code = await preAuthCode();
    const refused = async (path: string) => {
      const response = await sandbox.raw(path);
      return { status: response.status, text: await response.text() };
    };
    expect(await refused(link(code, { component_appid: "wx0000000000000000" }))).toMatchObject({
      status: 400,
    });
    expect(await refused(link("preauthcode@@@nope"))).toMatchObject({
      status: 400,
      text: expect.stringMatching(/not valid/) as unknown,
    });
    expect(await refused(link(code, { redirect_uri: "javascript:alert(1)" }))).toMatchObject({ status: 400 });
    await sandbox.advance(600);
    expect(await refused(link(code))).toMatchObject({
      status: 400,
      text: expect.stringMatching(/expired/) as unknown,
    });
  });

  it("checks redirect_uri against the platform's redirectDomains when it has some", async () => {
    await sandbox.control("PATCH", `platforms/${PLATFORM.component_appid}`, {
      redirectDomains: ["example.com"],
    });
    const code = await preAuthCode();
    expect((await sandbox.raw(link(code))).status).toBe(200);
    expect((await sandbox.raw(link(code, { redirect_uri: "https://evil.example.net/cb" }))).status).toBe(400);
  });
});

describe("POST /cgi-bin/componentloginpage", () => {
  it("redirects with an auth_code that api_query_auth accepts once, and pushes the authorized event", async () => {
    const code = await preAuthCode();
    const html = await (await sandbox.raw(link(code))).text();
    const response = await submit(html, [
      ["authorizer_appid", MERCHANT_MP.appid],
      ["func_scope", "18"],
      ["func_scope", "33"],
    ]);
    expect(response.status).toBe(303);
    const target = new URL(response.headers.get("location") ?? "");
    expect(`${target.origin}${target.pathname}`).toBe("https://console.example.com/platform/authorized");
    expect(target.searchParams.get("state")).toBe("abc");
    expect(target.searchParams.get("expires_in")).toBe("3600");
    const authCode = target.searchParams.get("auth_code") ?? "";
    expect(authCode).toMatch(/^queryauthcode@@@/);

    const body = { component_appid: PLATFORM.component_appid, authorization_code: authCode };
    const answer = queryAuthAnswer.parse(await componentCall(sandbox, "api_query_auth", component, body));
    expect(answer.authorization_info.authorizer_appid).toBe(MERCHANT_MP.appid);
    expect(permissionSetsOf(answer.authorization_info.func_info)).toEqual([18, 33]);
    expect((await componentCall(sandbox, "api_query_auth", component, body)).errcode).toBe(61010);

    // The ticket of beforeEach, then the authorization.
    const events = await receiver.waitFor(2);
    expect(events[1]).toMatchObject({
      InfoType: "authorized",
      AuthorizerAppid: MERCHANT_MP.appid,
      AuthorizationCode: authCode,
      PreAuthCode: code,
    });
    // With the authorizer token the platform now manages the Mini Program's rules.
    const rules = await sandbox.call("qrcodejumpget", answer.authorization_info.authorizer_access_token, {});
    expect(rules.errcode).toBe(0);
  });

  it("uses the pre_auth_code up: the link shows an error afterwards", async () => {
    const code = await preAuthCode();
    const html = await (await sandbox.raw(link(code))).text();
    const first = await submit(html, [
      ["authorizer_appid", MERCHANT_MP.appid],
      ["func_scope", "18"],
    ]);
    expect(first.status).toBe(303);
    const again = await sandbox.raw(link(code));
    expect(again.status).toBe(400);
    expect(await again.text()).toMatch(/already been used/);
    expect(
      (
        await submit(html, [
          ["authorizer_appid", MERCHANT_MP.appid],
          ["func_scope", "18"],
        ])
      ).status,
    ).toBe(400);
  });

  it("a second authorization of the same account is updateauthorized", async () => {
    for (const sets of [["18"], ["18", "3"]]) {
      const html = await (await sandbox.raw(link(await preAuthCode()))).text();
      const response = await submit(html, [
        ["authorizer_appid", MERCHANT_MP.appid],
        ...sets.map((set) => ["func_scope", set] as [string, string]),
      ]);
      expect(response.status).toBe(303);
    }
    const events = await receiver.waitFor(3);
    expect(events.map((event) => event.InfoType)).toEqual([
      "component_verify_ticket",
      "authorized",
      "updateauthorized",
    ]);
  });

  it("shows the form again with an alert when no account or no permission set is chosen", async () => {
    const html = await (await sandbox.raw(link(await preAuthCode()))).text();
    const noAccount = await submit(html, [["func_scope", "18"]]);
    expect(noAccount.status).toBe(400);
    expect(await noAccount.text()).toMatch(
      /<p class="error" role="alert">Choose the account to authorize\.<\/p>/,
    );
    const noSet = await submit(html, [["authorizer_appid", MERCHANT_MP.appid]]);
    expect(noSet.status).toBe(400);
    const text = await noSet.text();
    expect(text).toMatch(/role="alert">Choose at least one permission set\./);
    expect(text).toContain(`value="${MERCHANT_MP.appid}" required checked`);
  });

  it("refuses exclusive set 18 while another platform holds it for that account (409)", async () => {
    await sandbox.reset({
      accounts: [MERCHANT_MP, MERCHANT_OA],
      platforms: [
        { ...PLATFORM, eventUrl: receiver.url },
        {
          ...PLATFORM,
          component_appid: "wx9999aaaabbbbdddd",
          authorizations: [{ authorizer_appid: MERCHANT_MP.appid, permissionSets: [18] }],
        },
      ],
    });
    component = await componentToken(sandbox);
    const html = await (await sandbox.raw(link(await preAuthCode()))).text();
    const refused = await submit(html, [
      ["authorizer_appid", MERCHANT_MP.appid],
      ["func_scope", "18"],
    ]);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/exclusive/);
    const without18 = await submit(html, [
      ["authorizer_appid", MERCHANT_MP.appid],
      ["func_scope", "33"],
    ]);
    expect(without18.status).toBe(303);
  });
});
