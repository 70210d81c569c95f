/**
 * A third-party platform's side of the sandbox, for tests: an authorization-event URL that records
 * what WeChat pushes to it (and checks and opens it as the product must), and the component calls.
 */
import { createHash } from "node:crypto";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { eq } from "drizzle-orm";

import { MESSAGES } from "@/lib/i18n/messages";
import { type MessageCryptoKeys, decryptMessage, sealMessage } from "@/lib/wechat/message-crypto";
import {
  type PlatformEvent,
  encryptedPayloadOf,
  eventXml,
  parsePlatformEvent,
} from "@/lib/wechat/platform-events";
import type { AccountSeed, PlatformSeed } from "@/sandbox/types";
import type { CurrentOperator } from "@/server/auth/session";
import type { Database } from "@/server/db";
import type { DatabaseHandle } from "@/server/db/client";
import { operators } from "@/server/db/schema";
import { createOperatorIfAbsent } from "@/server/operators";
import { type EventHandling, handlePlatformEvent } from "@/server/platform/handle-event";
import type { RequestContext, RequestMessages } from "@/server/request-context";

import type { SandboxHarness, WeChatAnswer } from "./sandbox-client";
import { clientFor, testBox } from "./wechat";

export const PLATFORM = {
  component_appid: "wx9999aaaabbbbcccc",
  component_appsecret: "99999999aaaaaaaabbbbbbbbcccccccc",
  token: "platformToken42",
  encodingAesKey: "ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkj",
} as const satisfies PlatformSeed;

/** A Mini Program managed only through a platform: WeChat's defaults throughout. */
export const MERCHANT_MP = {
  appid: "wx6666666666666666",
  secret: "66666666666666666666666666666666",
  kind: "miniprogram",
  name: "商户小程序",
} as const;

export const MERCHANT_OA = {
  appid: "wx7777777777777777",
  secret: "77777777777777777777777777777777",
  kind: "officialaccount" as const,
  name: "商户服务号",
  linkedMiniPrograms: [MERCHANT_MP.appid],
} satisfies AccountSeed;

export interface ReceivedPush {
  query: URLSearchParams;
  body: string;
}

/** What a receiver found in a push once it checked both signatures and decrypted it. */
export function openPush(
  push: ReceivedPush,
  platform: Pick<PlatformSeed, "token" | "encodingAesKey" | "component_appid"> = PLATFORM,
): {
  xml: string;
  event: PlatformEvent | null;
} {
  const timestamp = push.query.get("timestamp") ?? "";
  const nonce = push.query.get("nonce") ?? "";
  const plain = createHash("sha1").update([platform.token, timestamp, nonce].sort().join("")).digest("hex");
  if (push.query.get("signature") !== plain) throw new Error("the push's signature does not verify");
  const encrypted = encryptedPayloadOf(push.body);
  if (!encrypted) throw new Error("the push has no Encrypt");
  const xml = decryptMessage(
    { token: platform.token, encodingAesKey: platform.encodingAesKey, appid: platform.component_appid },
    { encrypted, timestamp, nonce, signature: push.query.get("msg_signature") ?? "" },
  );
  return { xml, event: parsePlatformEvent(xml) };
}

/** An authorization-event URL on a free port; it answers `success` unless told otherwise. */
export class EventReceiver {
  readonly pushes: ReceivedPush[] = [];
  answer = "success";

  private constructor(private readonly server: Server) {}

  static async start(): Promise<EventReceiver> {
    const server = createServer();
    const receiver = new EventReceiver(server);
    server.on("request", (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const raw = req.url ?? "/";
        receiver.pushes.push({
          query: new URLSearchParams(raw.includes("?") ? raw.slice(raw.indexOf("?") + 1) : ""),
          body: Buffer.concat(chunks).toString("utf8"),
        });
        res.writeHead(200, { "content-type": "text/plain" });
        res.end(receiver.answer);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/wechat/events`;
  }

  /** The events received so far, opened. */
  events(): PlatformEvent[] {
    return this.pushes.map((push) => openPush(push).event).filter((event) => event !== null);
  }

  /** Waits (polling) until `count` pushes have arrived. */
  async waitFor(count: number, timeoutMs = 5000): Promise<PlatformEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.pushes.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} pushes, got ${this.pushes.length}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.events();
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** POSTs to `/cgi-bin/component/<name>` with the platform's token as `component_access_token`. */
export async function componentCall(
  sandbox: SandboxHarness,
  name: string,
  token: string | null,
  body: unknown,
  tokenParam: "component_access_token" | "access_token" = "component_access_token",
): Promise<WeChatAnswer> {
  const query = token === null ? "" : `?${tokenParam}=${encodeURIComponent(token)}`;
  const response = await sandbox.raw(`/cgi-bin/component/${name}${query}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return (await response.json()) as WeChatAnswer;
}

/** Pushes a ticket through the control API and returns it. */
export async function pushTicket(sandbox: SandboxHarness, componentAppid?: string): Promise<string> {
  const response = await sandbox.control(
    "POST",
    "platform/ticket",
    componentAppid ? { component_appid: componentAppid } : {},
  );
  const answer = (await response.json()) as { ticket?: string; error?: string };
  if (!answer.ticket) throw new Error(`no ticket: ${JSON.stringify(answer)}`);
  return answer.ticket;
}

/** A component_access_token for `platform`, the way the product gets one: the latest ticket, then api_component_token. */
export async function componentToken(
  sandbox: SandboxHarness,
  platform: Pick<PlatformSeed, "component_appid" | "component_appsecret"> = PLATFORM,
): Promise<string> {
  const ticket = await pushTicket(sandbox, platform.component_appid);
  const answer = await componentCall(sandbox, "api_component_token", null, {
    component_appid: platform.component_appid,
    component_appsecret: platform.component_appsecret,
    component_verify_ticket: ticket,
  });
  if (typeof answer.component_access_token !== "string")
    throw new Error(`no token: ${JSON.stringify(answer)}`);
  return answer.component_access_token;
}

/**
 * The merchant authorizes (through the control API, as on the authorization page) and the
 * platform exchanges the code: the authorizer's tokens.
 */
export async function authorize(
  sandbox: SandboxHarness,
  componentAccessToken: string,
  appid: string,
  permissionSets: number[],
  platform: Pick<PlatformSeed, "component_appid"> = PLATFORM,
): Promise<{ accessToken: string; refreshToken: string; answer: WeChatAnswer }> {
  const response = await sandbox.control("POST", "platform/events", {
    type: "authorized",
    authorizer_appid: appid,
    component_appid: platform.component_appid,
    permissionSets,
  });
  const pushed = (await response.json()) as { auth_code?: string; error?: string };
  if (!pushed.auth_code) throw new Error(`no auth_code: ${JSON.stringify(pushed)}`);
  const answer = await componentCall(sandbox, "api_query_auth", componentAccessToken, {
    component_appid: platform.component_appid,
    authorization_code: pushed.auth_code,
  });
  const info = answer.authorization_info as {
    authorizer_access_token?: string;
    authorizer_refresh_token?: string;
  };
  if (!info?.authorizer_access_token || !info.authorizer_refresh_token)
    throw new Error(`no authorizer token: ${JSON.stringify(answer)}`);
  return { accessToken: info.authorizer_access_token, refreshToken: info.authorizer_refresh_token, answer };
}

/** The sandbox's test platform, as the product's platform settings name its values. */
export const TEST_PLATFORM = {
  componentAppid: PLATFORM.component_appid,
  secret: PLATFORM.component_appsecret,
  messageToken: PLATFORM.token,
  encodingAesKey: PLATFORM.encodingAesKey,
};

export const testKeys = (appid: string = TEST_PLATFORM.componentAppid): MessageCryptoKeys => ({
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
  const { encrypted, signature } = sealMessage(keys, eventXml(fields), at);
  const query = new URLSearchParams({ ...at, encrypt_type: "aes", msg_signature: signature });
  return { query, body: eventXml({ AppId: keys.appid, Encrypt: encrypted }), encrypted };
}

export const ticketEvent = (ticket: string, appid: string = TEST_PLATFORM.componentAppid) => ({
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

/**
 * The product's authorization-event URL over HTTP, as `app/api/wechat/platform/events/route.ts` serves it:
 * node's request turned into a web Request for `handlePlatformEvent`. Work the handler defers (after the
 * answer, in the route) runs at once here, and `settled()` waits for it.
 */
export class EventEndpoint {
  private readonly pending: Promise<void>[] = [];

  private constructor(private readonly server: Server) {}

  static async start(deps: Omit<EventHandling, "defer">): Promise<EventEndpoint> {
    const server = createServer();
    const endpoint = new EventEndpoint(server);
    const handling: EventHandling = {
      ...deps,
      defer: (task) => void endpoint.pending.push(task()),
    };
    server.on("request", (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, {
          method: req.method,
          headers: req.headers as Record<string, string>,
          body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
        });
        handlePlatformEvent(handling, request)
          .then(async (response) => {
            res.writeHead(response.status, Object.fromEntries(response.headers));
            res.end(await response.text());
          })
          .catch(() => {
            res.writeHead(500);
            res.end();
          });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return endpoint;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/wechat/platform/events`;
  }

  /** Waits for the work deferred so far (authorizations followed after WeChat's answer). */
  async settled(): Promise<void> {
    await Promise.all(this.pending.splice(0));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
