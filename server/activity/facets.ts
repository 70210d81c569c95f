import "server-only";

import { asc } from "drizzle-orm";

import type { ActivityFacets } from "@/lib/activity/contract";

import { getCurrentOperator } from "../auth/session";
import { getDb } from "../db";
import { operators } from "../db/schema";
import { visibleAccounts } from "../rules/visibility";

/** The accounts and operators the activity page offers as filters. */
export async function getActivityFacets(): Promise<ActivityFacets> {
  const operator = await getCurrentOperator();
  if (!operator) return { accounts: [], operators: [] };
  const db = await getDb();
  const [accounts, people] = await Promise.all([
    visibleAccounts(db, operator),
    db.select({ id: operators.id, email: operators.email, name: operators.name }).from(operators).orderBy(asc(operators.name)),
  ]);
  return { accounts: accounts.map(({ id, appid, name }) => ({ id, appid, name })), operators: people };
}
