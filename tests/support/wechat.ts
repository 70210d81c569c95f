import { createSecretBox } from "@/server/secret-box";
import type { DatabaseHandle } from "@/server/db/client";
import { WeChatClient } from "@/server/wechat/client";

export const TEST_SECRETS_KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
export const testBox = () => createSecretBox(Buffer.from(TEST_SECRETS_KEY, "hex"));

export function clientFor(handle: DatabaseHandle, baseUrl: string, timeoutMs = 2_000): WeChatClient {
  return new WeChatClient({ db: handle.db, box: testBox(), baseUrl, timeoutMs });
}
