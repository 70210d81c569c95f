import "server-only";

import type { MirroredRule } from "@/lib/rules/contract";

import { newActionId } from "../activity/record";
import { type ActivityDraft, tracked } from "../activity/track";
import type { RequestContext } from "../request-context";
import { describeWeChatError } from "../wechat/describe-error";
import { mirrorSaved } from "./follow-up";
import { readRule } from "./mirror";
import { replaceRule } from "./retake-rule";
import { type RuleValues, checkValuesFit, factsOf, fail, openScope, sendRule } from "./open-scope";

/**
 * Whether WeChat's `is_edit: 1` can make this change (REFERENCE §2): only `open_version`,
 * `permit_sub_rule` and `debug_url` of an unpublished type-A rule. A type-B rule has no such field:
 * any change to it is a replace.
 */
export function editableInPlace(existing: MirroredRule, values: RuleValues): boolean {
  return values.kind === "A" && existing.path === values.path;
}

/** Adds a rule, or edits an unpublished one. The rule is sent to WeChat only once, whatever the retries. */
export function saveRule(
  context: RequestContext,
  accountId: string,
  mode: "add" | "edit",
  values: RuleValues,
): Promise<{ rule: MirroredRule }> {
  const actionId = newActionId();
  const draft: ActivityDraft = {
    operation: mode === "add" ? "rule.add" : "rule.edit",
    prefix: values.prefix,
    targetAppid: values.kind === "B" ? values.appid : null,
    request: values,
  };
  return tracked(context, actionId, draft, async () => {
    const scope = await openScope(context, accountId, actionId, draft);
    checkValuesFit(context, scope, values);
    const existing = await readRule(
      context.db,
      scope.account.id,
      factsOf(scope, values).targetAppid,
      values.prefix,
    );
    if (mode === "edit" && existing?.state === 2)
      fail({ code: "CONFLICT", message: context.t("publishedNoEdit") });
    // WeChat edits in place only a type-A rule's scope, occupy flag and test links; any other
    // change is made as a replace (delete, then add), which puts the old rule back if the add fails.
    if (mode === "edit" && existing && !editableInPlace(existing, values)) {
      draft.result = { replaced: true };
      return replaceRule(context, scope, values, existing);
    }
    try {
      // An add of a rule the mirror already lists is the operator's duplicate, not a resumed add.
      await sendRule(scope, values, mode === "edit", existing === null);
    } catch (error) {
      fail(describeWeChatError(context, error, values.kind === "A" ? values : { prefix: values.prefix }));
    }
    return mirrorSaved(context, scope, values);
  });
}
