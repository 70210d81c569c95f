import "server-only";

import { and, desc, eq, gt, isNull, lt, ne, or } from "drizzle-orm";

import type { Database, Transaction } from "../db";
import { operatorSessions } from "../db/schema";
import { SESSION_MAX_AGE_SECONDS } from "./config";

/** `last_seen_at` is written at most this often per session, so reading a page costs no write. */
export const LAST_SEEN_EVERY_MS = 60_000;
const USER_AGENT_MAX_LENGTH = 512;

export interface SessionRow {
  id: string;
  operatorId: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  ip: string | null;
}

/** Records a new sign-in; its id goes into the session JWT. Stale sessions of the operator are cleared on the way. */
export async function createSession(
  db: Database,
  input: { operatorId: string; userAgent: string | null; ip: string | null },
  now = new Date(),
): Promise<string> {
  const expired = new Date(now.getTime() - SESSION_MAX_AGE_SECONDS * 1000);
  await db
    .delete(operatorSessions)
    .where(
      and(
        eq(operatorSessions.operatorId, input.operatorId),
        or(lt(operatorSessions.lastSeenAt, expired), lt(operatorSessions.revokedAt, expired)),
      ),
    );
  const [row] = await db
    .insert(operatorSessions)
    .values({
      operatorId: input.operatorId,
      userAgent: input.userAgent?.slice(0, USER_AGENT_MAX_LENGTH) ?? null,
      ip: input.ip,
      createdAt: now,
      lastSeenAt: now,
    })
    .returning({ id: operatorSessions.id });
  if (!row) throw new Error("the session was not recorded");
  return row.id;
}

/**
 * The session if it belongs to the operator and was not ended; its
 * `last_seen_at` is moved on when older than a minute.
 */
export async function liveSession(
  db: Database,
  sessionId: string,
  operatorId: string,
  now = new Date(),
): Promise<SessionRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const [row] = await db
    .select()
    .from(operatorSessions)
    .where(
      and(
        eq(operatorSessions.id, sessionId),
        eq(operatorSessions.operatorId, operatorId),
        isNull(operatorSessions.revokedAt),
      ),
    );
  if (!row || now.getTime() - row.lastSeenAt.getTime() > SESSION_MAX_AGE_SECONDS * 1000) return null;
  if (now.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS) {
    await db.update(operatorSessions).set({ lastSeenAt: now }).where(eq(operatorSessions.id, row.id));
  }
  return row;
}

/** Ends one session (sign-out). */
export async function revokeSession(db: Database, sessionId: string, now = new Date()): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return;
  await db
    .update(operatorSessions)
    .set({ revokedAt: now })
    .where(and(eq(operatorSessions.id, sessionId), isNull(operatorSessions.revokedAt)));
}

/** Ends every session of an operator, or every one but `except` (the one that asked); returns how many ended. */
export async function revokeOperatorSessions(
  db: Database | Transaction,
  operatorId: string,
  options: { except?: string } = {},
  now = new Date(),
): Promise<number> {
  const ended = await db
    .update(operatorSessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(operatorSessions.operatorId, operatorId),
        isNull(operatorSessions.revokedAt),
        options.except ? ne(operatorSessions.id, options.except) : undefined,
      ),
    )
    .returning({ id: operatorSessions.id });
  return ended.length;
}

/** The operator's sessions that may still be in use, most recently seen first. */
export async function activeSessions(
  db: Database,
  operatorId: string,
  now = new Date(),
): Promise<SessionRow[]> {
  const expired = new Date(now.getTime() - SESSION_MAX_AGE_SECONDS * 1000);
  return db
    .select({
      id: operatorSessions.id,
      operatorId: operatorSessions.operatorId,
      createdAt: operatorSessions.createdAt,
      lastSeenAt: operatorSessions.lastSeenAt,
      userAgent: operatorSessions.userAgent,
      ip: operatorSessions.ip,
    })
    .from(operatorSessions)
    .where(
      and(
        eq(operatorSessions.operatorId, operatorId),
        isNull(operatorSessions.revokedAt),
        gt(operatorSessions.lastSeenAt, expired),
      ),
    )
    .orderBy(desc(operatorSessions.lastSeenAt));
}
