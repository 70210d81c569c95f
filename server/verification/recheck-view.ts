import "server-only";

import { type SQL, and, count, eq, inArray, max } from "drizzle-orm";

import type {
  AccountVerificationView,
  VerificationAccountState,
  VerificationCheckView,
  VerificationOverview,
} from "@/lib/verification/recheck";

import { visibleAccount, visibleAccounts } from "../access/grants";
import { type CurrentOperator, getCurrentOperator } from "../auth/session";
import { type Database, getDb } from "../db";
import { type WeChatAccount, verificationChecks, wechatRules } from "../db/schema";

/** What the rules page and the activity overview show of the last rechecks (`recheck.ts`). */

const RANK = { failed: 0, warning: 1, ok: 2 } as const;

/** The rules a recheck fetches the file of: the account's published type-A rules in the mirror. */
export function publishedTypeARules(account: Pick<WeChatAccount, "id" | "appid">): SQL {
  return and(
    eq(wechatRules.accountId, account.id),
    eq(wechatRules.targetAppid, account.appid),
    eq(wechatRules.state, 2),
  )!;
}

/**
 * An account's last recheck: when, how many rules, those needing attention (failed first, then soonest),
 * and how many published rules the next one will fetch.
 */
export async function accountVerificationView(
  db: Database,
  account: Pick<WeChatAccount, "id" | "appid">,
): Promise<AccountVerificationView> {
  const [rows, [published]] = await Promise.all([
    db.select().from(verificationChecks).where(eq(verificationChecks.accountId, account.id)),
    db.select({ rules: count() }).from(wechatRules).where(publishedTypeARules(account)),
  ]);
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
  return {
    lastCheckedAt: last?.toISOString() ?? null,
    checked: rows.length,
    published: published?.rules ?? 0,
    attention,
  };
}

/** The signed-in operator's view of one account's rechecks; null when the account is not theirs. */
export async function getAccountVerificationView(accountId: string): Promise<AccountVerificationView | null> {
  const operator = await getCurrentOperator();
  if (!operator) return null;
  const db = await getDb();
  const account = await visibleAccount(db, operator, accountId);
  return account ? accountVerificationView(db, account) : null;
}

/** Every Mini Program the operator may see, by name, with its last recheck and its rules not ok then. */
export async function verificationOverview(
  db: Database,
  operator: CurrentOperator,
): Promise<VerificationOverview> {
  const accounts = (await visibleAccounts(db, operator)).filter((account) => account.kind === "miniprogram");
  if (accounts.length === 0) return { accounts: [] };
  const rows = await db
    .select({
      accountId: verificationChecks.accountId,
      outcome: verificationChecks.outcome,
      rules: count(),
      last: max(verificationChecks.checkedAt),
    })
    .from(verificationChecks)
    .where(
      inArray(
        verificationChecks.accountId,
        accounts.map((account) => account.id),
      ),
    )
    .groupBy(verificationChecks.accountId, verificationChecks.outcome);
  return {
    accounts: accounts.map((account): VerificationAccountState => {
      const own = rows.filter((row) => row.accountId === account.id);
      const of = (outcome: "failed" | "warning") => own.find((row) => row.outcome === outcome)?.rules ?? 0;
      const last = own.reduce<Date | null>(
        (latest, row) => (row.last && (!latest || row.last > latest) ? row.last : latest),
        null,
      );
      return {
        id: account.id,
        name: account.name,
        appid: account.appid,
        checked: own.reduce((sum, row) => sum + row.rules, 0),
        lastCheckedAt: last?.toISOString() ?? null,
        failed: of("failed"),
        warning: of("warning"),
      };
    }),
  };
}

/** The signed-in operator's overview of the last rechecks. */
export async function getVerificationOverview(): Promise<VerificationOverview | null> {
  const operator = await getCurrentOperator();
  if (!operator) return null;
  return verificationOverview(await getDb(), operator);
}
