import "server-only";

import { asc, eq, inArray } from "drizzle-orm";

import type { Database } from "./db";
import { type WeChatAccount, wechatAccountLinks, wechatAccounts } from "./db/schema";
import type { SecretBox } from "./secret-box";
import type { AccountCredentials } from "./wechat/types";

/** An account as the dashboard may show it: never the AppSecret, only its last 4 characters. */
export interface AccountSummary {
  id: string;
  appid: string;
  kind: WeChatAccount["kind"];
  name: string;
  tokenMode: WeChatAccount["tokenMode"];
  disabled: boolean;
  secretHint: string;
  linkedMiniPrograms: string[];
}

export interface NewAccount {
  appid: string;
  kind: WeChatAccount["kind"];
  name: string;
  secret: string;
  tokenMode?: WeChatAccount["tokenMode"];
  linkedMiniPrograms?: string[];
}

/** Adds an account unless its appid exists; true when added. */
export async function createAccountIfAbsent(
  db: Database,
  box: SecretBox,
  input: NewAccount,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(wechatAccounts)
      .values({
        appid: input.appid,
        kind: input.kind,
        name: input.name,
        secretSealed: box.seal(input.secret),
        tokenMode: input.tokenMode ?? "stable",
      })
      .onConflictDoNothing()
      .returning({ id: wechatAccounts.id });
    if (!created) return false;
    const links = input.linkedMiniPrograms ?? [];
    if (links.length > 0) {
      await tx
        .insert(wechatAccountLinks)
        .values(links.map((miniProgramAppid) => ({ accountId: created.id, miniProgramAppid })));
    }
    return true;
  });
}

export async function listAccounts(db: Database, box: SecretBox): Promise<AccountSummary[]> {
  const accounts = await db.select().from(wechatAccounts).orderBy(asc(wechatAccounts.name));
  if (accounts.length === 0) return [];
  const links = await db
    .select()
    .from(wechatAccountLinks)
    .where(
      inArray(
        wechatAccountLinks.accountId,
        accounts.map((account) => account.id),
      ),
    );
  return accounts.map((account) => ({
    id: account.id,
    appid: account.appid,
    kind: account.kind,
    name: account.name,
    tokenMode: account.tokenMode,
    disabled: account.disabled,
    secretHint: secretHintOf(account, box),
    linkedMiniPrograms: links
      .filter((link) => link.accountId === account.id)
      .map((link) => link.miniProgramAppid),
  }));
}

/**
 * What the WeChat client needs to act for the account, by how its token is obtained: its AppSecret (opened
 * here and only here) or, for an account authorized through the platform, nothing but its AppID (the token
 * store reads the refresh token itself).
 */
export function credentialsOf(account: WeChatAccount, box: SecretBox): AccountCredentials {
  const { appid, kind, tokenMode } = account;
  if (tokenMode === "authorizer") return { appid, kind, tokenMode };
  if (tokenMode === "component" || account.secretSealed === null)
    throw new Error(`the account ${appid} has no AppSecret for its token mode`);
  return { appid, kind, tokenMode, secret: box.open(account.secretSealed) };
}

/** The last 4 characters of the account's AppSecret; empty for an account without one (platform). */
export function secretHintOf(account: WeChatAccount, box: SecretBox): string {
  return account.secretSealed === null ? "" : box.open(account.secretSealed).slice(-4);
}

/** The credentials of an account that is not disabled. */
export async function credentialsFor(
  db: Database,
  box: SecretBox,
  accountId: string,
): Promise<AccountCredentials | null> {
  const [account] = await db.select().from(wechatAccounts).where(eq(wechatAccounts.id, accountId));
  if (!account || account.disabled) return null;
  return credentialsOf(account, box);
}
