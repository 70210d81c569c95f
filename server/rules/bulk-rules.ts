import "server-only";

import type { BulkResult, RowResult, RuleRef } from "@/lib/rules/contract";

import { newActionId } from "../activity/record";
import { type ActivityDraft, tracked } from "../activity/track";
import type { RequestContext } from "../request-context";
import type { AccountClient } from "../wechat";
import { describeWeChatError } from "../wechat/describe-error";
import { followUp, refreshAfterChange, summaryOf } from "./follow-up";
import { markPublished, removeRule } from "./mirror";
import { ActionFailure } from "../actions/failure";
import { type Scope, fail, openScope, targetOf } from "./open-scope";

/** Bulk operations run this many calls at once; the client's limiter keeps WeChat's 5 a second. */
const BULK_CONCURRENCY = 5;

async function mapPool<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function bulk(
  context: RequestContext,
  accountId: string,
  refs: RuleRef[],
  operation: "rule.publish" | "rule.delete",
  apply: (scope: Scope, client: AccountClient, ref: RuleRef, target: string) => Promise<void>,
): Promise<BulkResult> {
  const scope = await openScope(context, accountId);
  const batchId = refs.length > 1 ? newActionId() : null;
  const results = await mapPool(refs, BULK_CONCURRENCY, async (ref): Promise<RowResult> => {
    const target = targetOf(scope, ref);
    const row: RuleRef =
      scope.account.kind === "officialaccount"
        ? { prefix: ref.prefix, targetAppid: target }
        : { prefix: ref.prefix };
    // Each rule is an action of its own in the activity log, its WeChat calls under it.
    const actionId = newActionId();
    const draft: ActivityDraft = {
      operation,
      account: { id: scope.account.id, appid: scope.account.appid, name: scope.account.name },
      prefix: ref.prefix,
      targetAppid: scope.account.kind === "officialaccount" ? target : null,
      request: row,
      batchId,
      batchSize: batchId ? refs.length : null,
    };
    try {
      await tracked(context, actionId, draft, async () => {
        if (scope.account.kind === "officialaccount" && !scope.linked.includes(target)) {
          fail({ code: "INVALID_INPUT", message: context.t("linkNotLinked") });
        }
        const client = context.wechat.forAccount(scope.credentials, {
          operatorId: context.operator.id,
          actionId,
        });
        await apply(scope, client, ref, target);
      });
      return { ...row, ok: true };
    } catch (error) {
      return { ...row, ok: false, error: describeWeChatError(context, error, { prefix: ref.prefix }) };
    }
  });
  await refreshAfterChange(
    context,
    scope,
    results.map(({ prefix, targetAppid }) => ({ prefix, targetAppid })),
  );
  const summary = await followUp(context, () => summaryOf(context, scope.account), null);
  return { results, publishQuota: summary?.publishQuota ?? null };
}

/** Publishes each rule; one result per rule, in order. */
export function publishRules(
  context: RequestContext,
  accountId: string,
  refs: RuleRef[],
): Promise<BulkResult> {
  return bulk(context, accountId, refs, "rule.publish", async (scope, client, ref, target) => {
    await client.publishRule(ref.prefix, scope.account.kind === "officialaccount" ? target : undefined);
    await followUp(context, () => markPublished(context.db, scope.account.id, target, ref.prefix), undefined);
  });
}

/** Deletes each rule at WeChat (published or not); one result per rule, in order. */
export function deleteRules(
  context: RequestContext,
  accountId: string,
  refs: RuleRef[],
): Promise<BulkResult> {
  return bulk(context, accountId, refs, "rule.delete", async (scope, client, ref, target) => {
    await client.deleteRule(ref.prefix, scope.account.kind === "officialaccount" ? target : undefined);
    await followUp(context, () => removeRule(context.db, scope.account.id, target, ref.prefix), undefined);
  });
}

/**
 * One rule's publish or delete, as an operator's action: its failure is the action's failure (the
 * confirmation shows it), its success the publishes left. A selection of several rules goes through
 * a change set, a durable job, instead.
 */
export async function changeOneRule(
  context: RequestContext,
  accountId: string,
  operation: "publish" | "delete",
  ref: RuleRef,
): Promise<{ publishQuota: number | null }> {
  const run = operation === "publish" ? publishRules : deleteRules;
  const { results, publishQuota } = await run(context, accountId, [ref]);
  const [row] = results;
  if (row && !row.ok) throw new ActionFailure(row.error);
  return { publishQuota: publishQuota ?? null };
}
