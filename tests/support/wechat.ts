import { createSecretBox } from "@/server/secret-box";
import type { DatabaseHandle } from "@/server/db/client";
import { WeChatClient } from "@/server/wechat/client";

export const TEST_SECRETS_KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
export const testBox = () => createSecretBox(Buffer.from(TEST_SECRETS_KEY, "hex"));

/**
 * A client for tests. The settle window is short (WeChat is the sandbox on loopback, whose only slow
 * calls are the faults a test injects); tests of the settling itself pass their own.
 */
export function clientFor(
  handle: DatabaseHandle,
  baseUrl: string,
  timeoutMs = 2_000,
  settleMs = 300,
): WeChatClient {
  return new WeChatClient({ db: handle.db, box: testBox(), baseUrl, timeoutMs, settleMs });
}
