import "server-only";

import { eq } from "drizzle-orm";

import type { AccountAdminView, TokenMode } from "@/lib/admin/contract";

import { credentialsOf } from "../accounts";
import { ActionFailure } from "../actions/failure";
import { warn } from "../actions/warnings";
import { changeWithActivity, newActionId } from "../activity/record";
import { actor, recordFailure } from "../activity/track";
import { type WeChatAccount, wechatAccountLinks, wechatAccounts } from "../db/schema";
import type { RequestContext } from "../request-context";
import { checkCapability } from "../rules/capability";
import { describeWeChatError } from "../wechat/describe-error";
import { viewOf } from "./account-admin-views";

export { accountViews, listAccountsForAdmin, platformViewOf } from "./account-admin-views";

export interface AccountInput {
  name: string;
  appid: string;
  kind: WeChatAccount["kind"];
  secret: string;
  tokenMode: TokenMode;
  linkedMiniPrograms: string[];
}

export interface AccountChanges {
  id: string;
  name: string;
  /** Empty: keep the current AppSecret. */
  secret: string;
  /** Ignored for an account authorized through the platform, whose token mode is `authorizer`. */
  tokenMode: TokenMode;
  linkedMiniPrograms: string[];
}

/** Asks WeChat for a token with these credentials, the only proof that they are right, without ending anyone's live token. */
async function checkCredentials(
  context: RequestContext,
  credentials: Pick<AccountInput, "appid" | "kind" | "secret" | "tokenMode">,
) {
  try {
    // verify() always proves them with stable_token, whatever the account's token mode.
    await context.wechat.tokens.verify({
      appid: credentials.appid,
      kind: credentials.kind,
      secret: credentials.secret,
      tokenMode: "stable",
    });
  } catch (error) {
    throw new ActionFailure(describeWeChatError(context, error));
  }
}

/** Adds an account after WeChat accepted its credentials; the AppSecret is stored sealed. */
export async function createAccount(
  context: RequestContext,
  input: AccountInput,
): Promise<{ account: AccountAdminView }> {
  const [existing] = await context.db
    .select({ id: wechatAccounts.id })
    .from(wechatAccounts)
    .where(eq(wechatAccounts.appid, input.appid));
  if (existing) {
    const message = context.t("accountExists");
    throw new ActionFailure({ code: "CONFLICT", message, fieldErrors: { appid: [message] } });
  }
  const actionId = newActionId();
  const request = { ...input, secret: "[redacted]" };
  try {
    await checkCredentials(context, input);
  } catch (error) {
    await recordFailure(context, actionId, { operation: "account.create", request }, error);
    throw error;
  }
  const created = await changeWithActivity(
    context.db,
    actionId,
    async (tx) => {
      const [created] = await tx
        .insert(wechatAccounts)
        .values({
          appid: input.appid,
          kind: input.kind,
          name: input.name,
          secretSealed: context.box.seal(input.secret),
          tokenMode: input.tokenMode,
        })
        .returning({ id: wechatAccounts.id });
      if (!created) throw new Error("the account was not created");
      const links = input.kind === "officialaccount" ? input.linkedMiniPrograms : [];
      if (links.length > 0)
        await tx
          .insert(wechatAccountLinks)
          .values(links.map((miniProgramAppid) => ({ accountId: created.id, miniProgramAppid })));
      return { account: await viewOf(context, created.id, tx) };
    },
    ({ account }) => ({
      operation: "account.create",
      operator: actor(context),
      account: { id: account.id, appid: account.appid, name: account.name },
      outcome: "success",
      request,
    }),
  );
  return { ...created, account: await withCapabilityChecked(context, created.account) };
}

/**
 * Runs the capability check of an account just added, so the table says at once whether it can use
 * the rules. The account stands whatever the check finds; a check that could not run is left for the
 * Check button.
 */
async function withCapabilityChecked(
  context: RequestContext,
  account: AccountAdminView,
): Promise<AccountAdminView> {
  try {
    return { ...account, capability: await checkCapability(context, account.id) };
  } catch (error) {
    console.warn(
      "[accounts] the capability check of a new account did not run:",
      error instanceof Error ? error.message : error,
    );
    return account;
  }
}

/** Changes an account; a new AppSecret is checked with WeChat first. */
export async function updateAccount(
  context: RequestContext,
  changes: AccountChanges,
): Promise<{ account: AccountAdminView }> {
  const [current] = await context.db.select().from(wechatAccounts).where(eq(wechatAccounts.id, changes.id));
  if (!current) throw new ActionFailure({ code: "NOT_FOUND", message: context.t("accountNotFound") });
  const viaPlatform = current.tokenMode === "authorizer";
  if (viaPlatform && changes.secret) {
    // Its token comes through the platform: an AppSecret here would never be used.
    const message = context.t("platformAccountNoSecret");
    throw new ActionFailure({ code: "INVALID_INPUT", message, fieldErrors: { secret: [message] } });
  }
  if (!viaPlatform && (changes.secret || changes.tokenMode !== current.tokenMode)) {
    const stored = credentialsOf(current, context.box);
    await checkCredentials(context, {
      appid: current.appid,
      kind: current.kind,
      secret: changes.secret || ("secret" in stored ? stored.secret : ""),
      tokenMode: changes.tokenMode,
    });
  }
  return changeWithActivity(
    context.db,
    newActionId(),
    async (tx) => {
      await tx
        .update(wechatAccounts)
        .set({
          name: changes.name,
          ...(viaPlatform ? {} : { tokenMode: changes.tokenMode }),
          ...(changes.secret ? { secretSealed: context.box.seal(changes.secret) } : {}),
        })
        .where(eq(wechatAccounts.id, current.id));
      await tx.delete(wechatAccountLinks).where(eq(wechatAccountLinks.accountId, current.id));
      const links = current.kind === "officialaccount" ? changes.linkedMiniPrograms : [];
      if (links.length > 0)
        await tx
          .insert(wechatAccountLinks)
          .values(links.map((miniProgramAppid) => ({ accountId: current.id, miniProgramAppid })));
      return { account: await viewOf(context, current.id, tx) };
    },
    ({ account }) => ({
      operation: "account.update",
      operator: actor(context),
      account: { id: account.id, appid: account.appid, name: account.name },
      outcome: "success",
      request: {
        ...changes,
        ...(viaPlatform ? { tokenMode: "authorizer" } : {}),
        secret: changes.secret ? "[redacted]" : "(unchanged)",
      },
    }),
  );
}

export async function setAccountDisabled(
  context: RequestContext,
  id: string,
  disabled: boolean,
): Promise<{ account: AccountAdminView }> {
  return changeWithActivity(
    context.db,
    newActionId(),
    async (tx) => {
      const updated = await tx
        .update(wechatAccounts)
        .set({ disabled })
        .where(eq(wechatAccounts.id, id))
        .returning({ id: wechatAccounts.id });
      if (updated.length === 0)
        throw new ActionFailure({ code: "NOT_FOUND", message: context.t("accountNotFound") });
      return { account: await viewOf(context, id, tx) };
    },
    ({ account }) => ({
      operation: "account.update",
      operator: actor(context),
      account: { id, appid: account.appid, name: account.name },
      outcome: "success",
      request: { disabled },
    }),
  );
}

/** Forgets an account here (its rules at WeChat are not touched), with its mirror, grants and cached token. */
export async function deleteAccount(context: RequestContext, id: string): Promise<{ id: string }> {
  const account = await viewOf(context, id);
  await changeWithActivity(
    context.db,
    newActionId(),
    (tx) => tx.delete(wechatAccounts).where(eq(wechatAccounts.id, id)),
    () => ({
      operation: "account.delete",
      operator: actor(context),
      account: { id, appid: account.appid, name: account.name },
      outcome: "success",
      request: { id, appid: account.appid },
    }),
  );
  try {
    await context.wechat.tokens.forget(account.appid);
  } catch (error) {
    // The account is gone; a cached token left behind expires by itself.
    console.error(
      "[accounts] could not forget the cached token of a deleted account:",
      error instanceof Error ? error.message : error,
    );
    warn(context.t("warningTokenNotForgotten"));
  }
  return { id };
}
