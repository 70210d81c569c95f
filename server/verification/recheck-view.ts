import "server-only";

import { and, count, eq, inArray, max, ne } from "drizzle-orm";

import type {
  AccountVerificationView,
  VerificationCheckView,
  VerificationOverview,
} from "@/lib/verification/recheck";

import { visibleAccount, visibleAccounts } from "../access/grants";
import { getCurrentOperator } from "../auth/session";
import { type Database, getDb } from "../db";
import { verificationChecks } from "../db/schema";

/** What the rules page and the activity overview show of the last rechecks (`recheck.ts`). */

const RANK = { failed: 0, warning: 1, ok: 2 } as const;

/** An account's last recheck: when, how many rules, and those needing attention (failed first, then soonest). */
export async function accountVerificationView(
  db: Database,
  accountId: string,
): Promise<AccountVerificationView> {
  const rows = await db.select().from(verificationChecks).where(eq(verificationChecks.accountId, accountId));
  const attention: VerificationCheckView[] = rows
    .filter((row) => row.outcome !== "ok")
    .sort(
      (a, b) =>
        RANK[a.outcome] - RANK[b.outcome] ||
        (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) ||
        a.prefix.localeCompare(b.prefix),
    )
    .map((row) => ({
      prefix: row.prefix,
      fileUrl: row.fileUrl,
      fileKnown: row.fileKnown,
      outcome: row.outcome,
      checkedAt: row.checkedAt.toISOString(),
      problems: row.problems,
      certNotAfter: row.certNotAfter?.toISOString() ?? null,
      daysLeft: row.daysLeft,
    }));
  const last = rows.reduce<Date | null>(
    (latest, row) => (latest && latest > row.checkedAt ? latest : row.checkedAt),
    null,
  );
  return { lastCheckedAt: last?.toISOString() ?? null, checked: rows.length, attention };
}

/** The signed-in operator's view of one account's rechecks; null when the account is not theirs. */
export async function getAccountVerificationView(accountId: string): Promise<AccountVerificationView | null> {
  const operator = await getCurrentOperator();
  if (!operator) return null;
  const db = await getDb();
  const account = await visibleAccount(db, operator, accountId);
  return account ? accountVerificationView(db, account.id) : null;
}

/** The Mini Programs the signed-in operator may see whose rules need attention, by name. */
export async function getVerificationOverview(): Promise<VerificationOverview | null> {
  const operator = await getCurrentOperator();
  if (!operator) return null;
  const db = await getDb();
  const accounts = (await visibleAccounts(db, operator)).filter((account) => account.kind === "miniprogram");
  const empty: VerificationOverview = { checkedAccounts: 0, lastCheckedAt: null, accounts: [] };
  if (accounts.length === 0) return empty;
  const ids = accounts.map((account) => account.id);
  const [checked, problems] = await Promise.all([
    db
      .select({ accountId: verificationChecks.accountId, last: max(verificationChecks.checkedAt) })
      .from(verificationChecks)
      .where(inArray(verificationChecks.accountId, ids))
      .groupBy(verificationChecks.accountId),
    db
      .select({
        accountId: verificationChecks.accountId,
        outcome: verificationChecks.outcome,
        rules: count(),
      })
      .from(verificationChecks)
      .where(and(inArray(verificationChecks.accountId, ids), ne(verificationChecks.outcome, "ok")))
      .groupBy(verificationChecks.accountId, verificationChecks.outcome),
  ]);
  const last = checked.reduce<Date | null>(
    (latest, row) => (row.last && (!latest || row.last > latest) ? row.last : latest),
    null,
  );
  return {
    checkedAccounts: checked.length,
    lastCheckedAt: last?.toISOString() ?? null,
    accounts: accounts.flatMap((account) => {
      const of = (outcome: "failed" | "warning") =>
        problems.find((row) => row.accountId === account.id && row.outcome === outcome)?.rules ?? 0;
      const failed = of("failed");
      const warning = of("warning");
      return failed + warning > 0
        ? [{ id: account.id, name: account.name, appid: account.appid, failed, warning }]
        : [];
    }),
  };
}
