import "server-only";

import { and, asc, eq } from "drizzle-orm";

import type { CurrentOperator } from "../auth/session";
import type { Database } from "../db";
import { type WeChatAccount, operatorAccountGrants, wechatAccounts } from "../db/schema";

/**
 * The accounts an operator may see: every enabled account for an admin, the
 * enabled accounts given to them for an operator or viewer. Every query of
 * rules and activity goes through here, so grants are enforced in one place.
 */
export async function visibleAccounts(db: Database, operator: CurrentOperator): Promise<WeChatAccount[]> {
  if (operator.role === "admin") {
    return db
      .select()
      .from(wechatAccounts)
      .where(eq(wechatAccounts.disabled, false))
      .orderBy(asc(wechatAccounts.name));
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
export async function visibleAccount(
  db: Database,
  operator: CurrentOperator,
  accountId: string,
): Promise<WeChatAccount | null> {
  if (!/^[0-9a-f-]{36}$/i.test(accountId)) return null;
  const accounts = await visibleAccounts(db, operator);
  return accounts.find((account) => account.id === accountId) ?? null;
}
