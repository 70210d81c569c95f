import "server-only";

import type { Database } from "../db";
import type { RequestContext } from "../request-context";
import { describeWeChatError } from "../wechat/describe-error";
import { WeChatCallError } from "../wechat/errors";
import { type ActivityActor, type ActivityFacts, recordAfterWeChat } from "./record";

/** Who the request's operator is, as an activity entry names them. */
export function actor(context: Pick<RequestContext, "operator">): ActivityActor {
  return { id: context.operator.id, email: context.operator.email, name: context.operator.name };
}

/** What an action's activity entry will say; the action fills in what it learns (the account). */
export type ActivityDraft = Omit<ActivityFacts, "outcome" | "operator" | "latencyMs">;

function failureFacts(context: RequestContext, draft: ActivityDraft, error: unknown): ActivityFacts {
  const failure = describeWeChatError(context, error);
  return {
    ...draft,
    operator: actor(context),
    // A change whose outcome WeChat left unknown may have been made: it is not recorded as failed.
    outcome: error instanceof WeChatCallError && error.detail.kind === "unknown" ? "unknown" : "failure",
    errcode: failure.wechat?.errcode ?? null,
    rid: failure.wechat?.rid ?? null,
    // What the action learnt before failing (a replace's steps, say) stays beside the failure.
    result: {
      ...(typeof draft.result === "object" && draft.result !== null ? draft.result : {}),
      code: failure.code,
      message: failure.message,
    },
  };
}

/**
 * Runs one operator action that calls WeChat and appends its activity entry,
 * success or failure, with the WeChat calls it made (recorded under `actionId`).
 */
export async function tracked<T>(
  context: RequestContext,
  actionId: string,
  draft: ActivityDraft,
  run: () => Promise<T>,
  resultOf?: (value: T) => unknown,
): Promise<T> {
  const started = performance.now();
  try {
    const value = await run();
    await recordAfterWeChat(
      context.db,
      actionId,
      {
        ...draft,
        operator: actor(context),
        outcome: "success",
        latencyMs: performance.now() - started,
        result: resultOf ? resultOf(value) : draft.result,
      },
      context.t("warningActivityNotRecorded"),
    );
    return value;
  } catch (error) {
    await recordAfterWeChat(
      context.db,
      actionId,
      { ...failureFacts(context, draft, error), latencyMs: performance.now() - started },
      context.t("warningActivityNotRecorded"),
    );
    throw error;
  }
}

/**
 * Runs work the server does by itself, for no operator (a pushed authorization's capability check),
 * and appends its activity entry, marked `background`, success or failure; a failure is thrown on.
 */
export async function trackedInBackground<T>(
  db: Database,
  actionId: string,
  draft: ActivityDraft,
  run: () => Promise<T>,
  resultOf: (value: T) => Record<string, unknown>,
): Promise<T> {
  const started = performance.now();
  const record = (facts: Pick<ActivityFacts, "outcome" | "errcode" | "rid" | "result">) =>
    recordAfterWeChat(
      db,
      actionId,
      { ...draft, ...facts, operator: null, latencyMs: performance.now() - started },
      "background activity entry not recorded",
    );
  try {
    const value = await run();
    await record({ outcome: "success", result: { ...resultOf(value), background: true } });
    return value;
  } catch (error) {
    const wechat = error instanceof WeChatCallError && error.detail.kind === "wechat" ? error.detail : null;
    await record({
      outcome: error instanceof WeChatCallError && error.detail.kind === "unknown" ? "unknown" : "failure",
      errcode: wechat?.errcode ?? null,
      rid: wechat?.rid ?? null,
      result: { background: true, failure: error instanceof Error ? error.name : "failure" },
    });
    throw error;
  }
}

/**
 * The entry of an action that failed at WeChat before its local change (which
 * then records its own success through `changeWithActivity`). A `background`
 * failure is the server's own, made for no operator.
 */
export async function recordFailure(
  context: RequestContext,
  actionId: string,
  draft: ActivityDraft,
  error: unknown,
  options: { background?: boolean } = {},
): Promise<void> {
  const facts = failureFacts(context, draft, error);
  await recordAfterWeChat(
    context.db,
    actionId,
    options.background
      ? { ...facts, operator: null, result: { ...(facts.result as object), background: true } }
      : facts,
    context.t("warningActivityNotRecorded"),
  );
}
