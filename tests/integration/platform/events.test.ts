import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { MESSAGES } from "@/lib/i18n/messages";
import { ActionFailure } from "@/server/actions/failure";
import { listActivity } from "@/server/activity/queries";
import type { CurrentOperator } from "@/server/auth/session";
import { wechatAccounts, wechatPlatform, wechatPlatformAuthorizers, wechatTokens } from "@/server/db/schema";
import { MAX_EVENT_BYTES, handlePlatformEvent } from "@/server/platform/handle-event";
import { getPlatformSettingsView, savePlatformSettings } from "@/server/platform/settings";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import {
  TEST_PLATFORM,
  contextFor,
  createTestAdmin,
  pushOf,
  testKeys,
  ticketEvent,
} from "@/tests/support/platform";
import { clientFor, testBox } from "@/tests/support/wechat";

// The endpoint's handler over a real database, with events encrypted and signed here as WeChat does
// (lib/wechat/message-crypto.ts, checked against WeChat's sample vectors). None of these events needs WeChat:
// the client points at a closed port. Console output is captured so no log line may carry the payload.
const logged: string[] = [];
for (const level of ["log", "info", "warn", "error"] as const) {
  vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
  });
}

const NOWHERE = "http://127.0.0.1:9";
let handle: TestDatabase;
let admin: CurrentOperator;
const box = testBox();

function post(push: { query: URLSearchParams; body: string }, init: RequestInit = {}): Promise<Response> {
  const request = new Request(`http://127.0.0.1/api/wechat/platform/events?${push.query}`, {
    method: "POST",
    headers: { "content-type": "text/xml" },
    body: push.body,
    ...init,
  });
  return handlePlatformEvent(
    { db: handle.db, box, wechat: clientFor(handle, NOWHERE), defer: () => undefined },
    request,
  );
}

async function storedTicket(): Promise<{ ticket: string | null; at: Date | null }> {
  const [row] = await handle.db.select().from(wechatPlatform);
  return {
    ticket: row?.verifyTicketSealed ? box.open(row.verifyTicketSealed) : null,
    at: row?.verifyTicketAt ?? null,
  };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  admin = await createTestAdmin(handle.db);
});
afterAll(async () => {
  await handle.close();
});

describe("the authorization-event endpoint", () => {
  it("refuses every push while the platform is not configured", async () => {
    const response = await post(pushOf(ticketEvent("ticket@@@early")));
    expect(response.status).toBe(403);
  });

  it("asks for every secret on the first save, on the fields left empty", async () => {
    const context = contextFor(handle, NOWHERE, admin);
    let error: unknown;
    try {
      await savePlatformSettings(context, { ...TEST_PLATFORM, secret: "", encodingAesKey: "" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ActionFailure);
    expect((error as ActionFailure).error).toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: {
        secret: [MESSAGES.en.actionErrors.platformSecretRequired],
        encodingAesKey: [MESSAGES.en.actionErrors.platformSecretRequired],
      },
    });
    expect(await handle.db.select().from(wechatPlatform)).toEqual([]);
  });

  it("saves the platform settings sealed, shows only whether each secret is set, and logs the change", async () => {
    const context = contextFor(handle, NOWHERE, admin);
    await savePlatformSettings(context, TEST_PLATFORM);
    const view = await getPlatformSettingsView(handle.db, "https://qr.example.com");
    expect(view).toMatchObject({
      componentAppid: TEST_PLATFORM.componentAppid,
      secretSet: true,
      messageTokenSet: true,
      encodingAesKeySet: true,
      ticketReceivedAt: null,
    });
    expect(view.eventUrl).toBe("https://qr.example.com/api/wechat/platform/events");
    const rows = JSON.stringify(await handle.db.select().from(wechatPlatform));
    for (const secret of [TEST_PLATFORM.secret, TEST_PLATFORM.messageToken, TEST_PLATFORM.encodingAesKey])
      expect(rows).not.toContain(secret);
    expect(JSON.stringify(view)).not.toContain(TEST_PLATFORM.secret);

    // Empty secrets keep the stored ones.
    await savePlatformSettings(context, {
      componentAppid: TEST_PLATFORM.componentAppid,
      secret: "",
      messageToken: "",
      encodingAesKey: "",
    });
    const { rows: entries } = await listActivity(
      handle.db,
      admin,
      { operation: "platform.update" },
      (key) => key,
    );
    expect(entries.map((entry) => entry.summary)).toEqual(["platformUpdated", "platformConfigured"]);
    expect(JSON.stringify(entries)).not.toContain(TEST_PLATFORM.secret);
  });

  it("stores a signed ticket sealed, with when it came, and answers success", async () => {
    const before = Date.now();
    const response = await post(pushOf(ticketEvent("ticket@@@first-ticket")));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("success");
    const stored = await storedTicket();
    expect(stored.ticket).toBe("ticket@@@first-ticket");
    expect(stored.at?.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(JSON.stringify(await handle.db.select().from(wechatPlatform))).not.toContain("first-ticket");
    expect((await getPlatformSettingsView(handle.db, "https://qr.example.com")).ticketReceivedAt).toBe(
      stored.at?.toISOString(),
    );
  });

  it("refuses unsigned, forged, tampered, misaddressed, unparsable and oversized pushes, and logs none of them", async () => {
    logged.length = 0;
    const good = pushOf(ticketEvent("ticket@@@forged-ticket"));

    const unsigned = new URLSearchParams(good.query);
    unsigned.delete("msg_signature");
    expect((await post({ ...good, query: unsigned })).status).toBe(403);

    const forged = new URLSearchParams(good.query);
    forged.set("msg_signature", "0".repeat(40));
    expect((await post({ ...good, query: forged })).status).toBe(403);

    // A ciphertext changed in transit no longer matches its signature. The first character is always changed
    // to a different one: writing a fixed "A" would leave a ciphertext that already begins with "A" untouched.
    const first = good.encrypted.startsWith("A") ? "B" : "A";
    const tampered = good.body.replace(good.encrypted, `${first}${good.encrypted.slice(1)}`);
    expect(tampered).not.toBe(good.body);
    expect((await post({ ...good, body: tampered })).status).toBe(403);

    // Signed with another platform's token: the signature does not verify under ours.
    const otherToken = pushOf(ticketEvent("ticket@@@forged-ticket"), { ...testKeys(), token: "someoneelse" });
    expect((await post(otherToken)).status).toBe(403);

    // Encrypted for another AppID (the envelope says so, and so does the decrypted text).
    expect(
      (await post(pushOf(ticketEvent("ticket@@@forged-ticket"), testKeys("wx9999888877776666")))).status,
    ).toBe(403);
    const inner = pushOf(ticketEvent("ticket@@@forged-ticket", "wx9999888877776666"));
    expect((await post(inner)).status).toBe(403);

    expect((await post({ ...good, body: "<xml><AppId>" })).status).toBe(400);
    expect(
      (await post(pushOf({ AppId: TEST_PLATFORM.componentAppid, InfoType: "component_verify_ticket" })))
        .status,
    ).toBe(400);
    const huge = `<xml><AppId>${TEST_PLATFORM.componentAppid}</AppId><Encrypt>${"A".repeat(MAX_EVENT_BYTES)}</Encrypt></xml>`;
    expect((await post({ ...good, body: huge })).status).toBe(413);

    expect((await storedTicket()).ticket).toBe("ticket@@@first-ticket");
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) {
      expect(line).not.toContain("forged-ticket");
      expect(line).not.toContain(good.encrypted.slice(0, 24));
    }
  });

  it("disables an account whose merchant withdrew the authorization, and logs it", async () => {
    const [account] = await handle.db
      .insert(wechatAccounts)
      .values({
        appid: "wx1111222233334444",
        kind: "miniprogram",
        name: "Merchant shop",
        tokenMode: "authorizer",
      })
      .returning();
    if (!account) throw new Error("no account");
    await handle.db.insert(wechatPlatformAuthorizers).values({
      accountId: account.id,
      componentAppid: TEST_PLATFORM.componentAppid,
      refreshTokenSealed: box.seal("refreshtoken@@@merchant"),
      permissionSets: [18],
    });
    await handle.db.insert(wechatTokens).values({
      appid: account.appid,
      mode: "authorizer",
      tokenSealed: box.seal("authorizer-token"),
      expiresAt: new Date(Date.now() + 7_200_000),
      fetchedAt: new Date(),
    });

    const event = {
      AppId: TEST_PLATFORM.componentAppid,
      CreateTime: Math.floor(Date.now() / 1000),
      InfoType: "unauthorized",
      AuthorizerAppid: account.appid,
    };
    const response = await post(pushOf(event));
    expect(await response.text()).toBe("success");

    const [after] = await handle.db.select().from(wechatAccounts).where(eq(wechatAccounts.id, account.id));
    expect(after?.disabled).toBe(true);
    const [authorizer] = await handle.db.select().from(wechatPlatformAuthorizers);
    expect(authorizer?.unauthorizedAt).not.toBeNull();
    expect(await handle.db.select().from(wechatTokens).where(eq(wechatTokens.appid, account.appid))).toEqual(
      [],
    );
    const { rows } = await listActivity(handle.db, admin, { operation: "account.unauthorize" }, (key) => key);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ operator: null, account: { appid: account.appid }, outcome: "success" });

    // The same push again changes nothing and logs nothing more.
    expect((await post(pushOf(event))).status).toBe(200);
    expect(
      (await listActivity(handle.db, admin, { operation: "account.unauthorize" }, (key) => key)).rows,
    ).toHaveLength(1);
  });

  it("acknowledges an event it has no use for", async () => {
    const response = await post(
      pushOf({ AppId: TEST_PLATFORM.componentAppid, CreateTime: 1, InfoType: "notify_third_fasteregister" }),
    );
    expect(await response.text()).toBe("success");
  });
});
