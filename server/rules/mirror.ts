import "server-only";

import { type SQL, and, asc, count, desc, eq, ilike, lt, notInArray, sql } from "drizzle-orm";

import type { MirroredRule, RulePage, RuleQuery, RuleState } from "@/lib/rules/contract";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "@/lib/rules/contract";
import type { TypeARule, TypeBRule } from "@/lib/wechat/types";

import type { Database } from "../db";
import { wechatRuleSyncs, wechatRules } from "../db/schema";

export { SYNC_LEASE_MS, readSummary } from "./rule-summary";

type RuleRow = typeof wechatRules.$inferSelect;

/** What the mirror stores of one rule at WeChat. */
export interface RuleFacts {
  targetAppid: string;
  prefix: string;
  path: string;
  state: RuleState;
  permitSubRule?: 1 | 2 | null;
  openVersion?: 1 | 2 | 3 | null;
  debugUrls?: string[];
}

export function ruleId(targetAppid: string, prefix: string): string {
  return `${targetAppid}|${prefix}`;
}

/** What the mirror stores of a rule as `qrcodejumpget` lists it. */
export function factsOfListed(targetAppid: string, rule: TypeARule | TypeBRule): RuleFacts {
  const facts: RuleFacts = { targetAppid, prefix: rule.prefix, path: rule.path, state: rule.state };
  if ("permit_sub_rule" in rule) {
    facts.permitSubRule = rule.permit_sub_rule;
    facts.openVersion = rule.open_version;
    facts.debugUrls = rule.debug_url;
  }
  return facts;
}

/** A rule as the mirror holds it once it stores `facts`. */
export function mirroredOf(facts: RuleFacts): MirroredRule {
  return {
    id: ruleId(facts.targetAppid, facts.prefix),
    prefix: facts.prefix,
    path: facts.path,
    state: facts.state,
    targetAppid: facts.targetAppid,
    permitSubRule: facts.permitSubRule ?? null,
    openVersion: facts.openVersion ?? null,
    debugUrls: facts.debugUrls ?? [],
  };
}

function toMirroredRule(row: RuleRow): MirroredRule {
  return {
    id: ruleId(row.targetAppid, row.prefix),
    prefix: row.prefix,
    path: row.path,
    state: row.state === 2 ? 2 : 1,
    targetAppid: row.targetAppid,
    permitSubRule: row.permitSubRule === 1 || row.permitSubRule === 2 ? row.permitSubRule : null,
    openVersion:
      row.openVersion === 1 || row.openVersion === 2 || row.openVersion === 3 ? row.openVersion : null,
    debugUrls: row.debugUrls,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

const SORTABLE = { prefix: wechatRules.prefix, path: wechatRules.path, state: wechatRules.state } as const;

/** One page of an account's mirrored rules matching `query`, sorted and paged in the database. */
export async function readRulePage(
  db: Database,
  accountId: string,
  query: RuleQuery,
): Promise<Pick<RulePage, "rows" | "total" | "page" | "pageSize">> {
  const pageSize = Math.min(Math.max(query.pageSize ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const page = Math.max(query.page ?? 1, 1);
  const conditions: SQL[] = [eq(wechatRules.accountId, accountId)];
  if (query.q) conditions.push(ilike(wechatRules.prefix, `%${escapeLike(query.q)}%`));
  if (query.state) conditions.push(eq(wechatRules.state, query.state));
  if (query.target) conditions.push(eq(wechatRules.targetAppid, query.target));
  const where = and(...conditions);

  const column = SORTABLE[query.sort ?? "prefix"];
  const order = query.dir === "desc" ? desc(column) : asc(column);
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(wechatRules)
      .where(where)
      .orderBy(order, asc(wechatRules.prefix), asc(wechatRules.targetAppid))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(wechatRules).where(where),
  ]);
  return { rows: rows.map(toMirroredRule), total: totals?.total ?? 0, page, pageSize };
}

/** One mirrored rule, or null. */
export async function readRule(
  db: Database,
  accountId: string,
  targetAppid: string,
  prefix: string,
): Promise<MirroredRule | null> {
  const [row] = await db
    .select()
    .from(wechatRules)
    .where(
      and(
        eq(wechatRules.accountId, accountId),
        eq(wechatRules.targetAppid, targetAppid),
        eq(wechatRules.prefix, prefix),
      ),
    );
  return row ? toMirroredRule(row) : null;
}

/** Every mirrored rule of the account, in prefix order (a change set's plan reads them after a sync). */
export async function readAllRules(db: Database, accountId: string): Promise<MirroredRule[]> {
  const rows = await db
    .select()
    .from(wechatRules)
    .where(eq(wechatRules.accountId, accountId))
    .orderBy(asc(wechatRules.targetAppid), asc(wechatRules.prefix));
  return rows.map(toMirroredRule);
}

/** Mirrored rules of the account with these prefixes (any target), for bulk operations. */
export async function readRulesByPrefix(
  db: Database,
  accountId: string,
  prefix: string,
): Promise<MirroredRule[]> {
  const rows = await db
    .select()
    .from(wechatRules)
    .where(and(eq(wechatRules.accountId, accountId), eq(wechatRules.prefix, prefix)));
  return rows.map(toMirroredRule);
}

/** Writes one rule as WeChat now has it (after a change made here). */
export async function upsertRule(db: Database, accountId: string, facts: RuleFacts): Promise<MirroredRule> {
  const values = {
    accountId,
    targetAppid: facts.targetAppid,
    prefix: facts.prefix,
    path: facts.path,
    state: facts.state,
    permitSubRule: facts.permitSubRule ?? null,
    openVersion: facts.openVersion ?? null,
    debugUrls: facts.debugUrls ?? [],
    mirroredAt: new Date(),
  };
  const [row] = await db
    .insert(wechatRules)
    .values(values)
    .onConflictDoUpdate({
      target: [wechatRules.accountId, wechatRules.targetAppid, wechatRules.prefix],
      set: values,
    })
    .returning();
  if (!row) throw new Error("the mirror did not return the rule it wrote");
  return toMirroredRule(row);
}

export async function removeRule(
  db: Database,
  accountId: string,
  targetAppid: string,
  prefix: string,
): Promise<void> {
  await db
    .delete(wechatRules)
    .where(
      and(
        eq(wechatRules.accountId, accountId),
        eq(wechatRules.targetAppid, targetAppid),
        eq(wechatRules.prefix, prefix),
      ),
    );
}

export async function markPublished(
  db: Database,
  accountId: string,
  targetAppid: string,
  prefix: string,
): Promise<void> {
  await db
    .update(wechatRules)
    .set({ state: 2, mirroredAt: new Date() })
    .where(
      and(
        eq(wechatRules.accountId, accountId),
        eq(wechatRules.targetAppid, targetAppid),
        eq(wechatRules.prefix, prefix),
      ),
    );
}

export async function recordQuota(
  db: Database,
  accountId: string,
  facts: { publishQuota?: number; featureOpen?: boolean },
): Promise<void> {
  await db
    .insert(wechatRuleSyncs)
    .values({ accountId, ...facts })
    .onConflictDoUpdate({ target: wechatRuleSyncs.accountId, set: facts });
}

const INSERT_CHUNK = 500;

/**
 * Replaces the mirror of one target with what WeChat listed, in one
 * transaction. Rows written by a change made here after the sync began
 * (`mirroredAt >= startedAt`) are kept: the listing may predate them.
 */
export async function replaceTarget(
  db: Database,
  accountId: string,
  targetAppid: string,
  rules: RuleFacts[],
  startedAt: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const fresh = await tx
      .select({ prefix: wechatRules.prefix })
      .from(wechatRules)
      .where(
        and(
          eq(wechatRules.accountId, accountId),
          eq(wechatRules.targetAppid, targetAppid),
          sql`${wechatRules.mirroredAt} >= ${startedAt.toISOString()}`,
        ),
      );
    const keep = new Set(fresh.map((row) => row.prefix));
    await tx
      .delete(wechatRules)
      .where(
        and(
          eq(wechatRules.accountId, accountId),
          eq(wechatRules.targetAppid, targetAppid),
          lt(wechatRules.mirroredAt, startedAt),
        ),
      );
    const rows = rules
      .filter((rule) => !keep.has(rule.prefix))
      .map((rule) => ({
        accountId,
        targetAppid,
        prefix: rule.prefix,
        path: rule.path,
        state: rule.state,
        permitSubRule: rule.permitSubRule ?? null,
        openVersion: rule.openVersion ?? null,
        debugUrls: rule.debugUrls ?? [],
        mirroredAt: startedAt,
      }));
    for (let index = 0; index < rows.length; index += INSERT_CHUNK) {
      await tx
        .insert(wechatRules)
        .values(rows.slice(index, index + INSERT_CHUNK))
        .onConflictDoNothing();
    }
  });
}

/** Drops mirrored rules of targets the account no longer has (an unlinked Mini Program). */
export async function dropOtherTargets(db: Database, accountId: string, targets: string[]): Promise<void> {
  await db
    .delete(wechatRules)
    .where(
      and(
        eq(wechatRules.accountId, accountId),
        targets.length > 0 ? notInArray(wechatRules.targetAppid, targets) : undefined,
      ),
    );
}
