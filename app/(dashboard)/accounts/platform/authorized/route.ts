import { NextResponse } from "next/server";

import { authorizationReturnSchema } from "@/lib/schemas/platform";
import { ActionFailure } from "@/server/actions/failure";
import { authRoute } from "@/server/api/route-guard";
import { publicUrl } from "@/server/client-address";
import { completeAuthorization } from "@/server/platform/authorization-link";
import { PlatformNotReadyError, WeChatCallError } from "@/server/wechat";

/**
 * Where WeChat's authorization page sends the merchant's admin back (`?state&auth_code&expires_in`): the
 * signed-in admin who created the link completes the authorization and lands on the Accounts page, whose
 * notice says what came of it (by code, never by text taken from the address). The state is spent before
 * anything else, so a return is acted on once.
 */
export const GET = authRoute({ role: "admin" }, async (request, { context }) => {
  const query = authorizationReturnSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const back = new URL("/accounts", publicUrl());
  const outcome = (fields: Record<string, string>) => {
    for (const [name, value] of Object.entries(fields)) back.searchParams.set(name, value);
    return NextResponse.redirect(back, 303);
  };
  if (!query.success) return outcome({ authorization: "invalid" });
  try {
    const recorded = await completeAuthorization(context, {
      state: query.data.state,
      authCode: query.data.auth_code,
    });
    return outcome({ authorization: recorded.created ? "added" : "updated", account: recorded.accountId });
  } catch (error) {
    if (error instanceof ActionFailure) return outcome({ authorization: "invalid" });
    if (error instanceof PlatformNotReadyError)
      return outcome({ authorization: "failed", reason: error.reason });
    if (error instanceof WeChatCallError)
      return outcome({
        authorization: "failed",
        ...(error.errcode ? { errcode: String(error.errcode) } : {}),
      });
    throw error;
  }
});
