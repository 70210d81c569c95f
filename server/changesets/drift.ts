import "server-only";

import { eq } from "drizzle-orm";

import type { DesiredRule, DriftItem, DriftReport } from "@/lib/changesets/contract";
import { desiredOf, sameValues } from "@/lib/changesets/plan";
import type { MirroredRule } from "@/lib/rules/contract";

import { ActionFailure } from "../actions/failure";
import { changeWithActivity, newActionId } from "../activity/record";
import { actor } from "../activity/track";
import { credentialsOf } from "../accounts";
import { desiredRules, driftChecks, wechatAccounts } from "../db/schema";
import type { RequestContext } from "../request-context";
import { accountViewOf } from "../rules/account-view-of";
import type { Scope } from "../rules/open-scope";
import { openScope } from "../rules/open-scope";
import { describeWeChatError } from "../wechat/describe-error";
import { readWeChatNow } from "./current";
import type { JobServices } from "./job-context";

/** At most this many drifted rules are kept with a check (the total is always counted). */
const MAX_DRIFT_ITEMS = 1_000;

/** WeChat's rules against the desired ones: added elsewhere, deleted elsewhere, changed (values or publication). */
export function compareDrift(
  desired: DesiredRule[],
  actual: MirroredRule[],
  accountAppid: string,
): DriftItem[] {
  const key = (targetAppid: string, prefix: string) => `${targetAppid}|${prefix}`;
  const wanted = new Map(
    desired.map((rule) => [key(rule.kind === "B" ? rule.appid : accountAppid, rule.prefix), rule]),
  );
  const items: DriftItem[] = [];
  for (const rule of actual) {
    const want = wanted.get(key(rule.targetAppid, rule.prefix));
    wanted.delete(key(rule.targetAppid, rule.prefix));
    if (!want)
      items.push({
        prefix: rule.prefix,
        targetAppid: rule.targetAppid,
        kind: "added",
        desired: null,
        actual: rule,
      });
    else if (!sameValues(want, rule) || want.published !== (rule.state === 2))
      items.push({
        prefix: rule.prefix,
        targetAppid: rule.targetAppid,
        kind: "changed",
        desired: want,
        actual: rule,
      });
  }
  for (const [id, rule] of wanted) {
    items.push({
      prefix: rule.prefix,
      targetAppid: id.slice(0, id.indexOf("|")),
      kind: "deleted",
      desired: rule,
      actual: null,
    });
  }
  return items;
}

async function readDesired(
  services: Pick<JobServices, "db">,
  accountId: string,
): Promise<DesiredRule[] | null> {
  const rows = await services.db.select().from(desiredRules).where(eq(desiredRules.accountId, accountId));
  if (rows.length > 0) return rows.map((row) => row.rule as DesiredRule);
  // An account whose last change set left it empty still has a desired state: none.
  const [check] = await services.db.select().from(driftChecks).where(eq(driftChecks.accountId, accountId));
  return check ? [] : null;
}

/** Reads WeChat now and stores how it differs from the desired rules. */
async function check(services: JobServices, scope: Scope): Promise<DriftReport> {
  const desired = await readDesired(services, scope.account.id);
  if (desired === null) return { checkedAt: null, noDesiredState: true, items: [], total: 0, error: null };
  const actual = await readWeChatNow(services.db, scope);
  const items = compareDrift(desired, actual, scope.account.appid);
  const stored = {
    items: items.slice(0, MAX_DRIFT_ITEMS),
    total: items.length,
    error: null,
    checkedAt: new Date(),
  };
  await services.db
    .insert(driftChecks)
    .values({ accountId: scope.account.id, ...stored })
    .onConflictDoUpdate({ target: driftChecks.accountId, set: stored });
  return {
    checkedAt: stored.checkedAt.toISOString(),
    noDesiredState: false,
    items: stored.items,
    total: stored.total,
    error: null,
  };
}

/** The drift check of one account (the button). */
export async function checkDrift(context: RequestContext, accountId: string): Promise<DriftReport> {
  const scope = await openScope(context, accountId);
  try {
    return await check(context, scope);
  } catch (error) {
    if (error instanceof ActionFailure) throw error;
    throw new ActionFailure(describeWeChatError(context, error));
  }
}

/** The last drift check of an account, as its page shows it. */
export async function readDrift(services: Pick<JobServices, "db">, accountId: string): Promise<DriftReport> {
  const desired = await services.db
    .select({ prefix: desiredRules.prefix })
    .from(desiredRules)
    .where(eq(desiredRules.accountId, accountId))
    .limit(1);
  const [last] = await services.db.select().from(driftChecks).where(eq(driftChecks.accountId, accountId));
  if (desired.length === 0 && !last)
    return { checkedAt: null, noDesiredState: true, items: [], total: 0, error: null };
  return {
    checkedAt: last?.checkedAt.toISOString() ?? null,
    noDesiredState: false,
    items: (last?.items as DriftItem[] | undefined) ?? [],
    total: last?.total ?? 0,
    error: last?.error ?? null,
  };
}

/** Takes WeChat's rules as they are now as the account's desired state ("adopt into desired"). */
export async function adoptDrift(context: RequestContext, accountId: string): Promise<DriftReport> {
  const scope = await openScope(context, accountId);
  const kind = scope.account.kind === "miniprogram" ? "A" : "B";
  let actual: MirroredRule[];
  try {
    actual = await readWeChatNow(context.db, scope);
  } catch (error) {
    throw new ActionFailure(describeWeChatError(context, error));
  }
  await changeWithActivity(
    context.db,
    newActionId(),
    async (tx) => {
      await tx.delete(desiredRules).where(eq(desiredRules.accountId, scope.account.id));
      const rows = actual.map((rule) => ({
        accountId: scope.account.id,
        targetAppid: rule.targetAppid,
        prefix: rule.prefix,
        rule: desiredOf(rule, kind),
      }));
      for (let start = 0; start < rows.length; start += 1_000)
        await tx.insert(desiredRules).values(rows.slice(start, start + 1_000));
      const stored = { items: [], total: 0, error: null, checkedAt: new Date() };
      await tx
        .insert(driftChecks)
        .values({ accountId: scope.account.id, ...stored })
        .onConflictDoUpdate({ target: driftChecks.accountId, set: stored });
    },
    () => ({
      operation: "drift.adopt",
      operator: actor(context),
      account: { id: scope.account.id, appid: scope.account.appid, name: scope.account.name },
      outcome: "success",
      summary: { key: "driftAdopted", values: { rules: actual.length } },
    }),
  );
  return readDrift(context, accountId);
}

/** The scheduled check: every enabled account with a desired state, made for no operator. */
export async function checkAllDrift(services: JobServices): Promise<void> {
  const accounts = await services.db.selectDistinct({ id: desiredRules.accountId }).from(desiredRules);
  for (const { id } of accounts) {
    const [account] = await services.db.select().from(wechatAccounts).where(eq(wechatAccounts.id, id));
    if (!account || account.disabled) continue;
    try {
      const view = await accountViewOf(services.db, account);
      const linked = view.linkedMiniPrograms.map((link) => link.appid);
      const credentials = credentialsOf(account, services.box);
      const scope: Scope = {
        account,
        linked,
        credentials,
        client: services.wechat.forAccount(credentials, { operatorId: null, actionId: null }),
        target: {
          accountId: account.id,
          kind: account.kind,
          appid: account.appid,
          linkedMiniPrograms: linked,
        },
      };
      await check(services, scope);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await services.db
        .insert(driftChecks)
        .values({ accountId: id, items: [], total: 0, error: message })
        .onConflictDoUpdate({
          target: driftChecks.accountId,
          set: { error: message, checkedAt: new Date() },
        });
    }
  }
}
