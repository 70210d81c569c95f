import "server-only";

import type { RidLookup } from "@/lib/activity/contract";

import { ActionFailure } from "../actions/failure";
import type { RequestContext } from "../request-context";
import { describeWeChatError } from "../wechat/describe-error";
import { visibleAccount } from "../access/grants";
import { credentialsOf } from "../accounts";
import { getActivityDetail } from "./queries";
import { newActionId } from "./record";
import { tracked } from "./track";

/**
 * Asks WeChat what it saw of a call of an entry the operator may read. The rid
 * must belong to that entry, and the lookup is made with the token of the
 * entry's account (WeChat answers only the account that made the call).
 */
export async function lookupRidOfEntry(
  context: RequestContext,
  entryId: number,
  rid: string,
): Promise<RidLookup> {
  const detail = await getActivityDetail(context.db, context.operator, entryId, (key) => key);
  const belongs = detail && (detail.entry.rid === rid || detail.calls.some((call) => call.rid === rid));
  const accountId = detail?.entry.account?.id;
  const account = belongs && accountId ? await visibleAccount(context.db, context.operator, accountId) : null;
  if (!account) throw new ActionFailure({ code: "NOT_FOUND", message: context.t("ruleNotFound") });

  const actionId = newActionId();
  const draft = {
    operation: "rid.lookup" as const,
    account: { id: account.id, appid: account.appid, name: account.name },
    request: { rid },
  };
  try {
    const seen = await tracked(context, actionId, draft, () =>
      context.wechat
        .forAccount(credentialsOf(account, context.box), { operatorId: context.operator.id, actionId })
        .lookupRid(rid),
    );
    return {
      invokeTime: seen.invoke_time === undefined ? "" : new Date(seen.invoke_time * 1000).toISOString(),
      costInMs: seen.cost_in_ms ?? 0,
      requestUrl: seen.request_url ?? "",
      requestBody: seen.request_body ?? "",
      responseBody: seen.response_body ?? "",
      clientIp: seen.client_ip ?? "",
    };
  } catch (error) {
    throw new ActionFailure(describeWeChatError(context, error));
  }
}
