import "server-only";

import { inArray } from "drizzle-orm";

import { DEMO_ACCOUNTS } from "@/sandbox/fixtures/demo";

import { createAccountIfAbsent } from "../accounts";
import type { Database } from "../db";
import { operatorAccountGrants, operators, wechatAccounts } from "../db/schema";
import { createOperatorIfAbsent } from "../operators";
import type { SecretBox } from "../secret-box";

/** Demo-mode operators besides the admin; the README states these credentials. */
export const DEMO_OPERATORS = [
  { email: "operator@demo.local", name: "Demo Operator", role: "operator", password: "operator-demo-2026" },
  { email: "viewer@demo.local", name: "Demo Viewer", role: "viewer", password: "viewer-demo-2026" },
] as const;

/**
 * Demo mode: the demo operators, and the WeChat accounts of the sandbox's demo
 * fixture, given to the demo operator and viewer when they are first created.
 */
export async function seedDemo(db: Database, box: SecretBox): Promise<void> {
  const createdOperators = [];
  for (const operator of DEMO_OPERATORS) {
    if (await createOperatorIfAbsent(db, operator)) createdOperators.push(operator.email);
  }
  for (const account of DEMO_ACCOUNTS) {
    await createAccountIfAbsent(db, box, {
      appid: account.appid,
      kind: account.kind,
      name: account.name.en,
      secret: account.secret,
      linkedMiniPrograms: account.linkedMiniPrograms,
    });
  }
  if (createdOperators.length === 0) return;
  const [people, accounts] = await Promise.all([
    db.select({ id: operators.id }).from(operators).where(inArray(operators.email, createdOperators)),
    db
      .select({ id: wechatAccounts.id })
      .from(wechatAccounts)
      .where(
        inArray(
          wechatAccounts.appid,
          DEMO_ACCOUNTS.map((account) => account.appid),
        ),
      ),
  ]);
  const grants = people.flatMap((person) =>
    accounts.map((account) => ({ operatorId: person.id, accountId: account.id })),
  );
  if (grants.length > 0) await db.insert(operatorAccountGrants).values(grants).onConflictDoNothing();
}
