import "server-only";

import { getDb } from "../db";
import { env } from "../env";
import { getSecretBox } from "../secrets";
import { WeChatClient } from "./client";

export type { AccountClient } from "./account-client";
export { WeChatClient } from "./client";
export { PlatformNotReadyError, WeChatCallError } from "./errors";
export type { PlatformClient } from "./platform-client";
export type { AccountCredentials, CallContext, TypeARuleInput, TypeBRuleInput } from "./types";

const globalForClient = globalThis as typeof globalThis & { __qrjumpWeChat?: Promise<WeChatClient> };

/** The product's WeChat client, against WECHAT_API_BASE. */
export function getWeChatClient(): Promise<WeChatClient> {
  globalForClient.__qrjumpWeChat ??= getDb().then(
    (db) =>
      new WeChatClient({
        db,
        box: getSecretBox(),
        baseUrl: env.WECHAT_API_BASE,
        timeoutMs: env.WECHAT_TIMEOUT_MS,
        settleMs: env.WECHAT_SETTLE_MS,
      }),
  );
  return globalForClient.__qrjumpWeChat;
}
