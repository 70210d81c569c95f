import "server-only";

import type { RuleSummary } from "@/lib/rules/contract";

import { newActionId } from "../activity/record";
import { type ActivityDraft, tracked } from "../activity/track";
import type { RequestContext } from "../request-context";
import { describeWeChatError } from "../wechat/describe-error";
import { summaryOf } from "./follow-up";
import { fail, openScope } from "./open-scope";
import { syncAccount } from "./sync";

/** Reads every rule from WeChat now (the Sync button). */
export function syncNow(context: RequestContext, accountId: string): Promise<{ summary: RuleSummary }> {
  const actionId = newActionId();
  const draft: ActivityDraft = { operation: "rules.sync" };
  return tracked(
    context,
    actionId,
    draft,
    async () => {
      const scope = await openScope(context, accountId, actionId, draft);
      try {
        await syncAccount(context.db, scope.client, scope.target);
      } catch (error) {
        fail(describeWeChatError(context, error));
      }
      return { summary: await summaryOf(context, scope.account) };
    },
    ({ summary }) => ({ ruleCount: summary.ruleCount, publishQuota: summary.publishQuota }),
  );
}
