import "server-only";

import { type MessageCryptoFailure, MessageCryptoError, decryptMessage } from "@/lib/wechat/message-crypto";
import {
  EVENT_ACCEPTED,
  type PlatformEvent,
  PlatformMessageError,
  parseEnvelope,
  readPlatformEvent,
} from "@/lib/wechat/platform-events";

import { newActionId } from "../activity/record";
import { checkCapabilityInBackground } from "../rules/capability";
import {
  type PlatformDeps,
  authorizedAccountId,
  recordAuthorization,
  recordUnauthorization,
  refreshAuthorizer,
} from "./authorizations";
import { messageKeys, storeVerifyTicket } from "./settings";

/** WeChat's pushes are a few hundred bytes; anything much larger is not one. */
export const MAX_EVENT_BYTES = 16 * 1024;

/**
 * How long an `authorized` event waits before acting on its authorization code: the admin's redirect back
 * usually records the same authorization at the same moment, and a code is spent once.
 */
export const AUTHORIZATION_GRACE_MS = 3_000;

export interface EventHandling extends PlatformDeps {
  /** Runs work after WeChat has its answer (WeChat wants one within 5 s): `after()` in the route. */
  defer: (task: () => Promise<void>) => void;
  graceMs?: number;
}

type Refusal = { status: 400 | 403 | 413; reason: string };

const CRYPTO_STATUS: Record<MessageCryptoFailure, Refusal> = {
  "bad-key": { status: 403, reason: "the stored EncodingAESKey is not usable" },
  "bad-signature": { status: 403, reason: "bad signature" },
  "bad-ciphertext": { status: 400, reason: "undecryptable" },
  "wrong-appid": { status: 403, reason: "addressed to another AppID" },
};

function refuse({ status, reason }: Refusal): Response {
  // Only the kind of refusal is logged: never the body, the query or anything decrypted.
  console.warn(`[platform] authorization event refused (${status}): ${reason}`);
  return new Response(status === 413 ? "too large" : "refused", {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

/** The body, up to `MAX_EVENT_BYTES`; null when it is longer. */
async function boundedBody(request: Request): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_EVENT_BYTES) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_EVENT_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

/**
 * WeChat's authorization-event URL: `POST ?timestamp&nonce&encrypt_type=aes&msg_signature` with an XML
 * envelope. The signature over token, timestamp, nonce and ciphertext is checked, the event decrypted with
 * the EncodingAESKey and parsed; anything unsigned, tampered, for another AppID or unparsable is refused
 * (400/403) before it is acted on. A ticket is stored at once; an authorization is recorded after the answer
 * (it calls WeChat); an unauthorization disables the account. WeChat is answered `success`, or it pushes
 * again.
 */
export async function handlePlatformEvent(deps: EventHandling, request: Request): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const timestamp = query.get("timestamp");
  const nonce = query.get("nonce");
  const signature = query.get("msg_signature");
  if (!timestamp || !nonce || !signature) return refuse({ status: 403, reason: "unsigned" });
  const encryptType = query.get("encrypt_type");
  if (encryptType !== null && encryptType !== "aes") return refuse({ status: 400, reason: "not encrypted" });

  const body = await boundedBody(request);
  if (body === null) return refuse({ status: 413, reason: "body too large" });

  const keys = await messageKeys(deps.db, deps.box);
  if (!keys) return refuse({ status: 403, reason: "the platform is not configured" });

  let event: ReturnType<typeof readPlatformEvent>;
  try {
    const envelope = parseEnvelope(body);
    if (envelope.appid !== keys.appid) return refuse({ status: 403, reason: "addressed to another AppID" });
    const plain = decryptMessage(keys, { encrypted: envelope.encrypted, timestamp, nonce, signature });
    event = readPlatformEvent(plain);
  } catch (error) {
    if (error instanceof MessageCryptoError) return refuse(CRYPTO_STATUS[error.failure]);
    if (error instanceof PlatformMessageError) return refuse({ status: 400, reason: error.reason });
    throw error;
  }
  if (event.AppId !== keys.appid) return refuse({ status: 403, reason: "event for another AppID" });

  if (event.InfoType !== "other") await act(deps, event);
  return new Response(EVENT_ACCEPTED, {
    status: 200,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

async function act(deps: EventHandling, event: PlatformEvent): Promise<void> {
  switch (event.InfoType) {
    case "component_verify_ticket":
      await storeVerifyTicket(deps.db, deps.box, event.AppId, event.ComponentVerifyTicket);
      return;
    case "unauthorized":
      await recordUnauthorization(deps.db, event.AuthorizerAppid, newActionId());
      return;
    case "authorized":
    case "updateauthorized":
      deps.defer(() => followAuthorization(deps, event));
      return;
  }
}

/**
 * An authorization WeChat reports. When the account's authorization stands (the admin's redirect back
 * recorded it in the meantime, or the merchant changed the grant of an account already here), what the
 * merchant granted is read again (api_get_authorizer_info); otherwise (the merchant closed the page before
 * the redirect) the event's code records it. Either way the account then gets its capability check, as an
 * account authorized through the redirect does, unless that redirect already checked it since the event came.
 * All of it runs after WeChat has its answer.
 */
async function followAuthorization(
  deps: EventHandling,
  event: Extract<PlatformEvent, { InfoType: "authorized" | "updateauthorized" }>,
): Promise<void> {
  const arrived = new Date();
  await new Promise((resolve) => setTimeout(resolve, deps.graceMs ?? AUTHORIZATION_GRACE_MS));
  const by = { operator: null, actionId: newActionId() };
  let accountId: string | null;
  try {
    accountId = await authorizedAccountId(deps.db, event.AuthorizerAppid);
    if (accountId) await refreshAuthorizer(deps, event.AuthorizerAppid, by);
    else accountId = (await recordAuthorization(deps, event.AuthorizationCode, by)).accountId;
  } catch (error) {
    // Recorded in the activity log by the operation; the server log gets the kind only.
    console.error(
      `[platform] could not follow an ${event.InfoType} event:`,
      error instanceof Error ? error.name : "failure",
    );
    return;
  }
  try {
    await checkCapabilityInBackground(deps, accountId, arrived);
  } catch (error) {
    // The authorization stands whatever the check finds; its failure is in the activity log.
    console.warn(
      "[platform] the capability check of a pushed authorization did not run:",
      error instanceof Error ? error.name : "failure",
    );
  }
}
