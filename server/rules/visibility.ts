import "server-only";

import { and, asc, eq, inArray } from "drizzle-orm";

import type { AccountView } from "@/lib/rules/contract";

import type { CurrentOperator } from "../auth/session";
import type { Database } from "../db";
import { type WeChatAccount, operatorAccountGrants, wechatAccountLinks, wechatAccounts } from "../db/schema";

/**
 * The accounts an operator may see: every enabled account for an admin, the
 * enabled accounts given to them for an operator or viewer. Every query of
 * rules and activity goes through here, so grants are enforced in one place.
 */
export async function visibleAccounts(db: Database, operator: CurrentOperator): Promise<WeChatAccount[]> {
  if (operator.role === "admin") {
    return db.select().from(wechatAccounts).where(eq(wechatAccounts.disabled, false)).orderBy(asc(wechatAccounts.name));
  }
  const rows = await db
    .select({ account: wechatAccounts })
    .from(wechatAccounts)
    .innerJoin(operatorAccountGrants, eq(operatorAccountGrants.accountId, wechatAccounts.id))
    .where(and(eq(operatorAccountGrants.operatorId, operator.id), eq(wechatAccounts.disabled, false)))
    .orderBy(asc(wechatAccounts.name));
  return rows.map((row) => row.account);
}

/** One account the operator may see, or null (unknown, disabled or not theirs). */
export async function visibleAccount(db: Database, operator: CurrentOperator, accountId: string): Promise<WeChatAccount | null> {
  if (!/^[0-9a-f-]{36}$/i.test(accountId)) return null;
  const accounts = await visibleAccounts(db, operator);
  return accounts.find((account) => account.id === accountId) ?? null;
}

export async function toViews(db: Database, accounts: WeChatAccount[]): Promise<AccountView[]> {
  if (accounts.length === 0) return [];
  const links = await db
    .select()
    .from(wechatAccountLinks)
    .where(inArray(wechatAccountLinks.accountId, accounts.map((account) => account.id)));
  const linkedAppids = [...new Set(links.map((link) => link.miniProgramAppid))];
  const named =
    linkedAppids.length > 0
      ? await db
          .select({ appid: wechatAccounts.appid, name: wechatAccounts.name })
          .from(wechatAccounts)
          .where(inArray(wechatAccounts.appid, linkedAppids))
      : [];
  const nameOf = new Map(named.map((account) => [account.appid, account.name]));
  return accounts.map((account) => ({
    id: account.id,
    appid: account.appid,
    kind: account.kind,
    name: account.name,
    linkedMiniPrograms: links
      .filter((link) => link.accountId === account.id)
      .map((link) => ({ appid: link.miniProgramAppid, name: nameOf.get(link.miniProgramAppid) ?? null }))
      .sort((a, b) => a.appid.localeCompare(b.appid)),
  }));
}

export async function accountViewOf(db: Database, account: WeChatAccount): Promise<AccountView> {
  const [view] = await toViews(db, [account]);
  if (!view) throw new Error("no view of the account");
  return view;
}
