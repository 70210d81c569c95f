import "server-only";

import { and, eq, isNull } from "drizzle-orm";

import { grantedSets } from "@/lib/wechat/permission-sets";
import type { AuthorizerInfoAnswer as AuthorizerInfo, QueryAuthAnswer } from "@/lib/wechat/types";

import {
  type ActivityActor,
  type ActivityFacts,
  changeWithActivity,
  recordAfterWeChat,
} from "../activity/record";
import type { Database, Transaction } from "../db";
import { wechatAccounts, wechatPlatformAuthorizers, wechatTokens } from "../db/schema";
import type { SecretBox } from "../secret-box";
import type { WeChatClient } from "../wechat";
import { WeChatCallError } from "../wechat/errors";

/** What the platform's operations need of the server: the database, the secret box, the WeChat client. */
export interface PlatformDeps {
  db: Database;
  box: SecretBox;
  wechat: WeChatClient;
}

/** Who an authorization is recorded for: the admin who came back with it, or WeChat's event (no one). */
export interface AuthorizationActor {
  operator: ActivityActor | null;
  actionId: string;
}

export interface RecordedAuthorization {
  accountId: string;
  appid: string;
  name: string;
  created: boolean;
}

const ACCOUNT_KIND = (info: AuthorizerInfo) =>
  info.authorizer_info.MiniProgramInfo ? ("miniprogram" as const) : ("officialaccount" as const);

/**
 * What a merchant granted with `authCode` (api_query_auth), and who the merchant is
 * (api_get_authorizer_info): the account is created, or updated, as authorized through the platform, enabled,
 * with its refresh token sealed and the permission sets it granted. An account that had its own AppSecret
 * here is switched to the platform's tokens, and its AppSecret forgotten. The authorizer_access_token that
 * came with the grant is cached, so the first rule operation needs no api_authorizer_token.
 */
export async function recordAuthorization(
  deps: PlatformDeps,
  authCode: string,
  by: AuthorizationActor,
): Promise<RecordedAuthorization> {
  const platform = deps.wechat.forPlatform({ operatorId: by.operator?.id ?? null, actionId: by.actionId });
  const started = performance.now();
  let granted: QueryAuthAnswer["authorization_info"];
  let info: AuthorizerInfo;
  const fetchedAt = new Date();
  try {
    granted = await platform.queryAuth(authCode);
    info = await platform.authorizerInfo(granted.authorizer_appid);
  } catch (error) {
    await recordPlatformFailure(deps.db, by, error, performance.now() - started);
    throw error;
  }
  const componentAppid = await deps.wechat.tokens.componentAppid();
  const appid = granted.authorizer_appid;
  const permissionSets = grantedSets(granted.func_info);

  return changeWithActivity(
    deps.db,
    by.actionId,
    async (tx) => {
      const [existing] = await tx.select().from(wechatAccounts).where(eq(wechatAccounts.appid, appid));
      let accountId: string;
      let name: string;
      if (existing) {
        await tx
          .update(wechatAccounts)
          .set({ tokenMode: "authorizer", secretSealed: null, disabled: false })
          .where(eq(wechatAccounts.id, existing.id));
        accountId = existing.id;
        name = existing.name;
      } else {
        const [created] = await tx
          .insert(wechatAccounts)
          .values({
            appid,
            kind: ACCOUNT_KIND(info),
            name: info.authorizer_info.nick_name.slice(0, 60) || appid,
            tokenMode: "authorizer",
            secretSealed: null,
          })
          .returning({ id: wechatAccounts.id, name: wechatAccounts.name });
        if (!created) throw new Error("the account was not created");
        accountId = created.id;
        name = created.name;
      }
      const authorizer = {
        accountId,
        componentAppid,
        refreshTokenSealed: deps.box.seal(granted.authorizer_refresh_token),
        permissionSets,
        ...facts(info),
        authorizedAt: new Date(),
        unauthorizedAt: null,
      };
      await tx
        .insert(wechatPlatformAuthorizers)
        .values(authorizer)
        .onConflictDoUpdate({
          target: wechatPlatformAuthorizers.accountId,
          set: { ...authorizer, accountId: undefined },
        });
      const token = {
        appid,
        mode: "authorizer" as const,
        tokenSealed: deps.box.seal(granted.authorizer_access_token),
        expiresAt: new Date(fetchedAt.getTime() + granted.expires_in * 1000),
        fetchedAt,
      };
      await tx
        .insert(wechatTokens)
        .values(token)
        .onConflictDoUpdate({ target: wechatTokens.appid, set: { ...token, appid: undefined } });
      return { accountId, appid, name, created: !existing };
    },
    (result) => ({
      operation: "account.authorize",
      operator: by.operator,
      account: { id: result.accountId, appid, name: result.name },
      outcome: "success",
      latencyMs: performance.now() - started,
      request: { authorizerAppid: appid, kind: ACCOUNT_KIND(info) },
      result: { permissionSets, created: result.created },
      summary: {
        key: result.created ? "accountAuthorized" : "accountReauthorized",
        values: { appid, sets: permissionSets.join(", ") || "—" },
      },
    }),
  );
}

/** What api_get_authorizer_info says of the account, as stored. */
function facts(info: AuthorizerInfo) {
  return {
    serviceType: info.authorizer_info.service_type_info.id,
    verifyType: info.authorizer_info.verify_type_info.id,
    principalName: info.authorizer_info.principal_name ?? null,
  };
}

/**
 * Reads again what an authorized account granted and who it is (api_get_authorizer_info), for an
 * `updateauthorized` event of an authorization recorded just before through the redirect back.
 */
export async function refreshAuthorizer(
  deps: PlatformDeps,
  appid: string,
  by: AuthorizationActor,
): Promise<void> {
  const started = performance.now();
  let info: AuthorizerInfo;
  try {
    info = await deps.wechat
      .forPlatform({ operatorId: by.operator?.id ?? null, actionId: by.actionId })
      .authorizerInfo(appid);
  } catch (error) {
    await recordPlatformFailure(deps.db, by, error, performance.now() - started);
    throw error;
  }
  const permissionSets = grantedSets(info.authorization_info.func_info);
  await changeWithActivity(
    deps.db,
    by.actionId,
    async (tx) => {
      const account = await authorizedAccount(tx, appid);
      if (!account) return null;
      await tx
        .update(wechatPlatformAuthorizers)
        .set({ permissionSets, ...facts(info) })
        .where(eq(wechatPlatformAuthorizers.accountId, account.id));
      return account;
    },
    (account) =>
      account && {
        operation: "account.authorize",
        operator: by.operator,
        account: { id: account.id, appid, name: account.name },
        outcome: "success",
        latencyMs: performance.now() - started,
        request: { authorizerAppid: appid },
        result: { permissionSets },
        summary: { key: "accountReauthorized", values: { appid, sets: permissionSets.join(", ") || "—" } },
      },
  );
}

async function authorizedAccount(tx: Transaction | Database, appid: string) {
  const [row] = await tx
    .select({ id: wechatAccounts.id, name: wechatAccounts.name })
    .from(wechatAccounts)
    .innerJoin(wechatPlatformAuthorizers, eq(wechatPlatformAuthorizers.accountId, wechatAccounts.id))
    .where(and(eq(wechatAccounts.appid, appid), isNull(wechatPlatformAuthorizers.unauthorizedAt)));
  return row ?? null;
}

/** The account `appid` is here, when its authorization through the platform stands; else null. */
export async function authorizedAccountId(db: Database, appid: string): Promise<string | null> {
  return (await authorizedAccount(db, appid))?.id ?? null;
}

/**
 * The merchant withdrew the authorization: the account is disabled (its rules here can no longer be
 * managed; nothing at WeChat is touched), its cached token dropped, and the log says so. An account the
 * workspace does not know as authorized is left alone. True when an account was disabled.
 */
export async function recordUnauthorization(db: Database, appid: string, actionId: string): Promise<boolean> {
  const account = await changeWithActivity(
    db,
    actionId,
    async (tx) => {
      const found = await authorizedAccount(tx, appid);
      if (!found) return null;
      await tx.update(wechatAccounts).set({ disabled: true }).where(eq(wechatAccounts.id, found.id));
      await tx
        .update(wechatPlatformAuthorizers)
        .set({ unauthorizedAt: new Date() })
        .where(eq(wechatPlatformAuthorizers.accountId, found.id));
      await tx.delete(wechatTokens).where(eq(wechatTokens.appid, appid));
      return found;
    },
    (found): ActivityFacts | null =>
      found && {
        operation: "account.unauthorize",
        operator: null,
        account: { id: found.id, appid, name: found.name },
        outcome: "success",
        request: { authorizerAppid: appid },
        summary: { key: "accountUnauthorized", values: { appid } },
      },
  );
  return account !== null;
}

async function recordPlatformFailure(
  db: Database,
  by: AuthorizationActor,
  error: unknown,
  latencyMs: number,
): Promise<void> {
  const wechat = error instanceof WeChatCallError ? error : null;
  await recordAfterWeChat(
    db,
    by.actionId,
    {
      operation: "account.authorize",
      operator: by.operator,
      outcome: "failure",
      errcode: wechat?.errcode ?? null,
      rid: wechat?.rid ?? null,
      latencyMs,
      result: { message: error instanceof Error ? error.message : "failed" },
      ...(by.operator ? {} : { summary: { key: "accountAuthorizeFailed" } }),
    },
    "the activity entry of a failed authorization could not be written",
  );
}
