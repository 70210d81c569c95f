import "server-only";

import type { MirroredRule, RuleRef, RuleSummary } from "@/lib/rules/contract";
import { explainWeChatError } from "@/lib/wechat/error-catalog";

import { warn } from "../actions/warnings";
import type { WeChatAccount } from "../db/schema";
import type { RequestContext } from "../request-context";
import { readRule, readSummary, recordQuota, removeRule, ruleId, upsertRule } from "./mirror";
import { type RuleValues, type Scope, factsOf } from "./open-scope";
import { syncAccount } from "./sync";

export function log(message: string, error: unknown): void {
  console.error(`[rules] ${message}:`, error instanceof Error ? error.message : error);
}

/**
 * Local bookkeeping after WeChat applied a change (the mirror, the header
 * figures). WeChat cannot be rolled back, so a failure here must not report
 * "nothing was changed": the action answers with what WeChat did, warns that
 * the table is behind (the next sync repairs it), and the server logs why.
 */
export async function followUp<T>(context: RequestContext, run: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    log("WeChat applied a change but the local table could not follow", error);
    warn(context.t("warningRuleMirrorBehind"));
    return fallback;
  }
}

/** What the mirror would hold for these values, for when it could not be written. */
function unmirrored(scope: Scope, values: RuleValues): MirroredRule {
  const facts = factsOf(scope, values);
  return {
    id: ruleId(facts.targetAppid, facts.prefix),
    prefix: facts.prefix,
    path: facts.path,
    state: 1,
    targetAppid: facts.targetAppid,
    permitSubRule: values.kind === "A" ? values.permitSubRule : null,
    openVersion: values.kind === "A" ? values.openVersion : null,
    debugUrls: values.kind === "A" ? values.debugUrls : [],
  };
}

/** Stores a rule WeChat has accepted in the mirror and reads it back; see `followUp`. */
export function mirrorSaved(
  context: RequestContext,
  scope: Scope,
  values: RuleValues,
): Promise<{ rule: MirroredRule }> {
  return followUp(
    context,
    async () => {
      const rule = await upsertRule(context.db, scope.account.id, factsOf(scope, values));
      await refreshAfterChange(context, scope, [{ prefix: rule.prefix, targetAppid: rule.targetAppid }]);
      return { rule: (await readRule(context.db, scope.account.id, rule.targetAppid, rule.prefix)) ?? rule };
    },
    { rule: unmirrored(scope, values) },
  );
}

/** Reads the changed rules back from WeChat so the mirror and the header figures follow every change. */
export async function refreshAfterChange(
  context: RequestContext,
  scope: Scope,
  changed: RuleRef[],
): Promise<void> {
  try {
    if (scope.account.kind === "miniprogram") {
      await syncAccount(context.db, scope.client, scope.target);
      return;
    }
    const byTarget = new Map<string, string[]>();
    for (const ref of changed) {
      if (ref.targetAppid)
        byTarget.set(ref.targetAppid, [...(byTarget.get(ref.targetAppid) ?? []), ref.prefix]);
    }
    for (const [target, prefixes] of byTarget) {
      for (let index = 0; index < prefixes.length; index += 200) {
        const chunk = prefixes.slice(index, index + 200);
        const list = await scope.client.findTypeBPrefixes(target, chunk);
        await recordQuota(context.db, scope.account.id, {
          featureOpen: list.qrcodejump_open === 1,
          publishQuota: list.qrcodejump_pub_quota,
        });
        for (const prefix of chunk) {
          const found = list.rule_list.find((rule) => rule.prefix === prefix);
          if (found)
            await upsertRule(context.db, scope.account.id, {
              targetAppid: target,
              prefix,
              path: found.path,
              state: found.state,
            });
          else await removeRule(context.db, scope.account.id, target, prefix);
        }
      }
    }
  } catch (error) {
    // The change itself is done; the mirror catches up at the next sync.
    log("could not read the rules back after a change", error);
  }
}

/** The header figures of the account, a failed last sync explained in the operator's language. */
export function summaryOf(
  context: Pick<RequestContext, "db" | "locale" | "t">,
  account: WeChatAccount,
): Promise<RuleSummary> {
  return readSummary(context.db, account.id, account.kind, (code, message) => {
    if (code === null) return `${context.t("noAnswerTitle")}: ${context.t("noAnswerMeaning")}`;
    const explained = explainWeChatError(code, message, context.locale);
    return `${explained.title} (${code}): ${explained.meaning} ${explained.action}`;
  });
}
