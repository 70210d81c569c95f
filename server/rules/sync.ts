import "server-only";

import { and, eq, isNull, lt, or } from "drizzle-orm";

import type { Database } from "../db";
import { wechatRuleSyncs, wechatRules } from "../db/schema";
import { type AccountClient, WeChatCallError } from "../wechat";
import { SYNC_LEASE_MS, dropOtherTargets, factsOfListed, recordQuota, replaceTarget } from "./mirror";

/** A mirror older than this is refreshed in the background when the table is opened. */
export const MIRROR_MAX_AGE_MS = 5 * 60_000;

export interface SyncTarget {
  accountId: string;
  kind: "miniprogram" | "officialaccount";
  appid: string;
  /** Service Account: the Mini Programs its rules may open. */
  linkedMiniPrograms: string[];
}

/** Takes the account's sync lease; false when another sync (in any instance) holds a live one. */
async function takeLease(db: Database, accountId: string, now: Date): Promise<boolean> {
  await db.insert(wechatRuleSyncs).values({ accountId }).onConflictDoNothing();
  const taken = await db
    .update(wechatRuleSyncs)
    .set({ startedAt: now })
    .where(
      and(
        eq(wechatRuleSyncs.accountId, accountId),
        or(
          isNull(wechatRuleSyncs.startedAt),
          lt(wechatRuleSyncs.startedAt, new Date(now.getTime() - SYNC_LEASE_MS)),
        ),
      ),
    )
    .returning({ accountId: wechatRuleSyncs.accountId });
  return taken.length > 0;
}

/**
 * One target's listing, trusted only when it is plausible: one that would drop more than half of
 * the rules mirrored for the target is read again, and applied only if the second read lists the
 * same rules. A short or truncated answer must not empty the table.
 */
async function agreedListing<T extends { rule_list: Array<{ prefix: string }> }>(
  db: Database,
  accountId: string,
  targetAppid: string,
  read: () => Promise<T>,
): Promise<T> {
  const first = await read();
  const mirrored = await db
    .select({ prefix: wechatRules.prefix })
    .from(wechatRules)
    .where(and(eq(wechatRules.accountId, accountId), eq(wechatRules.targetAppid, targetAppid)));
  const listed = new Set(first.rule_list.map((rule) => rule.prefix));
  const dropped = mirrored.filter((rule) => !listed.has(rule.prefix)).length;
  if (dropped * 2 <= mirrored.length) return first;
  const second = await read();
  const again = new Set(second.rule_list.map((rule) => rule.prefix));
  if (again.size === listed.size && [...again].every((prefix) => listed.has(prefix))) return second;
  throw new WeChatCallError("get", {
    kind: "malformed",
    message: `WeChat listed ${listed.size} of the ${mirrored.length} mirrored rules of ${targetAppid}, then ${again.size} on a second read: the mirror was left as it was`,
  });
}

/**
 * Reads every rule of the account from WeChat into the mirror, with the
 * publishes left and the feature switch. One sync per account at a time
 * across instances; returns false when one was already running.
 */
export async function syncAccount(db: Database, client: AccountClient, target: SyncTarget): Promise<boolean> {
  const startedAt = new Date();
  if (!(await takeLease(db, target.accountId, startedAt))) return false;
  try {
    if (target.kind === "miniprogram") {
      const list = await agreedListing(db, target.accountId, target.appid, () => client.listTypeA());
      const rules = list.rule_list.map((rule) => factsOfListed(target.appid, rule));
      await replaceTarget(db, target.accountId, target.appid, rules, startedAt);
      await dropOtherTargets(db, target.accountId, [target.appid]);
      await finish(db, target.accountId, {
        featureOpen: list.qrcodejump_open === 1,
        publishQuota: list.qrcodejump_pub_quota,
      });
    } else {
      let quota: { featureOpen: boolean; publishQuota: number } | null = null;
      for (const miniProgram of target.linkedMiniPrograms) {
        const list = await agreedListing(db, target.accountId, miniProgram, () =>
          client.listAllTypeB(miniProgram),
        );
        quota = { featureOpen: list.qrcodejump_open === 1, publishQuota: list.qrcodejump_pub_quota };
        const rules = list.rule_list.map((rule) => factsOfListed(miniProgram, rule));
        await replaceTarget(db, target.accountId, miniProgram, rules, startedAt);
      }
      await dropOtherTargets(db, target.accountId, target.linkedMiniPrograms);
      await finish(db, target.accountId, quota ?? {});
    }
    return true;
  } catch (error) {
    const code = error instanceof WeChatCallError ? error.errcode : null;
    const message = error instanceof Error ? error.message : String(error);
    await db
      .update(wechatRuleSyncs)
      .set({ startedAt: null, errorCode: code, errorMessage: message, failedAt: new Date() })
      .where(eq(wechatRuleSyncs.accountId, target.accountId));
    throw error;
  }
}

async function finish(
  db: Database,
  accountId: string,
  facts: { featureOpen?: boolean; publishQuota?: number },
) {
  await recordQuota(db, accountId, facts);
  await db
    .update(wechatRuleSyncs)
    .set({ startedAt: null, syncedAt: new Date(), errorCode: null, errorMessage: null })
    .where(eq(wechatRuleSyncs.accountId, accountId));
}

/** After a failed sync, the background waits this long before trying again (the Sync button does not). */
export const RETRY_AFTER_FAILURE_MS = 60_000;

/** Whether the mirror should be refreshed in the background: never synced, or older than MIRROR_MAX_AGE_MS. */
export async function isStale(db: Database, accountId: string): Promise<boolean> {
  const [sync] = await db.select().from(wechatRuleSyncs).where(eq(wechatRuleSyncs.accountId, accountId));
  if (sync?.failedAt && Date.now() - sync.failedAt.getTime() < RETRY_AFTER_FAILURE_MS) return false;
  if (!sync?.syncedAt) return true;
  return Date.now() - sync.syncedAt.getTime() > MIRROR_MAX_AGE_MS;
}
