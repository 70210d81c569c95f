import "server-only";

import { and, count, eq, gt, sql } from "drizzle-orm";

import type { Database } from "../db";
import { loginAttempts, loginLockouts } from "../db/schema";

/** More than this many failures for one email within `WINDOW_MS` locks it. */
export const MAX_FAILURES_PER_WINDOW = 5;
export const WINDOW_MS = 60_000;
export const LOCK_MS = 15 * 60_000;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The time until which `email` is refused, or null when it may try. */
export async function lockedUntil(db: Database, email: string, now = new Date()): Promise<Date | null> {
  const [row] = await db
    .select({ lockedUntil: loginLockouts.lockedUntil })
    .from(loginLockouts)
    .where(and(eq(loginLockouts.email, email), gt(loginLockouts.lockedUntil, now)));
  return row?.lockedUntil ?? null;
}

export async function recordAttempt(
  db: Database,
  attempt: { email: string; succeeded: boolean; refused?: boolean; ip: string | null },
  now = new Date(),
): Promise<void> {
  await db.insert(loginAttempts).values({ ...attempt, createdAt: now });
  if (attempt.succeeded || attempt.refused) return;

  const [recent] = await db
    .select({ failures: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, attempt.email),
        eq(loginAttempts.succeeded, false),
        eq(loginAttempts.refused, false),
        gt(loginAttempts.createdAt, new Date(now.getTime() - WINDOW_MS)),
      ),
    );
  if ((recent?.failures ?? 0) >= MAX_FAILURES_PER_WINDOW) {
    const until = new Date(now.getTime() + LOCK_MS);
    await db
      .insert(loginLockouts)
      .values({ email: attempt.email, lockedUntil: until })
      .onConflictDoUpdate({ target: loginLockouts.email, set: { lockedUntil: sql`excluded.locked_until` } });
  }
}
