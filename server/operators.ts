import "server-only";

import { count } from "drizzle-orm";

import type { Role } from "@/lib/roles";

import { hashPassword } from "./auth/password";
import { normalizeEmail } from "./auth/throttle";
import type { Database } from "./db";
import { operators } from "./db/schema";

export async function countOperators(db: Database): Promise<number> {
  const [row] = await db.select({ total: count() }).from(operators);
  return row?.total ?? 0;
}

/** Creates an operator unless one with that email exists; true when created. */
export async function createOperatorIfAbsent(
  db: Database,
  input: { email: string; name: string; role: Role; password: string },
): Promise<boolean> {
  const created = await db
    .insert(operators)
    .values({
      email: normalizeEmail(input.email),
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    })
    .onConflictDoNothing()
    .returning({ id: operators.id });
  return created.length > 0;
}
