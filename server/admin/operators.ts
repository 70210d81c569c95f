import "server-only";

import { createHash, randomBytes } from "node:crypto";

import { and, asc, count, eq, gt, isNull, ne, sql } from "drizzle-orm";

import type { OperatorSessionView, OperatorView, SetPasswordLink } from "@/lib/admin/contract";
import type { Role } from "@/lib/roles";

import { ActionFailure } from "../actions/failure";
import { newActionId, recordActivity } from "../activity/record";
import { hashPassword } from "../auth/password";
import { getCurrentOperator } from "../auth/session";
import { activeSessions, revokeOperatorSessions } from "../auth/sessions";
import { normalizeEmail } from "../auth/throttle";
import { type Database, getDb } from "../db";
import { operatorAccountGrants, operators, passwordSetTokens } from "../db/schema";
import type { RulesContext } from "../rules/service";

/** How long a set-password link works. */
export const SET_PASSWORD_LINK_HOURS = 24;

async function views(db: Database, only?: string): Promise<OperatorView[]> {
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

async function viewOf(context: RulesContext, id: string): Promise<OperatorView> {
  const [view] = await views(context.db, id);
  if (!view) throw new ActionFailure({ code: "NOT_FOUND", message: context.t("operatorNotFound") });
  return view;
}

function actor(context: RulesContext) {
  return { id: context.operator.id, email: context.operator.email, name: context.operator.name };
}

async function setGrants(db: Database, operatorId: string, role: Role, accountIds: string[]): Promise<void> {
  await db.delete(operatorAccountGrants).where(eq(operatorAccountGrants.operatorId, operatorId));
  const given = role === "admin" ? [] : [...new Set(accountIds)];
  if (given.length > 0) await db.insert(operatorAccountGrants).values(given.map((accountId) => ({ operatorId, accountId })));
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A one-time link to set a password; earlier unused links of the operator stop working. */
async function issueLink(db: Database, operatorId: string, baseUrl: string): Promise<SetPasswordLink> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SET_PASSWORD_LINK_HOURS * 3_600_000);
  await db.transaction(async (tx) => {
    await tx.delete(passwordSetTokens).where(eq(passwordSetTokens.operatorId, operatorId));
    await tx.insert(passwordSetTokens).values({ tokenHash: hashToken(token), operatorId, expiresAt });
  });
  return { url: `${baseUrl.replace(/\/$/, "")}/set-password?token=${token}`, expiresAt: expiresAt.toISOString() };
}

/** Whether another active admin than `except` exists. */
async function anotherAdmin(db: Database, except: string): Promise<boolean> {
  const [row] = await db
    .select({ total: count() })
    .from(operators)
    .where(and(eq(operators.role, "admin"), eq(operators.disabled, false), ne(operators.id, except)));
  return (row?.total ?? 0) > 0;
}

export interface OperatorInput {
  email: string;
  name: string;
  role: Role;
  /** Empty: the operator sets it through a one-time link. */
  password: string;
  accountIds: string[];
}

export async function createOperator(
  context: RulesContext,
  input: OperatorInput,
  baseUrl: string,
): Promise<{ operator: OperatorView; setPasswordLink: SetPasswordLink | null }> {
  const email = normalizeEmail(input.email);
  const [existing] = await context.db.select({ id: operators.id }).from(operators).where(eq(sql`lower(${operators.email})`, email));
  if (existing) {
    const message = context.t("emailExists");
    throw new ActionFailure({ code: "CONFLICT", message, fieldErrors: { email: [message] } });
  }
  // Without a password, the hash is of a random secret nobody knows: only the link can set one.
  const passwordHash = await hashPassword(input.password || randomBytes(32).toString("hex"));
  const [created] = await context.db
    .insert(operators)
    .values({ email, name: input.name, role: input.role, passwordHash })
    .returning({ id: operators.id });
  if (!created) throw new Error("the operator was not created");
  await setGrants(context.db, created.id, input.role, input.accountIds);
  const setPasswordLink = input.password ? null : await issueLink(context.db, created.id, baseUrl);
  await recordActivity(context.db, newActionId(), {
    operation: "operator.create",
    operator: actor(context),
    outcome: "success",
    request: { email, name: input.name, role: input.role, accountIds: input.accountIds, password: input.password ? "[set]" : "(link)" },
    summary: { key: "operatorCreated", values: { email, role: input.role } },
  });
  return { operator: await viewOf(context, created.id), setPasswordLink };
}

export async function updateOperator(
  context: RulesContext,
  changes: { id: string; name: string; role: Role; accountIds: string[] },
): Promise<{ operator: OperatorView }> {
  const current = await viewOf(context, changes.id);
  if (current.role === "admin" && changes.role !== "admin") {
    if (current.id === context.operator.id) throw new ActionFailure({ code: "CONFLICT", message: context.t("notYourself") });
    if (!(await anotherAdmin(context.db, current.id))) throw new ActionFailure({ code: "CONFLICT", message: context.t("lastAdmin") });
  }
  await context.db.update(operators).set({ name: changes.name, role: changes.role }).where(eq(operators.id, current.id));
  await setGrants(context.db, current.id, changes.role, changes.accountIds);
  await recordActivity(context.db, newActionId(), {
    operation: "operator.update",
    operator: actor(context),
    outcome: "success",
    request: changes,
    summary: { key: "operatorUpdated", values: { email: current.email, role: changes.role } },
  });
  return { operator: await viewOf(context, current.id) };
}

export async function setOperatorDisabled(context: RulesContext, id: string, disabled: boolean): Promise<{ operator: OperatorView }> {
  const current = await viewOf(context, id);
  if (disabled && current.id === context.operator.id) throw new ActionFailure({ code: "CONFLICT", message: context.t("notYourself") });
  if (disabled && current.role === "admin" && !(await anotherAdmin(context.db, current.id))) {
    throw new ActionFailure({ code: "CONFLICT", message: context.t("lastAdmin") });
  }
  await context.db.update(operators).set({ disabled }).where(eq(operators.id, id));
  if (disabled) await revokeOperatorSessions(context.db, id);
  await recordActivity(context.db, newActionId(), {
    operation: "operator.update",
    operator: actor(context),
    outcome: "success",
    request: { id, disabled },
    summary: { key: disabled ? "operatorDisabled" : "operatorEnabled", values: { email: current.email } },
  });
  return { operator: await viewOf(context, id) };
}

export async function resetOperatorPassword(context: RulesContext, id: string, baseUrl: string): Promise<{ setPasswordLink: SetPasswordLink }> {
  const current = await viewOf(context, id);
  const setPasswordLink = await issueLink(context.db, id, baseUrl);
  await recordActivity(context.db, newActionId(), {
    operation: "operator.update",
    operator: actor(context),
    outcome: "success",
    request: { id, passwordReset: true },
    summary: { key: "operatorPasswordReset", values: { email: current.email } },
  });
  return { setPasswordLink };
}

/** The operator's sessions that may still be in use, for the Sessions dialog (admins). */
export async function listOperatorSessions(context: RulesContext, id: string): Promise<{ sessions: OperatorSessionView[] }> {
  const current = await viewOf(context, id);
  const sessions = await activeSessions(context.db, current.id);
  return {
    sessions: sessions.map((session) => ({
      id: session.id,
      userAgent: session.userAgent,
      ip: session.ip,
      createdAt: session.createdAt.toISOString(),
      lastSeenAt: session.lastSeenAt.toISOString(),
      current: session.id === context.operator.sessionId,
    })),
  };
}

/** Ends every session of an operator ("sign out everywhere"); they must sign in again on every device. */
export async function signOutOperatorEverywhere(context: RulesContext, id: string): Promise<{ ended: number }> {
  const current = await viewOf(context, id);
  const ended = await revokeOperatorSessions(context.db, current.id);
  await recordActivity(context.db, newActionId(), {
    operation: "operator.update",
    operator: actor(context),
    outcome: "success",
    request: { id, signOutEverywhere: true },
    result: { ended },
    summary: { key: "operatorSignedOutEverywhere", values: { email: current.email, ended } },
  });
  return { ended };
}

/** Sets a password with a one-time link's token; the link then stops working. Null when the token is not valid. */
export async function setPasswordWithToken(db: Database, token: string, password: string): Promise<{ email: string } | null> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [link] = await tx
      .update(passwordSetTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordSetTokens.tokenHash, hashToken(token)), isNull(passwordSetTokens.usedAt), gt(passwordSetTokens.expiresAt, new Date())))
      .returning({ operatorId: passwordSetTokens.operatorId });
    if (!link) return null;
    const [person] = await tx
      .update(operators)
      .set({ passwordHash })
      .where(eq(operators.id, link.operatorId))
      .returning({ id: operators.id, email: operators.email, name: operators.name });
    if (!person) return null;
    // Whoever holds a session of the old password is signed out, the link's user included.
    await revokeOperatorSessions(tx as unknown as Database, person.id);
    await recordActivity(tx as unknown as Database, newActionId(), {
      operation: "operator.update",
      operator: { id: person.id, email: person.email, name: person.name },
      outcome: "success",
      summary: { key: "passwordSet", values: { email: person.email } },
    });
    return { email: person.email };
  });
}
