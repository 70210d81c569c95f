import "server-only";

import type { ActivityOperation } from "@/lib/activity/contract";
import type { MirroredRule } from "@/lib/rules/contract";

import { newActionId } from "../activity/record";
import { type ActivityDraft, tracked } from "../activity/track";
import type { RequestContext } from "../request-context";
import type { AccountClient } from "../wechat";
import { describeWeChatError } from "../wechat/describe-error";
import { followUp, refreshAfterChange } from "./follow-up";
import { markPublished, readRule, removeRule, ruleId, upsertRule } from "./mirror";
import { type RuleValues, type Scope, factsOf, fail, sendRule } from "./open-scope";

/** The steps of a replace, in the order they may run; the last two only when the add failed. */
export type ReplaceStep = "delete" | "add" | "publish" | "restore" | "restorePublish";

/**
 * Where the rule stands after a replace. Only "replaced" is a success; every other state comes back as
 * the failure's message, so the operator knows exactly what WeChat holds.
 */
export type ReplaceState =
  /** The new values are at WeChat, published again if the rule was published. */
  | "replaced"
  /** The delete failed: WeChat still has the previous rule, as it was. */
  | "unchanged"
  /** The new rule is added but its publish failed: scans fall back to the web page until it is published. */
  | "addedUnpublished"
  /** The add failed; the previous rule was put back and published again. */
  | "restoredPublished"
  /** The add failed; the previous rule (unpublished before) was put back. */
  | "restored"
  /** The add failed; the previous rule was put back, but publishing it again failed. */
  | "restoredUnpublished"
  /** The add failed and so did putting the previous rule back: the rule is gone from WeChat. */
  | "lost";

const STEP_OPERATION: Record<ReplaceStep, ActivityOperation> = {
  delete: "rule.delete",
  add: "rule.add",
  publish: "rule.publish",
  restore: "rule.add",
  restorePublish: "rule.publish",
};

const STATE_MESSAGE = {
  unchanged: "replaceUnchanged",
  addedUnpublished: "replaceAddedUnpublished",
  restoredPublished: "replaceRestoredPublished",
  restored: "replaceRestored",
  restoredUnpublished: "replaceRestoredUnpublished",
  lost: "replaceLost",
} as const satisfies Record<Exclude<ReplaceState, "replaced">, Parameters<RequestContext["t"]>[0]>;

/** The values WeChat held before the replace, to put back. */
function previousValues(existing: MirroredRule, kind: RuleValues["kind"]): RuleValues {
  return kind === "A"
    ? {
        kind: "A",
        prefix: existing.prefix,
        path: existing.path,
        permitSubRule: existing.permitSubRule ?? 1,
        openVersion: existing.openVersion ?? 3,
        debugUrls: existing.debugUrls,
      }
    : { kind: "B", prefix: existing.prefix, appid: existing.targetAppid, path: existing.path };
}

/** The previous rule in words, for an operator who must add it again by hand. */
function describePrevious(context: RequestContext, previous: RuleValues, published: boolean): string {
  const rule =
    previous.kind === "A"
      ? context.t("replacePreviousA", {
          path: previous.path,
          openVersion: String(previous.openVersion),
          permitSubRule: String(previous.permitSubRule),
          debugUrls: previous.debugUrls.length > 0 ? previous.debugUrls.join(", ") : "—",
        })
      : context.t("replacePreviousB", { appid: previous.appid, path: previous.path });
  return published ? `${rule} ${context.t("replacePreviousPublished")}` : rule;
}

/**
 * Replaces a rule WeChat will not edit in place (REFERENCE §2): deletes it, adds `values`, and publishes
 * them again when the rule was published. When the add fails the previous rule is added back (and
 * published again if it was), and the failure says which state the rule is in. Each step is an entry of
 * its own in the activity log, with its WeChat calls, grouped under the replace's `actionId`, whose own
 * entry (`draft`) ends with the state reached.
 */
export async function replaceRule(
  context: RequestContext,
  scope: Scope,
  values: RuleValues,
  existing: MirroredRule,
  actionId: string,
  draft: ActivityDraft,
): Promise<{ rule: MirroredRule }> {
  const typeB = scope.account.kind === "officialaccount";
  const published = existing.state === 2;
  const oldTarget = existing.targetAppid;
  const newTarget = factsOf(scope, values).targetAppid;
  const previous = previousValues(existing, values.kind);
  const steps: { step: ReplaceStep; ok: boolean }[] = [];

  draft.operation = "rule.replace";
  draft.request = { values, previous: { ...previous, state: existing.state } };

  const run = async (
    step: ReplaceStep,
    target: string,
    request: unknown,
    call: (client: AccountClient) => Promise<void>,
  ): Promise<unknown> => {
    const stepId = newActionId();
    const stepDraft: ActivityDraft = {
      operation: STEP_OPERATION[step],
      account: { id: scope.account.id, appid: scope.account.appid, name: scope.account.name },
      prefix: values.prefix,
      targetAppid: typeB ? target : null,
      request,
      batchId: actionId,
      summary: { key: `replaceStep.${step}` },
    };
    const client = context.wechat.forAccount(scope.credentials, {
      operatorId: context.operator.id,
      actionId: stepId,
    });
    try {
      await tracked(context, stepId, stepDraft, () => call(client));
      steps.push({ step, ok: true });
      return null;
    } catch (error) {
      steps.push({ step, ok: false });
      return error ?? new Error("step failed");
    }
  };

  const end = (state: ReplaceState) => {
    draft.result = { state, steps };
    draft.summary = { key: `replaceState.${state}` };
  };
  const stop = async (state: Exclude<ReplaceState, "replaced">, error: unknown, blame: RuleValues) => {
    await refreshAfterChange(context, scope, [
      { prefix: values.prefix, targetAppid: oldTarget },
      ...(newTarget === oldTarget ? [] : [{ prefix: values.prefix, targetAppid: newTarget }]),
    ]);
    end(state);
    const failure = describeWeChatError(
      context,
      error,
      blame.kind === "A" ? blame : { prefix: blame.prefix },
    );
    fail({
      ...failure,
      message: context.t(STATE_MESSAGE[state], {
        reason: failure.message,
        previous: describePrevious(context, previous, published),
      }),
    });
  };

  const deleteArgs = (target: string) => ({ prefix: values.prefix, ...(typeB ? { appid: target } : {}) });

  const deleted = await run("delete", oldTarget, deleteArgs(oldTarget), (client) =>
    client.deleteRule(values.prefix, typeB ? oldTarget : undefined),
  );
  if (deleted) return stop("unchanged", deleted, values);
  await followUp(
    context,
    () => removeRule(context.db, scope.account.id, oldTarget, values.prefix),
    undefined,
  );

  const added = await run("add", newTarget, values, (client) =>
    sendRule({ ...scope, client }, values, false),
  );
  if (added) {
    const restored = await run("restore", oldTarget, previous, (client) =>
      sendRule({ ...scope, client }, previous, false),
    );
    if (restored) return stop("lost", added, values);
    await followUp(context, () => upsertRule(context.db, scope.account.id, factsOf(scope, previous)), null);
    if (!published) return stop("restored", added, values);
    const republished = await run("restorePublish", oldTarget, deleteArgs(oldTarget), (client) =>
      client.publishRule(values.prefix, typeB ? oldTarget : undefined),
    );
    return stop(republished ? "restoredUnpublished" : "restoredPublished", added, values);
  }
  await followUp(context, () => upsertRule(context.db, scope.account.id, factsOf(scope, values)), null);

  if (published) {
    const publishedAgain = await run("publish", newTarget, deleteArgs(newTarget), (client) =>
      client.publishRule(values.prefix, typeB ? newTarget : undefined),
    );
    if (publishedAgain) return stop("addedUnpublished", publishedAgain, values);
    await followUp(
      context,
      () => markPublished(context.db, scope.account.id, newTarget, values.prefix),
      undefined,
    );
  }

  end("replaced");
  await refreshAfterChange(context, scope, [{ prefix: values.prefix, targetAppid: newTarget }]);
  const stored = await followUp(
    context,
    () => readRule(context.db, scope.account.id, newTarget, values.prefix),
    null,
  );
  return {
    rule: stored ?? {
      id: ruleId(newTarget, values.prefix),
      prefix: values.prefix,
      path: values.path,
      state: published ? 2 : 1,
      targetAppid: newTarget,
      permitSubRule: values.kind === "A" ? values.permitSubRule : null,
      openVersion: values.kind === "A" ? values.openVersion : null,
      debugUrls: values.kind === "A" ? values.debugUrls : [],
    },
  };
}
