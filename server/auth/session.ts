import "server-only";

import { eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { cache } from "react";

import type { Role } from "@/lib/roles";

import { getDb } from "../db";
import { operators } from "../db/schema";
import { auth } from "./index";
import { liveSession } from "./sessions";

export interface CurrentOperator {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The server-side session of this request (absent where no request is, as in tests). */
  sessionId?: string;
}

/**
 * The signed-in operator, read from the database on every request so that a
 * role change, a disabled account or an ended session takes effect at once,
 * not when the session cookie expires.
 */
export const getCurrentOperator = cache(async (): Promise<CurrentOperator | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id || !session.sessionId) return null;
  const db = await getDb();
  if (!(await liveSession(db, session.sessionId, id))) return null;
  const [operator] = await db
    .select({
      id: operators.id,
      email: operators.email,
      name: operators.name,
      role: operators.role,
      disabled: operators.disabled,
    })
    .from(operators)
    .where(eq(operators.id, id));
  if (!operator || operator.disabled) return null;
  return {
    id: operator.id,
    email: operator.email,
    name: operator.name,
    role: operator.role,
    sessionId: session.sessionId,
  };
});

/** For pages: the signed-in operator, or a redirect to sign-in. */
export async function requireOperator(): Promise<CurrentOperator> {
  const operator = await getCurrentOperator();
  if (!operator) redirect("/login");
  return operator;
}
