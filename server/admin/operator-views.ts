import "server-only";

import { asc, eq } from "drizzle-orm";

import type { OperatorView } from "@/lib/admin/contract";

import { ActionFailure } from "../actions/failure";
import { getCurrentOperator } from "../auth/session";
import { type Database, type Transaction, getDb } from "../db";
import { operatorAccountGrants, operators } from "../db/schema";
import type { RequestContext } from "../request-context";

async function views(db: Database | Transaction, only?: string): Promise<OperatorView[]> {
  const [people, grants] = await Promise.all([
    db
      .select()
      .from(operators)
      .where(only ? eq(operators.id, only) : undefined)
      .orderBy(asc(operators.name)),
    db.select().from(operatorAccountGrants),
  ]);
  return people.map((person) => ({
    id: person.id,
    email: person.email,
    name: person.name,
    role: person.role,
    disabled: person.disabled,
    accountIds: grants.filter((grant) => grant.operatorId === person.id).map((grant) => grant.accountId),
    createdAt: person.createdAt.toISOString(),
  }));
}

/** Every operator, for the Operators page (admins). */
export async function listOperatorsForAdmin(): Promise<OperatorView[]> {
  const operator = await getCurrentOperator();
  if (operator?.role !== "admin") return [];
  return views(await getDb());
}

export async function viewOf(
  context: RequestContext,
  id: string,
  db: Database | Transaction = context.db,
): Promise<OperatorView> {
  const [view] = await views(db, id);
  if (!view) throw new ActionFailure({ code: "NOT_FOUND", message: context.t("operatorNotFound") });
  return view;
}
