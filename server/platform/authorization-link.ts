import "server-only";

import { createHash, randomBytes } from "node:crypto";

import { and, eq, gt, isNull, lt, or, isNotNull } from "drizzle-orm";

import type { AuthorizationLink } from "@/lib/platform/contract";
import { AUTH_TYPES, type AuthTypeName } from "@/lib/schemas/platform";

import { ActionFailure } from "../actions/failure";
import { newActionId } from "../activity/record";
import { actor } from "../activity/track";
import { wechatPlatformAuthRequests } from "../db/schema";
import type { RequestContext } from "../request-context";
import { describeWeChatError } from "../wechat/describe-error";
import { type RecordedAuthorization, recordAuthorization } from "./authorizations";
import { RETURN_PATH } from "./settings";
import { checkCapability } from "../rules/capability";

/** WeChat's pre-auth codes last 1,800 s; a link is never trusted longer than that. */
const MAX_LINK_MS = 30 * 60_000;

const hashOf = (state: string) => createHash("sha256").update(state).digest("hex");

/**
 * An authorization link for a merchant's admin: a fresh pre-auth code, and a state carried by the redirect
 * back that binds it to the admin who asked (single use, as long as the code lasts), so a redirect nobody
 * here started cannot add an account. `addresses`: the dashboard's public address (the redirect back) and
 * where WeChat's authorization page is (WECHAT_AUTH_PAGE_BASE).
 */
export async function startAuthorization(
  context: RequestContext,
  accounts: AuthTypeName,
  addresses: { publicUrl: string; authPageBase: string },
): Promise<AuthorizationLink> {
  let code: { componentAppid: string; preAuthCode: string; expiresIn: number };
  try {
    code = await context.wechat
      .forPlatform({ operatorId: context.operator.id, actionId: newActionId() })
      .createPreAuthCode();
  } catch (error) {
    throw new ActionFailure(describeWeChatError(context, error));
  }
  const state = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + Math.min(code.expiresIn * 1000, MAX_LINK_MS));
  // Spent and expired links of anyone go with each new one.
  await context.db
    .delete(wechatPlatformAuthRequests)
    .where(
      or(lt(wechatPlatformAuthRequests.expiresAt, new Date()), isNotNull(wechatPlatformAuthRequests.usedAt)),
    );
  await context.db.insert(wechatPlatformAuthRequests).values({
    stateHash: hashOf(state),
    operatorId: context.operator.id,
    authType: AUTH_TYPES[accounts],
    expiresAt,
  });
  const redirectUri = `${addresses.publicUrl}${RETURN_PATH}?${new URLSearchParams({ state })}`;
  const url = `${addresses.authPageBase}/cgi-bin/componentloginpage?${new URLSearchParams({
    component_appid: code.componentAppid,
    pre_auth_code: code.preAuthCode,
    redirect_uri: redirectUri,
    auth_type: String(AUTH_TYPES[accounts]),
  })}`;
  return { url, expiresAt: expiresAt.toISOString() };
}

/**
 * The redirect back from WeChat's authorization page: the state must be one this admin was given, unused and
 * unexpired (it is spent here, before WeChat is asked anything); then the auth code is exchanged and the
 * account recorded as authorized through the platform (its activity entry says how it went).
 */
export async function completeAuthorization(
  context: RequestContext,
  input: { state: string; authCode: string },
): Promise<RecordedAuthorization> {
  const [spent] = await context.db
    .update(wechatPlatformAuthRequests)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(wechatPlatformAuthRequests.stateHash, hashOf(input.state)),
        eq(wechatPlatformAuthRequests.operatorId, context.operator.id),
        isNull(wechatPlatformAuthRequests.usedAt),
        gt(wechatPlatformAuthRequests.expiresAt, new Date()),
      ),
    )
    .returning({ stateHash: wechatPlatformAuthRequests.stateHash });
  if (!spent) throw new ActionFailure({ code: "FORBIDDEN", message: context.t("authorizationLinkInvalid") });
  // WeChat's refusal (WeChatCallError) or a platform not ready (PlatformNotReadyError) is the caller's to show.
  const recorded = await recordAuthorization(context, input.authCode, {
    operator: actor(context),
    actionId: newActionId(),
  });
  // The capability check of the merchant just authorized, so the Accounts page says at once whether its
  // rules can be managed; the authorization stands whatever it finds.
  try {
    await checkCapability(context, recorded.accountId);
  } catch (error) {
    console.warn(
      "[platform] the capability check of an authorized account did not run:",
      error instanceof Error ? error.message : error,
    );
  }
  return recorded;
}
