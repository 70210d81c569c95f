import "server-only";

import { and, eq, notInArray, sql } from "drizzle-orm";

import { type RecheckOutcome, type RecheckVerdict, recheckChange } from "@/lib/verification/recheck";

import { type ActivityActor, newActionId, recordActivity } from "../activity/record";
import type { Database } from "../db";
import { type WeChatAccount, verificationChecks } from "../db/schema";

/** One rule's recheck, to store. */
export interface RuleCheck {
  prefix: string;
  fileUrl: string;
  fileKnown: boolean;
  verdict: RecheckVerdict;
}

const CHUNK = 500;

/**
 * Stores an account's recheck: upserts each rule's row, deletes the rows of rules no longer published (or
 * gone), and appends an activity entry for each rule that turned warning or failed, or recovered, in one
 * transaction. The account's lock makes two rechecks of one account (the schedule and the button) take
 * turns, so each change of outcome is recorded once. Returns the number of entries written.
 */
export async function storeRecheck(
  db: Database,
  account: WeChatAccount,
  checks: RuleCheck[],
  asker: ActivityActor | null,
  checkedAt: Date,
): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`qrjump-recheck:${account.id}`}))`);
    const before = new Map<string, RecheckOutcome>(
      (
        await tx
          .select({ prefix: verificationChecks.prefix, outcome: verificationChecks.outcome })
          .from(verificationChecks)
          .where(eq(verificationChecks.accountId, account.id))
      ).map((row) => [row.prefix, row.outcome]),
    );

    const prefixes = checks.map((check) => check.prefix);
    await tx
      .delete(verificationChecks)
      .where(
        and(
          eq(verificationChecks.accountId, account.id),
          prefixes.length > 0 ? notInArray(verificationChecks.prefix, prefixes) : undefined,
        ),
      );
    for (let start = 0; start < checks.length; start += CHUNK) {
      const rows = checks.slice(start, start + CHUNK).map((check) => ({
        accountId: account.id,
        prefix: check.prefix,
        fileUrl: check.fileUrl,
        fileKnown: check.fileKnown,
        checkedAt,
        outcome: check.verdict.outcome,
        problems: check.verdict.problems,
        certNotAfter: check.verdict.certNotAfter === null ? null : new Date(check.verdict.certNotAfter),
        daysLeft: check.verdict.daysLeft,
      }));
      await tx
        .insert(verificationChecks)
        .values(rows)
        .onConflictDoUpdate({
          target: [verificationChecks.accountId, verificationChecks.prefix],
          set: {
            fileUrl: sql`excluded.file_url`,
            fileKnown: sql`excluded.file_known`,
            checkedAt: sql`excluded.checked_at`,
            outcome: sql`excluded.outcome`,
            problems: sql`excluded.problems`,
            certNotAfter: sql`excluded.cert_not_after`,
            daysLeft: sql`excluded.days_left`,
          },
        });
    }

    const changed = checks.flatMap((check) => {
      const change = recheckChange(before.get(check.prefix) ?? null, check.verdict.outcome);
      return change ? [{ check, change, previous: before.get(check.prefix) ?? null }] : [];
    });
    // The rules one recheck found changed are one batch in the log.
    const batch = changed.length > 1 ? { batchId: newActionId(), batchSize: changed.length } : {};
    for (const { check, change, previous } of changed) {
      const { outcome, problems, daysLeft, certNotAfter } = check.verdict;
      await recordActivity(tx, newActionId(), {
        operation: "verification.recheck",
        operator: asker,
        account: { id: account.id, appid: account.appid, name: account.name },
        prefix: check.prefix,
        targetAppid: account.appid,
        // A rule that stopped passing cleanly is a failed check; a recovery, a successful one.
        outcome: change === "problem" ? "failure" : "success",
        ...batch,
        summary:
          change === "recovered"
            ? { key: "verificationRecovered", values: { url: check.fileUrl } }
            : outcome === "warning"
              ? { key: "verificationCertExpiring", values: { url: check.fileUrl, days: daysLeft ?? 0 } }
              : { key: "verificationFailing", values: { url: check.fileUrl } },
        result: {
          previous,
          outcome,
          fileUrl: check.fileUrl,
          fileKnown: check.fileKnown,
          problems: problems.map((problem) => problem.code),
          certNotAfter,
          daysLeft,
          ...(asker ? {} : { background: true }),
        },
      });
    }
    return changed.length;
  });
}
