import "server-only";

import { and, eq, ne } from "drizzle-orm";

import type { MirroredRule } from "@/lib/rules/contract";
import type { RuleElsewhere } from "@/lib/changesets/plan";

import type { Database } from "../db";
import { wechatAccounts, wechatRuleSyncs, wechatRules } from "../db/schema";
import { readAllRules } from "../rules/mirror";
import type { Scope } from "../rules/open-scope";
import { syncAccount } from "../rules/sync";
import { readAddBudgets } from "../wechat/add-budget";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * WeChat's rules of the account as of now: a sync (which also refreshes the mirror), waiting for one
 * already running in any instance to end rather than trusting a mirror that may be behind.
 */
export async function readWeChatNow(db: Database, scope: Scope, waitMs = 120_000): Promise<MirroredRule[]> {
  const deadline = Date.now() + waitMs;
  while (!(await syncAccount(db, scope.client, scope.target))) {
    if (Date.now() > deadline) throw new Error("another sync of this account did not end in time");
    await sleep(500);
  }
  return readAllRules(db, scope.account.id);
}

/** What bounds a plan besides WeChat's rules: publishes left, the add budget, and rules of other Mini Programs. */
export async function planBounds(
  db: Database,
  scope: Scope,
): Promise<{
  publishesLeft: number | null;
  addBudgetLeft: Record<string, number>;
  elsewhere: RuleElsewhere[];
}> {
  const [[sync], budgets, elsewhere] = await Promise.all([
    db.select().from(wechatRuleSyncs).where(eq(wechatRuleSyncs.accountId, scope.account.id)),
    readAddBudgets(db, scope.account.kind === "officialaccount" ? scope.linked : []),
    scope.account.kind === "miniprogram"
      ? db
          .select({
            prefix: wechatRules.prefix,
            accountName: wechatAccounts.name,
            permitSubRule: wechatRules.permitSubRule,
          })
          .from(wechatRules)
          .innerJoin(wechatAccounts, eq(wechatAccounts.id, wechatRules.accountId))
          .where(and(eq(wechatAccounts.kind, "miniprogram"), ne(wechatAccounts.id, scope.account.id)))
      : Promise.resolve([]),
  ]);
  return {
    publishesLeft: sync?.publishQuota ?? null,
    addBudgetLeft: Object.fromEntries(
      budgets.map((budget) => [budget.miniProgramAppid, budget.limit - budget.spent - budget.uncertain]),
    ),
    elsewhere: elsewhere.map((rule) => ({
      prefix: rule.prefix,
      accountName: rule.accountName,
      permitSubRule: rule.permitSubRule === 1 || rule.permitSubRule === 2 ? rule.permitSubRule : null,
    })),
  };
}
