/**
 * Pushes to a platform's authorization-event URL as WeChat does (REFERENCE §5): the event as flat
 * XML, AES-encrypted and signed with the platform's EncodingAESKey and message token
 * (lib/wechat/message-crypto), POSTed with `signature`, `timestamp`, `nonce`, `encrypt_type=aes`
 * and `msg_signature` in the query string. Only the answer `success` counts as delivered.
 */
import { createHash, randomInt } from "node:crypto";

import { sealMessage } from "../lib/wechat/message-crypto";
import { EVENT_ACCEPTED, eventXml } from "../lib/wechat/platform-events";
import type { Platform, PushRecord, SandboxState } from "./state";

/** WeChat gives the URL about 5 seconds to answer. */
export const PUSH_TIMEOUT_MS = 5000;
const PUSH_LOG_LIMIT = 100;

/** The `signature` of the query string: SHA-1 of token, timestamp and nonce, sorted and joined. */
function urlSignature(token: string, timestamp: string, nonce: string): string {
  return createHash("sha1").update([token, timestamp, nonce].sort().join("")).digest("hex");
}

/** The body WeChat POSTs: the platform's appid beside the encrypted event. */
export function envelopeOf(platform: Platform, encrypted: string): string {
  // Pushes to the authorization-event URL carry AppId (as captured from WeChat); the generic
  // message-encryption guide names ToUserName instead. Both are given: a receiver should read
  // Encrypt alone and trust only the AppId inside it.
  return eventXml({ AppId: platform.appid, ToUserName: platform.appid, Encrypt: encrypted });
}

/** Seals `fields` for the platform and POSTs them to its event URL; the outcome is logged on the platform. */
export async function pushEvent(
  state: SandboxState,
  platform: Platform,
  fields: Record<string, string | number>,
): Promise<PushRecord> {
  const infoType = String(fields.InfoType ?? "");
  const record: PushRecord = {
    time: new Date(state.now()).toISOString(),
    infoType,
    ...(typeof fields.AuthorizerAppid === "string" ? { authorizerAppid: fields.AuthorizerAppid } : {}),
    status: null,
    accepted: false,
  };
  const url = platform.eventUrl;
  if (!url) {
    record.error = "the platform has no eventUrl";
  } else {
    const timestamp = String(Math.floor(state.now() / 1000));
    const nonce = String(randomInt(100_000_000, 2_000_000_000));
    const keys = { token: platform.token, encodingAesKey: platform.encodingAesKey, appid: platform.appid };
    const { encrypted, signature } = sealMessage(keys, eventXml(fields), { timestamp, nonce });
    const query = new URLSearchParams({
      signature: urlSignature(platform.token, timestamp, nonce),
      timestamp,
      nonce,
      encrypt_type: "aes",
      msg_signature: signature,
    });
    try {
      const response = await fetch(`${url}${url.includes("?") ? "&" : "?"}${query}`, {
        method: "POST",
        headers: { "content-type": "text/xml; charset=utf-8" },
        body: envelopeOf(platform, encrypted),
        redirect: "manual",
        signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
      });
      record.status = response.status;
      const answer = await response.text();
      record.accepted = response.status === 200 && answer === EVENT_ACCEPTED;
      if (!record.accepted)
        record.error = `answered HTTP ${response.status} ${JSON.stringify(answer.slice(0, 200))}`;
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
  }
  platform.pushes.push(record);
  if (platform.pushes.length > PUSH_LOG_LIMIT)
    platform.pushes.splice(0, platform.pushes.length - PUSH_LOG_LIMIT);
  return record;
}
