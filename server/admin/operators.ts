import "server-only";

import { randomBytes } from "node:crypto";

import { and, count, eq, inArray, ne, sql } from "drizzle-orm";

import type { OperatorView, SetPasswordLink } from "@/lib/admin/contract";
import type { Role } from "@/lib/roles";

import { ActionFailure } from "../actions/failure";
import { type Transaction, changeWithActivity, newActionId } from "../activity/record";
import { actor } from "../activity/track";
import { hashPassword } from "../auth/password";
import { revokeOperatorSessions } from "../auth/sessions";
import { normalizeEmail } from "../auth/throttle";
import type { Database } from "../db";
import { operatorAccountGrants, operators, wechatAccounts } from "../db/schema";
import type { RequestContext } from "../request-context";
import { viewOf } from "./operator-views";
import { issueLink } from "./set-password-links";

export { listOperatorsForAdmin } from "./operator-views";
export { listOperatorSessions, signOutOperatorEverywhere } from "./operator-sessions";
export { SET_PASSWORD_LINK_HOURS, resetOperatorPassword, setPasswordWithToken } from "./set-password-links";

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
      summary: updateSummary(current, changes),
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

/** What an operator's update changed, in the log's words: role and accounts given, before → after. */
function updateSummary(
  before: OperatorView,
  after: { name: string; role: Role; accountIds: string[] },
): { key: string; values: Record<string, string | number> } {
  const grants = (role: Role, ids: string[]) => (role === "admin" ? 0 : new Set(ids).size);
  const values = {
    email: before.email,
    roleBefore: before.role,
    roleAfter: after.role,
    grantsBefore: grants(before.role, before.accountIds),
    grantsAfter: grants(after.role, after.accountIds),
  };
  const sameGrants =
    values.grantsBefore === values.grantsAfter &&
    new Set([...before.accountIds, ...after.accountIds]).size === new Set(after.accountIds).size;
  if (before.role !== after.role) return { key: "operatorUpdatedRole", values };
  if (!sameGrants) return { key: "operatorUpdatedGrants", values };
  return { key: "operatorUpdated", values };
}
