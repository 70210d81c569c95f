import "server-only";

import { sql } from "drizzle-orm";

import type { Database } from "../db";
import { rowsOf } from "../db/rows";
import { loginAttempts } from "../db/schema";

/** More than this many failures for one email within `WINDOW_MS` locks it. */
export const MAX_FAILURES_PER_WINDOW = 5;
export const WINDOW_MS = 60_000;
export const LOCK_MS = 15 * 60_000;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A permission to verify one password: `slot` names it when it is given back after a success. */
export type Slot = { granted: true; slot: Date } | { granted: false };

const timestamp = (at: Date) => sql`${at.toISOString()}::timestamptz`;

/**
 * Takes one of the email's attempt slots before its password is verified, in
 * one UPSERT: the row lock makes the check and the count a single step, so of
 * any number of parallel attempts (on any number of instances) at most
 * `MAX_FAILURES_PER_WINDOW` within a minute are ever verified. A slot is held
 * by an attempt being checked or one that failed; a success gives it back.
 */
export async function takeSlot(db: Database, email: string, now = new Date()): Promise<Slot> {
  const cutoff = timestamp(new Date(now.getTime() - WINDOW_MS));
  const at = timestamp(now);
  const recent = sql`array(select slot from unnest(t.slots) as slot where slot > ${cutoff})`;
  const open = sql`((t.locked_until is null or t.locked_until <= ${at}) and cardinality(${recent}) < ${MAX_FAILURES_PER_WINDOW})`;
  const result = await db.execute(sql`
    insert into login_throttle as t (email, slots, granted)
    values (${email}, array[${at}], true)
    on conflict (email) do update set
      slots = case when ${open} then ${recent} || ${at} else ${recent} end,
      granted = ${open}
    returning granted`);
  const [row] = rowsOf<{ granted: boolean }>(result);
  return row?.granted ? { granted: true, slot: now } : { granted: false };
}

/** After a success: the slot no longer counts against the email. */
export async function releaseSlot(db: Database, email: string, slot: Date): Promise<void> {
  const at = timestamp(slot);
  await db.execute(sql`
    update login_throttle
    set slots = slots[:array_position(slots, ${at}) - 1] || slots[array_position(slots, ${at}) + 1:]
    where email = ${email} and array_position(slots, ${at}) is not null`);
}

/**
 * After a failure: the slot stays taken, and when the window's slots are all
 * taken the email is locked for `LOCK_MS`. Attempts still being checked count
 * too, which can only start a lock early for a burst of parallel attempts.
 */
export async function lockIfExhausted(db: Database, email: string, now = new Date()): Promise<void> {
  const cutoff = timestamp(new Date(now.getTime() - WINDOW_MS));
  await db.execute(sql`
    update login_throttle
    set locked_until = ${timestamp(new Date(now.getTime() + LOCK_MS))}
    where email = ${email}
      and cardinality(array(select slot from unnest(slots) as slot where slot > ${cutoff})) >= ${MAX_FAILURES_PER_WINDOW}
      and (locked_until is null or locked_until <= ${timestamp(now)})`);
}

/** Every attempt, kept as history (the throttle itself lives in `login_throttle`). */
export async function recordAttempt(
  db: Database,
  attempt: { email: string; succeeded: boolean; refused?: boolean; ip: string | null },
  now = new Date(),
): Promise<void> {
  await db.insert(loginAttempts).values({ ...attempt, createdAt: now });
}
