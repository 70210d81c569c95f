import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { MESSAGES } from "@/lib/i18n/messages";
import { ActionFailure } from "@/server/actions/failure";
import { accountViews } from "@/server/admin/accounts";
import { listActivity } from "@/server/activity/queries";
import type { CurrentOperator } from "@/server/auth/session";
import { wechatAccounts, wechatCalls, wechatPlatform } from "@/server/db/schema";
import { completeAuthorization, startAuthorization } from "@/server/platform/authorization-link";
import { savePlatformSettings } from "@/server/platform/settings";
import type { RequestContext } from "@/server/request-context";
import * as rules from "@/server/rules";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import {
  EventEndpoint,
  MERCHANT_MP,
  MERCHANT_OA,
  PLATFORM,
  TEST_PLATFORM,
  contextFor,
  createTestAdmin,
  pushOf,
  pushTicket,
  testKeys,
  ticketEvent,
} from "@/tests/support/platform";
import { SandboxHarness } from "@/tests/support/sandbox-client";
import { testBox } from "@/tests/support/wechat";

// The whole platform chain against the sandbox over HTTP, WeChat's contract throughout: the sandbox pushes
// tickets and authorization events to the product's event URL (served here over HTTP by the route's handler),
// its authorization page is driven as a browser would (GET the link, POST the form, read the redirect), and
// the rules of the authorized Mini Program are changed with authorizer tokens. A real database.
const PUBLIC_URL = "https://qr.example.com";
let sandbox: SandboxHarness;
let endpoint: EventEndpoint;
let handle: TestDatabase;
let admin: CurrentOperator;
let context: RequestContext;
const box = testBox();

const typeA = (prefix: string): rules.RuleValues => ({
  kind: "A",
  prefix,
  permitSubRule: 1,
  path: "pages/index/index",
  openVersion: 3,
  debugUrls: [`${prefix}1`],
});

async function sandboxRules(appid: string): Promise<Array<Record<string, unknown>>> {
  return (await sandbox.state()).accounts.find((account) => account.appid === appid)?.rules ?? [];
}

async function failureOf(promise: Promise<unknown>): Promise<ActionFailure["error"]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ActionFailure) return error.error;
    throw error;
  }
  throw new Error("expected a failure");
}

/** The merchant's admin on WeChat's authorization page: opens the link, picks the account and the sets. */
async function consent(linkUrl: string, appid: string, sets: number[]): Promise<URL> {
  const page = await fetch(linkUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1] ?? "";
  const hidden = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
    (match) =>
      [match[1] ?? "", (match[2] ?? "").replace(/&amp;/g, "&").replace(/&quot;/g, '"')] as [string, string],
  );
  expect(html).toContain(`value="${appid}"`);
  const form = new URLSearchParams([
    ...hidden,
    ["authorizer_appid", appid],
    ...sets.map((set) => ["func_scope", String(set)] as [string, string]),
  ]);
  const answer = await fetch(new URL(action, linkUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    redirect: "manual",
  });
  expect(answer.status).toBe(303);
  return new URL(answer.headers.get("location") ?? "");
}

async function authorizeThroughLink(appid: string, sets: number[], accounts: "miniprogram" | "both") {
  const link = await startAuthorization(context, accounts, {
    publicUrl: PUBLIC_URL,
    authPageBase: sandbox.url,
  });
  const back = await consent(link.url, appid, sets);
  expect(`${back.origin}${back.pathname}`).toBe(`${PUBLIC_URL}/accounts/platform/authorized`);
  return {
    state: back.searchParams.get("state") ?? "",
    authCode: back.searchParams.get("auth_code") ?? "",
  };
}

async function viewOf(appid: string) {
  return (await accountViews(handle.db, box)).find((account) => account.appid === appid);
}

beforeAll(async () => {
  handle = await createTestDatabase();
  admin = await createTestAdmin(handle.db);
  sandbox = await SandboxHarness.start();
  context = contextFor(handle, sandbox.url, admin);
  endpoint = await EventEndpoint.start({ db: handle.db, box, wechat: context.wechat, graceMs: 200 });
  await sandbox.reset({
    accounts: [{ ...MERCHANT_MP }, { ...MERCHANT_OA }],
    platforms: [{ ...PLATFORM, eventUrl: endpoint.url }],
  });
  await savePlatformSettings(context, TEST_PLATFORM);
});
afterAll(async () => {
  await endpoint.close();
  await sandbox.close();
  await handle.close();
});

describe("a third-party platform against the sandbox", () => {
  it("verifies and stores the ticket WeChat pushes, and refuses a forged or tampered one", async () => {
    const ticket = await pushTicket(sandbox);
    const [platform] = await handle.db.select().from(wechatPlatform);
    expect(platform?.verifyTicketSealed ? box.open(platform.verifyTicketSealed) : null).toBe(ticket);

    const forged = pushOf(ticketEvent("ticket@@@forged"), { ...testKeys(), token: "notthetoken" });
    const refused = await fetch(`${endpoint.url}?${forged.query}`, { method: "POST", body: forged.body });
    expect(refused.status).toBe(403);
    const good = pushOf(ticketEvent("ticket@@@tampered"));
    const tampered = await fetch(`${endpoint.url}?${good.query}`, {
      method: "POST",
      body: good.body.replace(
        good.encrypted,
        good.encrypted.replace(/^./, (c) => (c === "A" ? "B" : "A")),
      ),
    });
    expect(tampered.status).toBe(403);
    const [after] = await handle.db.select().from(wechatPlatform);
    expect(after?.verifyTicketSealed ? box.open(after.verifyTicketSealed) : null).toBe(ticket);
  });

  it("a merchant authorizes its Mini Program: it appears with its permission sets, and its rules work with authorizer tokens", async () => {
    const back = await authorizeThroughLink(MERCHANT_MP.appid, [18], "miniprogram");
    const recorded = await completeAuthorization(context, back);
    expect(recorded).toMatchObject({ appid: MERCHANT_MP.appid, created: true, name: MERCHANT_MP.name });
    await endpoint.settled(); // the `authorized` event WeChat pushed meanwhile reads the grant again

    const view = await viewOf(MERCHANT_MP.appid);
    expect(view).toMatchObject({
      kind: "miniprogram",
      tokenMode: "authorizer",
      secretHint: "",
      disabled: false,
      platform: { permissionSets: [18], missing: [], personal: false, verified: true, unauthorizedAt: null },
      // Checked with its authorizer token as it was authorized.
      capability: { status: "ready" },
    });
    const [row] = await handle.db
      .select()
      .from(wechatAccounts)
      .where(eq(wechatAccounts.appid, MERCHANT_MP.appid));
    expect(row?.secretSealed).toBeNull();

    // The state is spent: the same return cannot add anything again.
    expect(await failureOf(completeAuthorization(context, back))).toMatchObject({
      code: "FORBIDDEN",
      message: MESSAGES.en.actionErrors.authorizationLinkInvalid,
    });

    const id = recorded.accountId;
    const prefix = "https://merchant.example.com/r1/";
    await rules.saveRule(context, id, "add", typeA(prefix));
    expect(await sandboxRules(MERCHANT_MP.appid)).toMatchObject([{ prefix, state: 1 }]);
    await rules.publishRules(context, id, [{ prefix }]);
    expect(await sandboxRules(MERCHANT_MP.appid)).toMatchObject([{ prefix, state: 2 }]);
    const deleted = await rules.deleteRules(context, id, [{ prefix }]);
    expect(deleted.results).toEqual([{ prefix, ok: true }]);
    expect(await sandboxRules(MERCHANT_MP.appid)).toEqual([]);

    // No stable_token or /cgi-bin/token for a platform account: the token that came with the grant served.
    const operations = (
      await handle.db.select().from(wechatCalls).where(eq(wechatCalls.appid, MERCHANT_MP.appid))
    ).map((call) => call.operation);
    expect(operations).not.toContain("stable_token");
    expect(operations).not.toContain("token");
    const { rows } = await listActivity(handle.db, admin, { operation: "account.authorize" }, (key) => key);
    expect(rows.map((entry) => [entry.summary, entry.operator?.email ?? null])).toEqual([
      ["accountReauthorized", null],
      ["accountAuthorized", admin.email],
    ]);
  });

  it("keeps working after every token expired on WeChat's clock: authorizer and component tokens are renewed", async () => {
    const id = (await viewOf(MERCHANT_MP.appid))?.id ?? "";
    await sandbox.advance(7_300); // past both tokens' 2 hours; the ticket (12 hours) still stands
    const prefix = "https://merchant.example.com/after-expiry/";
    await rules.saveRule(context, id, "add", typeA(prefix));
    expect(await sandboxRules(MERCHANT_MP.appid)).toMatchObject([{ prefix }]);
    const calls = await handle.db.select().from(wechatCalls);
    const renewals = calls.filter((call) =>
      ["api_component_token", "api_authorizer_token"].includes(call.operation),
    );
    expect(renewals.map((call) => [call.operation, call.outcome])).toEqual(
      expect.arrayContaining([
        ["api_authorizer_token", "success"],
        ["api_component_token", "success"],
      ]),
    );
    expect(JSON.stringify(calls)).not.toMatch(/refreshtoken@@@|authorizer_access_token":"[^[]/);
    await rules.deleteRules(context, id, [{ prefix }]);
  });

  it("records a Service Account authorized at WeChat without the redirect, with what it lacks", async () => {
    const pushed = await sandbox.control("POST", "platform/events", {
      type: "authorized",
      authorizer_appid: MERCHANT_OA.appid,
      component_appid: PLATFORM.component_appid,
      permissionSets: [3],
    });
    expect(pushed.status).toBe(200);
    await endpoint.settled();
    expect(await viewOf(MERCHANT_OA.appid)).toMatchObject({
      kind: "officialaccount",
      tokenMode: "authorizer",
      platform: { permissionSets: [3], missing: [{ feature: "linkMiniPrograms", set: 33 }] },
    });
    // With no redirect back to check it, the pushed authorization gets its capability check all the same.
    expect((await viewOf(MERCHANT_OA.appid))?.capability).toMatchObject({ checkedAt: expect.any(String) });
  });

  it("disables the account when the merchant withdraws the authorization", async () => {
    const id = (await viewOf(MERCHANT_MP.appid))?.id ?? "";
    const pushed = await sandbox.control("POST", "platform/events", {
      type: "unauthorized",
      authorizer_appid: MERCHANT_MP.appid,
      component_appid: PLATFORM.component_appid,
    });
    expect(pushed.status).toBe(200);
    const view = await viewOf(MERCHANT_MP.appid);
    expect(view?.disabled).toBe(true);
    expect(view?.platform?.unauthorizedAt).not.toBeNull();
    expect(
      await failureOf(rules.saveRule(context, id, "add", typeA("https://merchant.example.com/late/"))),
    ).toMatchObject({ code: "NOT_FOUND" });
    const { rows } = await listActivity(handle.db, admin, { operation: "account.unauthorize" }, (key) => key);
    expect(rows).toMatchObject([{ account: { appid: MERCHANT_MP.appid }, outcome: "success" }]);

    // Authorized again through a new link, it is enabled again.
    const back = await authorizeThroughLink(MERCHANT_MP.appid, [18, 33], "both");
    expect(await completeAuthorization(context, back)).toMatchObject({ created: false, accountId: id });
    await endpoint.settled();
    expect(await viewOf(MERCHANT_MP.appid)).toMatchObject({
      disabled: false,
      platform: { permissionSets: [18, 33], unauthorizedAt: null },
    });
  });

  it("checks the capability of an account authorized only by WeChat's push, after answering success", async () => {
    const id = (await viewOf(MERCHANT_MP.appid))?.id ?? "";
    await sandbox.control("POST", "platform/events", {
      type: "unauthorized",
      authorizer_appid: MERCHANT_MP.appid,
      component_appid: PLATFORM.component_appid,
    });
    expect((await viewOf(MERCHANT_MP.appid))?.disabled).toBe(true);
    const checkedBefore = (await viewOf(MERCHANT_MP.appid))?.capability?.checkedAt ?? "";

    // The merchant authorizes in its own console: only the push tells the product, and the push is
    // answered before the product calls WeChat for the grant and the check.
    const pushed = await sandbox.control("POST", "platform/events", {
      type: "authorized",
      authorizer_appid: MERCHANT_MP.appid,
      component_appid: PLATFORM.component_appid,
      permissionSets: [18],
    });
    expect(pushed.status).toBe(200);
    expect(((await pushed.json()) as { delivery: { accepted: boolean } }).delivery.accepted).toBe(true);
    await endpoint.settled();

    const view = await viewOf(MERCHANT_MP.appid);
    expect(view).toMatchObject({ id, disabled: false, platform: { permissionSets: [18] } });
    expect(view?.capability).toMatchObject({ status: "ready", errcode: null });
    expect(Date.parse(view?.capability?.checkedAt ?? "")).toBeGreaterThan(Date.parse(checkedBefore));
    const { rows } = await listActivity(handle.db, admin, { operation: "account.check" }, (key) => key);
    expect(rows[0]).toMatchObject({
      account: { appid: MERCHANT_MP.appid },
      operator: null,
      outcome: "success",
    });
  });
});
