import "server-only";

import { asc, count, eq } from "drizzle-orm";

import type { AccountAdminView, PlatformAuthorizationView, TokenMode } from "@/lib/admin/contract";
import { missingPermissions } from "@/lib/wechat/permission-sets";

import { secretHintOf } from "../accounts";
import { ActionFailure } from "../actions/failure";
import { getCurrentOperator } from "../auth/session";
import { type Database, type Transaction, getDb } from "../db";
import {
  type WeChatAccount,
  type WeChatPlatformAuthorizer,
  accountCapabilities,
  wechatAccountLinks,
  wechatAccounts,
  wechatPlatformAuthorizers,
  wechatRules,
} from "../db/schema";
import type { RequestContext } from "../request-context";
import type { SecretBox } from "../secret-box";
import { getSecretBox } from "../secrets";
import { capabilityOf } from "../rules/capability";

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

export async function viewOf(
  context: RequestContext,
  id: string,
  db: Database | Transaction = context.db,
): Promise<AccountAdminView> {
  const [view] = await accountViews(db, context.box, id);
  if (!view) throw new ActionFailure({ code: "NOT_FOUND", message: context.t("accountNotFound") });
  return view;
}
