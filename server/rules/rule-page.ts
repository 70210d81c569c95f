import "server-only";

import type { RulePage, RuleQuery } from "@/lib/rules/contract";

import { newActionId } from "../activity/record";
import { recordFailure } from "../activity/track";
import { getCurrentOperator } from "../auth/session";
import { type RequestContext, requestContext } from "../request-context";
import { log, summaryOf } from "./follow-up";
import { readRulePage } from "./mirror";
import { fail, openScope } from "./open-scope";
import { isStale, syncAccount } from "./sync";
import { visibleAccount } from "../access/grants";

const backgroundSyncs = new Map<string, Promise<void>>();

/**
 * One page of the mirror for the table. When the mirror is stale it is
 * refreshed in the background: the page answers at once from what is there.
 */
export async function rulePage(
  context: RequestContext,
  accountId: string,
  query: RuleQuery,
): Promise<RulePage> {
  const account = await visibleAccount(context.db, context.operator, accountId);
  if (!account) fail({ code: "NOT_FOUND", message: context.t("accountNotFound") });
  if (!backgroundSyncs.has(account.id) && (await isStale(context.db, account.id))) {
    const actionId = newActionId();
    const background = await openScope(context, accountId, actionId);
    const running = syncAccount(context.db, background.client, background.target)
      .then(() => undefined)
      .catch(async (error: unknown) => {
        log(`background sync of ${account.appid} failed`, error);
        const draft = {
          operation: "rules.sync" as const,
          account: { id: account.id, appid: account.appid, name: account.name },
        };
        await recordFailure(context, actionId, draft, error, { background: true });
      })
      .finally(() => backgroundSyncs.delete(account.id));
    backgroundSyncs.set(account.id, running);
  }
  const [page, summary] = await Promise.all([
    readRulePage(context.db, account.id, query),
    summaryOf(context, account),
  ]);
  return { ...page, summary: backgroundSyncs.has(account.id) ? { ...summary, syncing: true } : summary };
}

/**
 * The table's first page as the rules page draws it on the server, for the signed-in operator; null when
 * it cannot be read here (the client then asks the list endpoint, which says why).
 */
export async function rulePageForPage(accountId: string, query: RuleQuery): Promise<RulePage | null> {
  const operator = await getCurrentOperator();
  if (!operator) return null;
  try {
    return await rulePage(await requestContext(operator), accountId, query);
  } catch (error) {
    log(`the rules page of ${accountId} was drawn without its rows`, error);
    return null;
  }
}
