import "server-only";

import type { MirroredRule } from "@/lib/rules/contract";
import { planEdit } from "@/lib/rules/replace-plan";

import { newActionId } from "../activity/record";
import { type ActivityDraft, tracked } from "../activity/track";
import type { RequestContext } from "../request-context";
import { occupantOf, withOccupant } from "../scan/occupant";
import { describeWeChatError } from "../wechat/describe-error";
import { mirrorSaved } from "./follow-up";
import { readRule } from "./mirror";
import { replaceRule } from "./replace-rule";
import { type RuleValues, checkValuesFit, factsOf, fail, openScope, sendRule } from "./open-scope";

export interface SaveOptions {
  /**
   * The operator was shown what a replace does and costs, and confirmed it. Without it an edit that
   * needs a replace is refused before anything is sent, so a stale form never replaces by surprise.
   */
  confirmReplace?: boolean;
  /** Type B: the Mini Program the rule opened before this edit, when the edit changes it. */
  fromAppid?: string;
}

/**
 * Adds a rule, or edits one: in place when WeChat allows it, otherwise as a replace (`replaceRule`).
 * The rule is sent to WeChat only once, whatever the retries.
 */
export function saveRule(
  context: RequestContext,
  accountId: string,
  mode: "add" | "edit",
  values: RuleValues,
  options: SaveOptions = {},
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
    const target =
      values.kind === "B" && mode === "edit" && options.fromAppid
        ? options.fromAppid
        : factsOf(scope, values).targetAppid;
    const existing = await readRule(context.db, scope.account.id, target, values.prefix);
    if (mode === "edit" && existing && planEdit(existing, values).replace) {
      if (!options.confirmReplace) fail({ code: "CONFLICT", message: context.t("replaceNotConfirmed") });
      return replaceRule(context, scope, values, existing, actionId, draft);
    }
    try {
      // An add of a rule the mirror already lists is the operator's duplicate, not a resumed add.
      await sendRule(scope, values, mode === "edit", existing === null);
    } catch (error) {
      const failure = describeWeChatError(
        context,
        error,
        values.kind === "A" ? values : { prefix: values.prefix },
      );
      if (failure.wechat?.errcode !== 85072) fail(failure);
      fail(withOccupant(context, failure, await occupantOf(context, scope.account.id, values.prefix)));
    }
    return mirrorSaved(context, scope, values);
  });
}
