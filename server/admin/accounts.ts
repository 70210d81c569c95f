import "server-only";

import { asc, count, eq } from "drizzle-orm";

import type { AccountAdminView, PlatformAuthorizationView, TokenMode } from "@/lib/admin/contract";
import { missingPermissions } from "@/lib/wechat/permission-sets";

import { ActionFailure } from "../actions/failure";
import { type Transaction, changeWithActivity, newActionId } from "../activity/record";
import { actor, recordFailure } from "../activity/track";
import { warn } from "../actions/warnings";
import { getCurrentOperator } from "../auth/session";
import { type Database, getDb } from "../db";
import { credentialsOf, secretHintOf } from "../accounts";
import {
  type WeChatAccount,
  type WeChatPlatformAuthorizer,
  accountCapabilities,
  wechatAccountLinks,
  wechatAccounts,
  wechatPlatformAuthorizers,
  wechatRules,
} from "../db/schema";
import { capabilityOf, checkCapability } from "../rules/capability";
import type { SecretBox } from "../secret-box";
import { getSecretBox } from "../secrets";
import type { RequestContext } from "../request-context";
import { describeWeChatError } from "../wechat/describe-error";

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

/** What the Accounts page shows of a platform authorization. */
export function platformViewOf(
  kind: WeChatAccount["kind"],
  authorizer: WeChatPlatformAuthorizer,
): PlatformAuthorizationView {
  return {
    permissionSets: authorizer.permissionSets,
    missing: missingPermissions(kind, authorizer.permissionSets),
    personal: authorizer.principalName === "个人",
    verified: authorizer.verifyType !== null && authorizer.verifyType >= 0,
    authorizedAt: authorizer.authorizedAt.toISOString(),
    unauthorizedAt: authorizer.unauthorizedAt?.toISOString() ?? null,
  };
}

/** The accounts as the Accounts page shows them (or the one `only` names). */
export async function accountViews(
  db: Database | Transaction,
  box: SecretBox,
  only?: string,
): Promise<AccountAdminView[]> {
  const [accounts, links, mirrored, authorizers, capabilities] = await Promise.all([
    db
      .select()
      .from(wechatAccounts)
      .where(only ? eq(wechatAccounts.id, only) : undefined)
      .orderBy(asc(wechatAccounts.name)),
    db.select().from(wechatAccountLinks),
    db
      .select({ accountId: wechatRules.accountId, total: count() })
      .from(wechatRules)
      .groupBy(wechatRules.accountId),
    db.select().from(wechatPlatformAuthorizers),
    db.select().from(accountCapabilities),
  ]);
  return accounts.map((account) => {
    const authorizer = authorizers.find((row) => row.accountId === account.id);
    return {
      id: account.id,
      appid: account.appid,
      kind: account.kind,
      name: account.name,
      tokenMode: account.tokenMode === "authorizer" ? "authorizer" : directMode(account.tokenMode),
      disabled: account.disabled,
      secretHint: secretHintOf(account, box),
      platform: authorizer ? platformViewOf(account.kind, authorizer) : null,
      linkedMiniPrograms: links
        .filter((link) => link.accountId === account.id)
        .map((link) => link.miniProgramAppid)
        .sort(),
      mirroredRules: mirrored.find((row) => row.accountId === account.id)?.total ?? 0,
      createdAt: account.createdAt.toISOString(),
      capability: capabilityOf(capabilities.find((row) => row.accountId === account.id)),
    };
  });
}

/** An account's token mode when it is not `authorizer`: `component` belongs to no account. */
function directMode(mode: WeChatAccount["tokenMode"]): TokenMode {
  return mode === "classic" ? "classic" : "stable";
}

/** Every account, for the Accounts page (admins). */
export async function listAccountsForAdmin(): Promise<AccountAdminView[]> {
  const operator = await getCurrentOperator();
  if (operator?.role !== "admin") return [];
  return accountViews(await getDb(), getSecretBox());
}

async function viewOf(
  context: RequestContext,
  id: string,
  db: Database | Transaction = context.db,
): Promise<AccountAdminView> {
  const [view] = await accountViews(db, context.box, id);
  if (!view) throw new ActionFailure({ code: "NOT_FOUND", message: context.t("accountNotFound") });
  return view;
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
