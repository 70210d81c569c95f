import "server-only";

import type { MirroredRule } from "@/lib/rules/contract";

import { newActionId } from "../activity/record";
import { type ActivityDraft, tracked } from "../activity/track";
import type { RequestContext } from "../request-context";
import { describeWeChatError } from "../wechat/describe-error";
import { followUp, log, mirrorSaved, refreshAfterChange } from "./follow-up";
import { readRule, removeRule, upsertRule } from "./mirror";
import {
  type RuleValues,
  type Scope,
  checkValuesFit,
  factsOf,
  fail,
  openScope,
  sendRule,
} from "./open-scope";

/**
 * Takes a published rule down and adds it again with `values` (unpublished):
 * WeChat does not edit published rules. When the add fails, the previous
 * rule is put back, so the operator never silently loses it.
 */
export function retakeRule(
  context: RequestContext,
  accountId: string,
  values: RuleValues,
): Promise<{ rule: MirroredRule }> {
  const actionId = newActionId();
  const draft: ActivityDraft = {
    operation: "rule.retake",
    prefix: values.prefix,
    targetAppid: values.kind === "B" ? values.appid : null,
    request: values,
  };
  return tracked(context, actionId, draft, () => retake(context, accountId, values, actionId, draft));
}

async function retake(
  context: RequestContext,
  accountId: string,
  values: RuleValues,
  actionId: string,
  draft: ActivityDraft,
): Promise<{ rule: MirroredRule }> {
  const scope = await openScope(context, accountId, actionId, draft);
  checkValuesFit(context, scope, values);
  const target = factsOf(scope, values).targetAppid;
  const existing = await readRule(context.db, scope.account.id, target, values.prefix);
  if (!existing) fail({ code: "NOT_FOUND", message: context.t("ruleNotFound") });
  if (existing.state !== 2) fail({ code: "CONFLICT", message: context.t("notPublishedNoRetake") });
  return replaceRule(context, scope, values, existing);
}

/**
 * Replaces a rule WeChat will not edit in place: deletes it and adds `values` (unpublished). When
 * the add fails, the previous rule is added back, so the operator never silently loses it, and the
 * failure says which of the two states the rule is in.
 */
export async function replaceRule(
  context: RequestContext,
  scope: Scope,
  values: RuleValues,
  existing: MirroredRule,
): Promise<{ rule: MirroredRule }> {
  const target = existing.targetAppid;
  try {
    await scope.client.deleteRule(
      values.prefix,
      scope.account.kind === "officialaccount" ? target : undefined,
    );
  } catch (error) {
    fail(describeWeChatError(context, error, { prefix: values.prefix }));
  }
  await followUp(context, () => removeRule(context.db, scope.account.id, target, values.prefix), undefined);

  try {
    await sendRule(scope, values, false);
  } catch (error) {
    const failure = describeWeChatError(
      context,
      error,
      values.kind === "A" ? values : { prefix: values.prefix },
    );
    const previous: RuleValues =
      values.kind === "A"
        ? {
            kind: "A",
            prefix: existing.prefix,
            path: existing.path,
            permitSubRule: existing.permitSubRule ?? 1,
            openVersion: existing.openVersion ?? 3,
            debugUrls: existing.debugUrls,
          }
        : { kind: "B", prefix: existing.prefix, appid: existing.targetAppid, path: existing.path };
    let restored = false;
    try {
      await sendRule(scope, previous, false);
      restored = true;
    } catch (restoreError) {
      log("could not put the previous rule back", restoreError);
    }
    if (restored)
      await followUp(context, () => upsertRule(context.db, scope.account.id, factsOf(scope, previous)), null);
    await refreshAfterChange(context, scope, [{ prefix: values.prefix, targetAppid: target }]);
    fail({
      ...failure,
      message: context.t(restored ? "retakeRestored" : "retakeLost", { reason: failure.message }),
    });
  }
  return mirrorSaved(context, scope, values);
}
