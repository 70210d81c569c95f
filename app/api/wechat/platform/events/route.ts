import { after } from "next/server";

import { getDb } from "@/server/db";
import { handlePlatformEvent } from "@/server/platform/handle-event";
import { getSecretBox } from "@/server/secrets";
import { getWeChatClient } from "@/server/wechat";

/**
 * The third-party platform's authorization-event URL: WeChat pushes tickets and authorization events here.
 * Public (WeChat has no session): every push is verified by its signature and decrypted before it is read.
 */
export async function POST(request: Request): Promise<Response> {
  const [db, wechat] = await Promise.all([getDb(), getWeChatClient()]);
  return handlePlatformEvent({ db, box: getSecretBox(), wechat, defer: (task) => after(task) }, request);
}
