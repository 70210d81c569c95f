import "server-only";

import { eq, sql } from "drizzle-orm";

import { recordSignIn } from "../activity/events";
import type { Database } from "../db";
import { type Operator, operators } from "../db/schema";
import { verifyPassword } from "./password";
import { lockIfExhausted, normalizeEmail, recordAttempt, releaseSlot, takeSlot } from "./throttle";

export type AuthenticateResult =
  { ok: true; operator: Operator } | { ok: false; reason: "invalid" | "locked" };

/**
 * Checks an email and password. Every failure looks the same to the caller
 * (`invalid`) except a lock-out, which applies to any email, known or not.
 * An attempt slot is taken before the password is verified; without one the
 * attempt is refused unverified.
 */
export async function authenticate(
  db: Database,
  input: { email: string; password: string; ip: string | null },
  now = new Date(),
): Promise<AuthenticateResult> {
  const email = normalizeEmail(input.email);
  const slot = await takeSlot(db, email, now);
  if (!slot.granted) {
    await recordAttempt(db, { email, succeeded: false, refused: true, ip: input.ip }, now);
    await recordSignIn(db, "auth.signInRefused", email, null, input.ip);
    return { ok: false, reason: "locked" };
  }

  const [operator] = await db
    .select()
    .from(operators)
    .where(eq(sql`lower(${operators.email})`, email));
  const passwordOk = await verifyPassword(operator?.passwordHash, input.password);
  const succeeded = passwordOk && operator !== undefined && !operator.disabled;

  if (succeeded) await releaseSlot(db, email, slot.slot);
  else await lockIfExhausted(db, email, now);
  await recordAttempt(db, { email, succeeded, ip: input.ip }, now);
  await recordSignIn(db, succeeded ? "auth.signIn" : "auth.signInFailed", email, operator ?? null, input.ip);
  return succeeded ? { ok: true, operator } : { ok: false, reason: "invalid" };
}
