import "server-only";

import { eq } from "drizzle-orm";

import type { Database } from "../db";
import { type Operator, wechatAccounts } from "../db/schema";
import { newActionId, recordActivity } from "./record";

// Entries that record no change, only that something happened: a sign-in, a refused action.
// Outside a transaction, a failure to write one is logged and swallowed (the entry is all there is to lose).

/** Sign-ins go to the activity log too; the password never does. */
export async function recordSignIn(
  db: Database,
  operation: "auth.signIn" | "auth.signInFailed" | "auth.signInRefused",
  email: string,
  operator: Operator | null,
  ip: string | null,
): Promise<void> {
  await recordActivity(db, newActionId(), {
    operation,
    operator: { id: operator?.id ?? null, email, name: operator?.name ?? null },
    outcome: operation === "auth.signIn" ? "success" : "failure",
    request: { email, ip },
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A server action refused by the wrapper (role, or an account not given to the operator). */
export async function recordRefusal(
  db: Database,
  refusal: {
    operator: { id: string; email: string; name: string; role: string };
    action: string;
    reason: "role" | "account";
    accountId: string | null;
  },
): Promise<void> {
  // The account the request named, when it is one of ours: the entry is then found under it.
  const [account] =
    refusal.accountId && UUID.test(refusal.accountId)
      ? await db
          .select({ id: wechatAccounts.id, appid: wechatAccounts.appid, name: wechatAccounts.name })
          .from(wechatAccounts)
          .where(eq(wechatAccounts.id, refusal.accountId))
      : [];
  await recordActivity(db, newActionId(), {
    operation: "action.refused",
    operator: { id: refusal.operator.id, email: refusal.operator.email, name: refusal.operator.name },
    account: account ?? null,
    outcome: "failure",
    request: {
      action: refusal.action,
      reason: refusal.reason,
      accountId: refusal.accountId,
      role: refusal.operator.role,
    },
    summary: {
      key: refusal.reason === "role" ? "refusedRole" : "refusedAccount",
      values: { action: refusal.action },
    },
  });
}
