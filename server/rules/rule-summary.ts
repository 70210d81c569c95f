import "server-only";

import { and, asc, count, eq, sql } from "drizzle-orm";

import { type RuleSummary, TYPE_A_RULE_LIMIT } from "@/lib/rules/contract";

import type { Database } from "../db";
import { wechatAccountLinks, wechatRuleSyncs, wechatRules } from "../db/schema";
import { readAddBudgets } from "../wechat/add-budget";
import { readCapability } from "./capability";

/** A sync older than this is taken to have died and may be taken over. */
export const SYNC_LEASE_MS = 5 * 60_000;

/** The header figures of an account's rules page, from the mirror, the last sync, the add budget and the capability check. */
export async function readSummary(
  db: Database,
  accountId: string,
  kind: RuleSummary["kind"],
  describeError: (code: number | null, message: string) => string,
): Promise<RuleSummary> {
  const [[totals], [sync], links, capability, [withLink]] = await Promise.all([
    db
      .select({
        total: count(),
        published: sql<number>`count(*) filter (where ${wechatRules.state} = 2)`.mapWith(Number),
      })
      .from(wechatRules)
      .where(eq(wechatRules.accountId, accountId)),
    db.select().from(wechatRuleSyncs).where(eq(wechatRuleSyncs.accountId, accountId)),
    kind === "officialaccount"
      ? db
          .select({ appid: wechatAccountLinks.miniProgramAppid })
          .from(wechatAccountLinks)
          .where(eq(wechatAccountLinks.accountId, accountId))
      : Promise.resolve(null),
    readCapability(db, accountId),
    kind === "miniprogram"
      ? db
          .select({
            prefix: wechatRules.prefix,
            links: wechatRules.debugUrls,
            openVersion: wechatRules.openVersion,
          })
          .from(wechatRules)
          .where(
            and(eq(wechatRules.accountId, accountId), sql`jsonb_array_length(${wechatRules.debugUrls}) > 0`),
          )
          .orderBy(asc(wechatRules.prefix))
          .limit(1)
      : Promise.resolve([]),
  ]);
  const firstLink = withLink?.links[0];
  const syncing = Boolean(sync?.startedAt && Date.now() - sync.startedAt.getTime() < SYNC_LEASE_MS);
  return {
    kind,
    ruleCount: totals?.total ?? 0,
    publishedCount: totals?.published ?? 0,
    firstTestLink:
      withLink && firstLink
        ? {
            prefix: withLink.prefix,
            url: firstLink,
            openVersion:
              withLink.openVersion === 1 || withLink.openVersion === 2 || withLink.openVersion === 3
                ? withLink.openVersion
                : null,
          }
        : null,
    ruleLimit: kind === "miniprogram" ? TYPE_A_RULE_LIMIT : null,
    addBudgets: links ? await readAddBudgets(db, links.map((link) => link.appid).sort()) : null,
    capability,
    publishQuota: sync?.publishQuota ?? null,
    featureOpen: sync?.featureOpen ?? null,
    syncedAt: sync?.syncedAt?.toISOString() ?? null,
    syncing,
    syncError: sync?.errorMessage ? describeError(sync.errorCode, sync.errorMessage) : null,
  };
}
