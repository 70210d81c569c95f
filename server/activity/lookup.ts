import "server-only";


import type { RidLookup } from "@/lib/activity/contract";

import { ActionFailure } from "../actions/failure";
import type { RequestContext } from "../request-context";
import { describeWeChatError } from "../rules/service";
import { visibleAccount } from "../rules/visibility";
import { getActivityDetail } from "./queries";
import { newActionId, recordActivity } from "./record";

/**
 * Asks WeChat what it saw of a call of an entry the operator may read. The rid
 * must belong to that entry, and the lookup is made with the token of the
 * entry's account (WeChat answers only the account that made the call).
 */
export async function lookupRidOfEntry(context: RequestContext, entryId: number, rid: string): Promise<RidLookup> {
  const detail = await getActivityDetail(context.db, context.operator, entryId, (key) => key);
  const belongs = detail && (detail.entry.rid === rid || detail.calls.some((call) => call.rid === rid));
  const accountId = detail?.entry.account?.id;
  const account = belongs && accountId ? await visibleAccount(context.db, context.operator, accountId) : null;
  if (!account) throw new ActionFailure({ code: "NOT_FOUND", message: context.t("ruleNotFound") });

  const actionId = newActionId();
  const started = performance.now();
  const operator = { id: context.operator.id, email: context.operator.email, name: context.operator.name };
  const facts = { operation: "rid.lookup" as const, operator, account: { id: account.id, appid: account.appid, name: account.name }, request: { rid } };
  try {
    const client = context.wechat.forAccount(
      { appid: account.appid, kind: account.kind, tokenMode: account.tokenMode, secret: context.box.open(account.secretSealed) },
      { operatorId: context.operator.id, actionId },
    );
    const seen = await client.lookupRid(rid);
    await recordActivity(context.db, actionId, { ...facts, outcome: "success", latencyMs: performance.now() - started });
    return {
      invokeTime: seen.invoke_time === undefined ? "" : new Date(seen.invoke_time * 1000).toISOString(),
      costInMs: seen.cost_in_ms ?? 0,
      requestUrl: seen.request_url ?? "",
      requestBody: seen.request_body ?? "",
      responseBody: seen.response_body ?? "",
      clientIp: seen.client_ip ?? "",
    };
  } catch (error) {
    const failure = describeWeChatError(context, error);
    await recordActivity(context.db, actionId, {
      ...facts,
      outcome: "failure",
      latencyMs: performance.now() - started,
      errcode: failure.wechat?.errcode ?? null,
      result: { code: failure.code, message: failure.message },
    });
    throw new ActionFailure(failure);
  }
}

