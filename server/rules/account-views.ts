import "server-only";

import { hasRole } from "@/lib/roles";
import type { AccountView } from "@/lib/rules/contract";

import { and, eq } from "drizzle-orm";

import { visibleAccount, visibleAccounts } from "../access/grants";
import { getCurrentOperator } from "../auth/session";
import { getDb } from "../db";
import { wechatAccounts } from "../db/schema";
import { toViews } from "./account-view-of";

/** The accounts the signed-in operator may pick, for the shell's picker. */
export async function listAccountViews(): Promise<AccountView[]> {
  const operator = await getCurrentOperator();
  if (!operator) return [];
  const db = await getDb();
  return toViews(db, await visibleAccounts(db, operator));
}

/** The account as the rules page shows it, and whether the operator may change its rules. */
export async function getAccountView(
  accountId: string,
): Promise<{ account: AccountView; canEdit: boolean } | null> {
  const operator = await getCurrentOperator();
  if (!operator) return null;
  const db = await getDb();
  const account = await visibleAccount(db, operator, accountId);
  if (!account) return null;
  const [view] = await toViews(db, [account]);
  return view ? { account: view, canEdit: hasRole(operator.role, "operator") } : null;
}

/**
 * Whether an enabled account with this id exists, so a page can tell an operator "not given to you"
 * (ask an admin) from "not there". Its name is not given away.
 */
export async function accountExists(accountId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(accountId)) return false;
  const db = await getDb();
  const [row] = await db
    .select({ id: wechatAccounts.id })
    .from(wechatAccounts)
    .where(and(eq(wechatAccounts.id, accountId), eq(wechatAccounts.disabled, false)));
  return row !== undefined;
}

export { accountViewOf, toViews } from "./account-view-of";
