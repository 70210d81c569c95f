import { eq } from "drizzle-orm";

import { MESSAGES } from "@/lib/i18n/messages";
import { type MessageCryptoKeys, sealMessage } from "@/lib/wechat/message-crypto";
import { xmlOf } from "@/lib/wechat/platform-events";
import type { CurrentOperator } from "@/server/auth/session";
import type { Database } from "@/server/db";
import type { DatabaseHandle } from "@/server/db/client";
import { operators } from "@/server/db/schema";
import { createOperatorIfAbsent } from "@/server/operators";
import type { RequestContext, RequestMessages } from "@/server/request-context";
import { clientFor, testBox } from "@/tests/support/wechat";

/** A third-party platform's settings for tests (made-up values of WeChat's shapes). */
export const TEST_PLATFORM = {
  componentAppid: "wx0c0a1b2c3d4e5f60",
  secret: "0c0a1b2c3d4e5f60718293a4b5c6d7e8",
  messageToken: "platformtoken2026",
  encodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
};

export const testKeys = (appid = TEST_PLATFORM.componentAppid): MessageCryptoKeys => ({
  appid,
  token: TEST_PLATFORM.messageToken,
  encodingAesKey: TEST_PLATFORM.encodingAesKey,
});

/** An event as WeChat pushes it: the query of the POST and its XML envelope, encrypted and signed. */
export function pushOf(
  fields: Record<string, string | number>,
  keys: MessageCryptoKeys = testKeys(),
  at = { timestamp: String(Math.floor(Date.now() / 1000)), nonce: "1320562132" },
): { query: URLSearchParams; body: string; encrypted: string } {
  const { encrypted, signature } = sealMessage(keys, xmlOf(fields), at);
  const query = new URLSearchParams({ ...at, encrypt_type: "aes", msg_signature: signature });
  return { query, body: xmlOf({ AppId: keys.appid, Encrypt: encrypted }), encrypted };
}

export const ticketEvent = (ticket: string, appid = TEST_PLATFORM.componentAppid) => ({
  AppId: appid,
  CreateTime: Math.floor(Date.now() / 1000),
  InfoType: "component_verify_ticket",
  ComponentVerifyTicket: ticket,
});

/** The English `actionErrors` messages, as a request context translates them. */
export const translateEn: RequestMessages = (key, values) => {
  let text: string = MESSAGES.en.actionErrors[key];
  for (const [name, value] of Object.entries(values ?? {})) text = text.replace(`{${name}}`, value);
  return text;
};

/** An admin in the test database. */
export async function createTestAdmin(db: Database, email = "root@example.com"): Promise<CurrentOperator> {
  await createOperatorIfAbsent(db, { email, name: "Root", role: "admin", password: "root-password-1" });
  const [row] = await db.select().from(operators).where(eq(operators.email, email));
  if (!row) throw new Error("no admin");
  return { id: row.id, email: row.email, name: row.name, role: "admin" };
}

/** A request context for `operator` over the test database and a client against `baseUrl`. */
export function contextFor(
  handle: DatabaseHandle,
  baseUrl: string,
  operator: CurrentOperator,
): RequestContext {
  return {
    db: handle.db,
    box: testBox(),
    wechat: clientFor(handle, baseUrl, 3_000),
    operator,
    locale: "en",
    t: translateEn,
  };
}
