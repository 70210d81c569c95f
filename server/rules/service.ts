import "server-only";


import type { ActionError, WeChatFailure } from "@/lib/action-result";
import type {
  BulkResult,
  MirroredRule,
  RulePage,
  RuleQuery,
  RuleRef,
  RowResult,
  RuleSummary,
} from "@/lib/rules/contract";
import { OUTCOME_UNKNOWN, explainWeChatError } from "@/lib/wechat/error-catalog";

import { type ActivityFacts, newActionId, recordActivity, recordAfterWeChat } from "../activity/record";
import { ActionFailure } from "../actions/failure";
import { warn } from "../actions/warnings";
import type { WeChatAccount } from "../db/schema";
import type { AccountCredentials } from "../wechat";
import type { RequestContext } from "../request-context";
import { type AccountClient, WeChatCallError } from "../wechat";
import { accountViewOf, visibleAccount } from "./visibility";
import {
  markPublished,
  readRule,
  readRulePage,
  readSummary,
  recordQuota,
  removeRule,
  ruleId,
  upsertRule,
} from "./mirror";
import { type SyncTarget, isStale, syncAccount } from "./sync";

export interface TypeAValues {
  prefix: string;
  permitSubRule: 1 | 2;
  path: string;
  openVersion: 1 | 2 | 3;
  debugUrls: string[];
}

export interface TypeBValues {
  prefix: string;
  appid: string;
  path: string;
}

export type RuleValues = ({ kind: "A" } & TypeAValues) | ({ kind: "B" } & TypeBValues);

interface Scope {
  account: WeChatAccount;
  linked: string[];
  credentials: AccountCredentials;
  client: AccountClient;
  target: SyncTarget;
}

/** Bulk operations run this many calls at once; the client's limiter keeps WeChat's 5 a second. */
const BULK_CONCURRENCY = 5;

async function openScope(
  context: RequestContext,
  accountId: string,
  actionId: string | null = null,
  draft?: ActivityDraft,
): Promise<Scope> {
  const account = await visibleAccount(context.db, context.operator, accountId);
  if (!account) throw new ActionFailure({ code: "NOT_FOUND", message: context.t("accountNotFound") });
  if (draft) draft.account = { id: account.id, appid: account.appid, name: account.name };
  const view = await accountViewOf(context.db, account);
  const linked = view.linkedMiniPrograms.map((link) => link.appid);
  const credentials: AccountCredentials = {
    appid: account.appid,
    kind: account.kind,
    tokenMode: account.tokenMode,
    secret: context.box.open(account.secretSealed),
  };
  const client = context.wechat.forAccount(credentials, { operatorId: context.operator.id, actionId });
  return {
    account,
    linked,
    credentials,
    client,
    target: { accountId: account.id, kind: account.kind, appid: account.appid, linkedMiniPrograms: linked },
  };
}

/** What an action's activity entry will say; the action fills in what it learns (the account). */
type ActivityDraft = Omit<ActivityFacts, "outcome" | "operator" | "latencyMs">;

/**
 * Runs one operator action and appends its activity entry, success or
 * failure, with the WeChat calls it made (recorded under `actionId`).
 */
async function tracked<T>(
  context: RequestContext,
  actionId: string,
  draft: ActivityDraft,
  run: () => Promise<T>,
  resultOf?: (value: T) => unknown,
): Promise<T> {
  const started = performance.now();
  const operator = { id: context.operator.id, email: context.operator.email, name: context.operator.name };
  try {
    const value = await run();
    await recordAfterWeChat(
      context.db,
      actionId,
      { ...draft, operator, outcome: "success", latencyMs: performance.now() - started, result: resultOf ? resultOf(value) : draft.result },
      context.t("warningActivityNotRecorded"),
    );
    return value;
  } catch (error) {
    const failure = describeWeChatError(context, error);
    await recordAfterWeChat(
      context.db,
      actionId,
      {
        ...draft,
        operator,
        // A change whose outcome WeChat left unknown may have been made: it is not recorded as failed.
        outcome: error instanceof WeChatCallError && error.detail.kind === "unknown" ? "unknown" : "failure",
        latencyMs: performance.now() - started,
        errcode: failure.wechat?.errcode ?? null,
        rid: failure.wechat?.rid ?? null,
        result: { code: failure.code, message: failure.message },
      },
      context.t("warningActivityNotRecorded"),
    );
    throw error;
  }
}

/** Turns a failed WeChat call into what the operator sees: the catalog's text, the field to blame, the rid. */
export function describeWeChatError(
  context: Pick<RequestContext, "locale" | "t">,
  error: unknown,
  rule?: { prefix?: string; debugUrls?: string[] },
): ActionError {
  if (!(error instanceof WeChatCallError)) {
    if (error instanceof ActionFailure) return error.error;
    console.error("[rules] unexpected failure:", error instanceof Error ? error.message : error);
    return { code: "INTERNAL", message: context.t("internal") };
  }
  if (error.detail.kind === "unknown") {
    const { title, meaning, action } = OUTCOME_UNKNOWN[context.locale];
    return { code: "WECHAT", message: title, wechat: { errcode: null, rid: null, title, meaning, action } };
  }
  if (error.detail.kind !== "wechat") {
    const wechat: WeChatFailure = {
      errcode: null,
      rid: null,
      title: context.t("noAnswerTitle"),
      meaning: context.t("noAnswerMeaning"),
      action: context.t("noAnswerAction"),
    };
    return { code: "WECHAT", message: wechat.title, wechat };
  }
  const { errcode, errmsg, rid } = error.detail;
  const explained = explainWeChatError(errcode, errmsg, context.locale, rule?.prefix ? { prefix: rule.prefix, debugUrls: rule.debugUrls ?? [] } : undefined);
  const onField = `${explained.title}: ${explained.meaning} ${explained.action}`;
  const fieldErrors: Record<string, string[]> = {};
  if (explained.field === "debugUrl") {
    const offending = explained.offendingLinks ?? [];
    if (offending.length === 0) fieldErrors.debugUrls = [onField];
    for (const index of offending) fieldErrors[`debugUrls.${index}`] = [onField];
  } else if (explained.field) {
    fieldErrors[explained.field] = [onField];
  }
  return {
    code: "WECHAT",
    message: explained.title,
    ...(Object.keys(fieldErrors).length > 0 ? { fieldErrors } : {}),
    wechat: { errcode, rid, title: explained.title, meaning: explained.meaning, action: explained.action },
  };
}

function fail(error: ActionError): never {
  throw new ActionFailure(error);
}

function log(message: string, error: unknown): void {
  console.error(`[rules] ${message}:`, error instanceof Error ? error.message : error);
}

/**
 * Local bookkeeping after WeChat applied a change (the mirror, the header
 * figures). WeChat cannot be rolled back, so a failure here must not report
 * "nothing was changed": the action answers with what WeChat did, warns that
 * the table is behind (the next sync repairs it), and the server logs why.
 */
async function followUp<T>(context: RequestContext, run: () => Promise<T>, fallback: T): Promise<T> {
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
function mirrorSaved(context: RequestContext, scope: Scope, values: RuleValues): Promise<{ rule: MirroredRule }> {
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
async function refreshAfterChange(context: RequestContext, scope: Scope, changed: RuleRef[]): Promise<void> {
  try {
    if (scope.account.kind === "miniprogram") {
      await syncAccount(context.db, scope.client, scope.target);
      return;
    }
    const byTarget = new Map<string, string[]>();
    for (const ref of changed) {
      if (ref.targetAppid) byTarget.set(ref.targetAppid, [...(byTarget.get(ref.targetAppid) ?? []), ref.prefix]);
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
          if (found) await upsertRule(context.db, scope.account.id, { targetAppid: target, prefix, path: found.path, state: found.state });
          else await removeRule(context.db, scope.account.id, target, prefix);
        }
      }
    }
  } catch (error) {
    // The change itself is done; the mirror catches up at the next sync.
    log("could not read the rules back after a change", error);
  }
}

function targetOf(scope: Scope, ref: RuleRef): string {
  return scope.account.kind === "miniprogram" ? scope.account.appid : (ref.targetAppid ?? "");
}

function checkValuesFit(context: RequestContext, scope: Scope, values: RuleValues): void {
  const kindFits = (values.kind === "A") === (scope.account.kind === "miniprogram");
  if (!kindFits) fail({ code: "INVALID_INPUT", message: context.t("internal") });
  if (values.kind === "B" && !scope.linked.includes(values.appid)) {
    const message = context.t("linkNotLinked");
    fail({ code: "INVALID_INPUT", message, fieldErrors: { appid: [message] } });
  }
}

async function sendRule(scope: Scope, values: RuleValues, edit: boolean, resume = true): Promise<void> {
  if (values.kind === "A") {
    await scope.client.saveTypeA(
      { prefix: values.prefix, permitSubRule: values.permitSubRule, path: values.path, openVersion: values.openVersion, debugUrls: values.debugUrls },
      { edit, resume },
    );
  } else {
    await scope.client.saveTypeB({ prefix: values.prefix, appid: values.appid, path: values.path }, { edit, resume });
  }
}

function factsOf(scope: Scope, values: RuleValues) {
  return values.kind === "A"
    ? {
        targetAppid: scope.account.appid,
        prefix: values.prefix,
        path: values.path,
        state: 1 as const,
        permitSubRule: values.permitSubRule,
        openVersion: values.openVersion,
        debugUrls: values.debugUrls,
      }
    : { targetAppid: values.appid, prefix: values.prefix, path: values.path, state: 1 as const };
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
    const existing = await readRule(context.db, scope.account.id, factsOf(scope, values).targetAppid, values.prefix);
    if (mode === "edit" && existing?.state === 2) fail({ code: "CONFLICT", message: context.t("publishedNoEdit") });
    try {
      // An add of a rule the mirror already lists is the operator's duplicate, not a resumed add.
      await sendRule(scope, values, mode === "edit", existing === null);
    } catch (error) {
      fail(describeWeChatError(context, error, values.kind === "A" ? values : { prefix: values.prefix }));
    }
    return mirrorSaved(context, scope, values);
  });
}

/**
 * Takes a published rule down and adds it again with `values` (unpublished):
 * WeChat does not edit published rules. When the add fails, the previous
 * rule is put back, so the operator never silently loses it.
 */
export function retakeRule(context: RequestContext, accountId: string, values: RuleValues): Promise<{ rule: MirroredRule }> {
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

  try {
    await scope.client.deleteRule(values.prefix, scope.account.kind === "officialaccount" ? target : undefined);
  } catch (error) {
    fail(describeWeChatError(context, error, { prefix: values.prefix }));
  }
  await followUp(context, () => removeRule(context.db, scope.account.id, target, values.prefix), undefined);

  try {
    await sendRule(scope, values, false);
  } catch (error) {
    const failure = describeWeChatError(context, error, values.kind === "A" ? values : { prefix: values.prefix });
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
    if (restored) await followUp(context, () => upsertRule(context.db, scope.account.id, factsOf(scope, previous)), null);
    await refreshAfterChange(context, scope, [{ prefix: values.prefix, targetAppid: target }]);
    fail({ ...failure, message: context.t(restored ? "retakeRestored" : "retakeLost", { reason: failure.message }) });
  }
  return mirrorSaved(context, scope, values);
}

async function mapPool<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function bulk(
  context: RequestContext,
  accountId: string,
  refs: RuleRef[],
  operation: "rule.publish" | "rule.delete",
  apply: (scope: Scope, client: AccountClient, ref: RuleRef, target: string) => Promise<void>,
): Promise<BulkResult> {
  const scope = await openScope(context, accountId);
  const batchId = refs.length > 1 ? newActionId() : null;
  const results = await mapPool(refs, BULK_CONCURRENCY, async (ref): Promise<RowResult> => {
    const target = targetOf(scope, ref);
    const row: RuleRef = scope.account.kind === "officialaccount" ? { prefix: ref.prefix, targetAppid: target } : { prefix: ref.prefix };
    // Each rule is an action of its own in the activity log, its WeChat calls under it.
    const actionId = newActionId();
    const draft: ActivityDraft = {
      operation,
      account: { id: scope.account.id, appid: scope.account.appid, name: scope.account.name },
      prefix: ref.prefix,
      targetAppid: scope.account.kind === "officialaccount" ? target : null,
      request: row,
      batchId,
      batchSize: batchId ? refs.length : null,
    };
    try {
      await tracked(context, actionId, draft, async () => {
        if (scope.account.kind === "officialaccount" && !scope.linked.includes(target)) {
          fail({ code: "INVALID_INPUT", message: context.t("linkNotLinked") });
        }
        const client = context.wechat.forAccount(scope.credentials, { operatorId: context.operator.id, actionId });
        await apply(scope, client, ref, target);
      });
      return { ...row, ok: true };
    } catch (error) {
      return { ...row, ok: false, error: describeWeChatError(context, error, { prefix: ref.prefix }) };
    }
  });
  await refreshAfterChange(context, scope, results.map(({ prefix, targetAppid }) => ({ prefix, targetAppid })));
  const summary = await followUp(context, () => summaryOf(context, scope.account), null);
  return { results, publishQuota: summary?.publishQuota ?? null };
}

/** Publishes each rule; one result per rule, in order. */
export function publishRules(context: RequestContext, accountId: string, refs: RuleRef[]): Promise<BulkResult> {
  return bulk(context, accountId, refs, "rule.publish", async (scope, client, ref, target) => {
    await client.publishRule(ref.prefix, scope.account.kind === "officialaccount" ? target : undefined);
    await followUp(context, () => markPublished(context.db, scope.account.id, target, ref.prefix), undefined);
  });
}

/** Deletes each rule at WeChat (published or not); one result per rule, in order. */
export function deleteRules(context: RequestContext, accountId: string, refs: RuleRef[]): Promise<BulkResult> {
  return bulk(context, accountId, refs, "rule.delete", async (scope, client, ref, target) => {
    await client.deleteRule(ref.prefix, scope.account.kind === "officialaccount" ? target : undefined);
    await followUp(context, () => removeRule(context.db, scope.account.id, target, ref.prefix), undefined);
  });
}

function summaryOf(context: Pick<RequestContext, "db" | "locale" | "t">, account: WeChatAccount): Promise<RuleSummary> {
  return readSummary(context.db, account.id, account.kind, (code, message) => {
    if (code === null) return `${context.t("noAnswerTitle")}: ${context.t("noAnswerMeaning")}`;
    const explained = explainWeChatError(code, message, context.locale);
    return `${explained.title} (${code}): ${explained.meaning} ${explained.action}`;
  });
}

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

const backgroundSyncs = new Map<string, Promise<void>>();

/**
 * One page of the mirror for the table. When the mirror is stale it is
 * refreshed in the background: the page answers at once from what is there.
 */
export async function rulePage(context: RequestContext, accountId: string, query: RuleQuery): Promise<RulePage> {
  const account = await visibleAccount(context.db, context.operator, accountId);
  if (!account) fail({ code: "NOT_FOUND", message: context.t("accountNotFound") });
  if (!backgroundSyncs.has(account.id) && (await isStale(context.db, account.id))) {
    const actionId = newActionId();
    const background = await openScope(context, accountId, actionId);
    const running = syncAccount(context.db, background.client, background.target)
      .then(() => undefined)
      .catch(async (error: unknown) => {
        log(`background sync of ${account.appid} failed`, error);
        const failure = describeWeChatError(context, error);
        await recordActivity(context.db, actionId, {
          operation: "rules.sync",
          operator: null,
          account: { id: account.id, appid: account.appid, name: account.name },
          outcome: "failure",
          errcode: failure.wechat?.errcode ?? null,
          result: { code: failure.code, message: failure.message, background: true },
        });
      })
      .finally(() => backgroundSyncs.delete(account.id));
    backgroundSyncs.set(account.id, running);
  }
  const [page, summary] = await Promise.all([readRulePage(context.db, account.id, query), summaryOf(context, account)]);
  return { ...page, summary: backgroundSyncs.has(account.id) ? { ...summary, syncing: true } : summary };
}

/** The file a Mini Program must serve before WeChat accepts its type-A rules. */
export async function verificationFile(context: RequestContext, accountId: string): Promise<{ fileName: string; fileContent: string }> {
  const scope = await openScope(context, accountId);
  try {
    const file = await scope.client.downloadVerificationFile();
    return { fileName: file.file_name, fileContent: file.file_content };
  } catch (error) {
    fail(describeWeChatError(context, error));
  }
}

