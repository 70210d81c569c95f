import "server-only";

import { createHash, randomBytes } from "node:crypto";

import { and, asc, count, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";

import type { OperatorSessionView, OperatorView, SetPasswordLink } from "@/lib/admin/contract";
import type { Role } from "@/lib/roles";

import { ActionFailure } from "../actions/failure";
import { type Transaction, changeWithActivity, newActionId } from "../activity/record";
import { actor } from "../activity/track";
import { hashPassword } from "../auth/password";
import { getCurrentOperator } from "../auth/session";
import { activeSessions, revokeOperatorSessions } from "../auth/sessions";
import { normalizeEmail } from "../auth/throttle";
import { type Database, getDb } from "../db";
import { operatorAccountGrants, operators, passwordSetTokens, wechatAccounts } from "../db/schema";
import type { RequestContext } from "../request-context";

/** How long a set-password link works. */
export const SET_PASSWORD_LINK_HOURS = 24;

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

async function viewOf(
  context: RequestContext,
  id: string,
  db: Database | Transaction = context.db,
): Promise<OperatorView> {
  const [view] = await views(db, id);
  if (!view) throw new ActionFailure({ code: "NOT_FOUND", message: context.t("operatorNotFound") });
  return view;
}

/** An account id that names no account is the admin's input to blame (the account was deleted meanwhile), not the server. */
async function checkAccountIds(
  tx: Transaction,
  context: RequestContext,
  role: Role,
  accountIds: string[],
): Promise<void> {
  const wanted = role === "admin" ? [] : [...new Set(accountIds)];
  if (wanted.length === 0) return;
  const found = await tx
    .select({ id: wechatAccounts.id })
    .from(wechatAccounts)
    .where(inArray(wechatAccounts.id, wanted));
  if (found.length === wanted.length) return;
  const message = context.t("accountIdsUnknown");
  throw new ActionFailure({ code: "INVALID_INPUT", message, fieldErrors: { accountIds: [message] } });
}

async function setGrants(
  db: Transaction,
  operatorId: string,
  role: Role,
  accountIds: string[],
): Promise<void> {
  await db.delete(operatorAccountGrants).where(eq(operatorAccountGrants.operatorId, operatorId));
  const given = role === "admin" ? [] : [...new Set(accountIds)];
  if (given.length > 0)
    await db.insert(operatorAccountGrants).values(given.map((accountId) => ({ operatorId, accountId })));
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A one-time link to set a password; earlier unused links of the operator stop working. */
async function issueLink(tx: Transaction, operatorId: string, baseUrl: string): Promise<SetPasswordLink> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SET_PASSWORD_LINK_HOURS * 3_600_000);
  await tx.delete(passwordSetTokens).where(eq(passwordSetTokens.operatorId, operatorId));
  await tx.insert(passwordSetTokens).values({ tokenHash: hashToken(token), operatorId, expiresAt });
  return {
    url: `${baseUrl.replace(/\/$/, "")}/set-password?token=${token}`,
    expiresAt: expiresAt.toISOString(),
  };
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
  context: RequestContext,
  input: OperatorInput,
  baseUrl: string,
): Promise<{ operator: OperatorView; setPasswordLink: SetPasswordLink | null }> {
  const email = normalizeEmail(input.email);
  const [existing] = await context.db
    .select({ id: operators.id })
    .from(operators)
    .where(eq(sql`lower(${operators.email})`, email));
  if (existing) {
    const message = context.t("emailExists");
    throw new ActionFailure({ code: "CONFLICT", message, fieldErrors: { email: [message] } });
  }
  // Without a password, the hash is of a random secret nobody knows: only the link can set one.
  const passwordHash = await hashPassword(input.password || randomBytes(32).toString("hex"));
  // The operator, their grants, their link and the entry: all of them, or (on any failure) none, so no half-made operator can sign in.
  return changeWithActivity(
    context.db,
    newActionId(),
    async (tx) => {
      await checkAccountIds(tx, context, input.role, input.accountIds);
      const [created] = await tx
        .insert(operators)
        .values({ email, name: input.name, role: input.role, passwordHash })
        .returning({ id: operators.id });
      if (!created) throw new Error("the operator was not created");
      await setGrants(tx, created.id, input.role, input.accountIds);
      const setPasswordLink = input.password ? null : await issueLink(tx, created.id, baseUrl);
      return { operator: await viewOf(context, created.id, tx), setPasswordLink };
    },
    () => ({
      operation: "operator.create",
      operator: actor(context),
      outcome: "success",
      request: {
        email,
        name: input.name,
        role: input.role,
        accountIds: input.accountIds,
        password: input.password ? "[set]" : "(link)",
      },
      summary: { key: "operatorCreated", values: { email, role: input.role } },
    }),
  );
}

export async function updateOperator(
  context: RequestContext,
  changes: { id: string; name: string; role: Role; accountIds: string[] },
): Promise<{ operator: OperatorView }> {
  const current = await viewOf(context, changes.id);
  if (current.role === "admin" && changes.role !== "admin") {
    if (current.id === context.operator.id)
      throw new ActionFailure({ code: "CONFLICT", message: context.t("notYourself") });
    if (!(await anotherAdmin(context.db, current.id)))
      throw new ActionFailure({ code: "CONFLICT", message: context.t("lastAdmin") });
  }
  return changeWithActivity(
    context.db,
    newActionId(),
    async (tx) => {
      await checkAccountIds(tx, context, changes.role, changes.accountIds);
      await tx
        .update(operators)
        .set({ name: changes.name, role: changes.role })
        .where(eq(operators.id, current.id));
      await setGrants(tx, current.id, changes.role, changes.accountIds);
      return { operator: await viewOf(context, current.id, tx) };
    },
    () => ({
      operation: "operator.update",
      operator: actor(context),
      outcome: "success",
      request: changes,
      summary: { key: "operatorUpdated", values: { email: current.email, role: changes.role } },
    }),
  );
}

export async function setOperatorDisabled(
  context: RequestContext,
  id: string,
  disabled: boolean,
): Promise<{ operator: OperatorView }> {
  const current = await viewOf(context, id);
  if (disabled && current.id === context.operator.id)
    throw new ActionFailure({ code: "CONFLICT", message: context.t("notYourself") });
  if (disabled && current.role === "admin" && !(await anotherAdmin(context.db, current.id))) {
    throw new ActionFailure({ code: "CONFLICT", message: context.t("lastAdmin") });
  }
  return changeWithActivity(
    context.db,
    newActionId(),
    async (tx) => {
      await tx.update(operators).set({ disabled }).where(eq(operators.id, id));
      if (disabled) await revokeOperatorSessions(tx, id);
      return { operator: await viewOf(context, id, tx) };
    },
    () => ({
      operation: "operator.update",
      operator: actor(context),
      outcome: "success",
      request: { id, disabled },
      summary: { key: disabled ? "operatorDisabled" : "operatorEnabled", values: { email: current.email } },
    }),
  );
}

export async function resetOperatorPassword(
  context: RequestContext,
  id: string,
  baseUrl: string,
): Promise<{ setPasswordLink: SetPasswordLink }> {
  const current = await viewOf(context, id);
  return changeWithActivity(
    context.db,
    newActionId(),
    async (tx) => ({ setPasswordLink: await issueLink(tx, id, baseUrl) }),
    () => ({
      operation: "operator.update",
      operator: actor(context),
      outcome: "success",
      request: { id, passwordReset: true },
      summary: { key: "operatorPasswordReset", values: { email: current.email } },
    }),
  );
}

/** The operator's sessions that may still be in use, for the Sessions dialog (admins). */
export async function listOperatorSessions(
  context: RequestContext,
  id: string,
): Promise<{ sessions: OperatorSessionView[] }> {
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
export async function signOutOperatorEverywhere(
  context: RequestContext,
  id: string,
): Promise<{ ended: number }> {
  const current = await viewOf(context, id);
  return changeWithActivity(
    context.db,
    newActionId(),
    async (tx) => ({ ended: await revokeOperatorSessions(tx, current.id) }),
    ({ ended }) => ({
      operation: "operator.update",
      operator: actor(context),
      outcome: "success",
      request: { id, signOutEverywhere: true },
      result: { ended },
      summary: { key: "operatorSignedOutEverywhere", values: { email: current.email, ended } },
    }),
  );
}

/** Sets a password with a one-time link's token; the link then stops working. Null when the token is not valid. */
export async function setPasswordWithToken(
  db: Database,
  token: string,
  password: string,
): Promise<{ email: string } | null> {
  const passwordHash = await hashPassword(password);
  return changeWithActivity(
    db,
    newActionId(),
    async (tx) => {
      const [link] = await tx
        .update(passwordSetTokens)
        .set({ usedAt: new Date() })
        .where(
          and(
            eq(passwordSetTokens.tokenHash, hashToken(token)),
            isNull(passwordSetTokens.usedAt),
            gt(passwordSetTokens.expiresAt, new Date()),
          ),
        )
        .returning({ operatorId: passwordSetTokens.operatorId });
      if (!link) return null;
      const [person] = await tx
        .update(operators)
        .set({ passwordHash })
        .where(eq(operators.id, link.operatorId))
        .returning({ id: operators.id, email: operators.email, name: operators.name });
      if (!person) return null;
      // Whoever holds a session of the old password is signed out, the link's user included.
      await revokeOperatorSessions(tx, person.id);
      return person;
    },
    (person) =>
      person && {
        operation: "operator.update",
        operator: { id: person.id, email: person.email, name: person.name },
        outcome: "success",
        summary: { key: "passwordSet", values: { email: person.email } },
      },
  ).then((person) => (person ? { email: person.email } : null));
}
