import "server-only";

import { and, asc, eq, inArray, isNotNull, or } from "drizzle-orm";

import type { ActivityFacets } from "@/lib/activity/contract";

import { type CurrentOperator, getCurrentOperator } from "../auth/session";
import { type Database, getDb } from "../db";
import { activityEntries, operators } from "../db/schema";
import { visibleAccounts } from "../access/grants";

/**
 * The accounts and operators the activity page offers as filters. Admins may
 * filter by anyone; others are offered only themselves and the operators who
 * acted on accounts they may read, so the list names nobody they cannot see.
 */
export async function activityFacetsFor(db: Database, operator: CurrentOperator): Promise<ActivityFacets> {
  const accounts = await visibleAccounts(db, operator);
  const person = { id: operators.id, email: operators.email, name: operators.name };
  let people: ActivityFacets["operators"];
  if (operator.role === "admin") {
    people = await db.select(person).from(operators).orderBy(asc(operators.name));
  } else {
    const accountIds = accounts.map((account) => account.id);
    const actedOnVisible = db
      .selectDistinct({ id: activityEntries.operatorId })
      .from(activityEntries)
      .where(
        and(
          isNotNull(activityEntries.operatorId),
          accountIds.length > 0 ? inArray(activityEntries.accountId, accountIds) : undefined,
        ),
      );
    people = await db
      .select(person)
      .from(operators)
      .where(
        accountIds.length > 0
          ? or(eq(operators.id, operator.id), inArray(operators.id, actedOnVisible))
          : eq(operators.id, operator.id),
      )
      .orderBy(asc(operators.name));
  }
  return { accounts: accounts.map(({ id, appid, name }) => ({ id, appid, name })), operators: people };
}

export async function getActivityFacets(): Promise<ActivityFacets> {
  const operator = await getCurrentOperator();
  if (!operator) return { accounts: [], operators: [] };
  return activityFacetsFor(await getDb(), operator);
}
