import "server-only";

import { and, eq, inArray } from "drizzle-orm";

import type { ChangeSetKind, DesiredRule } from "@/lib/changesets/contract";
import { type Plan, planChanges, planSelection, secondsFor } from "@/lib/changesets/plan";
import { type ReadRow, readRow } from "@/lib/changesets/rows";
import type { RuleRef } from "@/lib/rules/contract";

import { ActionFailure } from "../actions/failure";
import { newActionId } from "../activity/record";
import { type ActivityDraft, tracked } from "../activity/track";
import { changeSetItems, desiredRules } from "../db/schema";
import type { RequestContext } from "../request-context";
import { readAllRules } from "../rules/mirror";
import { type Scope, openScope } from "../rules/open-scope";
import { describeWeChatError } from "../wechat/describe-error";
import { planBounds, readWeChatNow } from "./current";
import { FileError, formatOf, parseRulesFile } from "./parse-file";
import { insertChangeSet, readChangeSet } from "./store";

const kindOf = (scope: Scope) => (scope.account.kind === "miniprogram" ? "A" : "B");

/** Plans `rows` against a fresh read of WeChat and stores the plan; its activity entry names the counts. */
async function planAndStore(
  context: RequestContext,
  accountId: string,
  facts: {
    kind: ChangeSetKind;
    source: { fileName: string; format: string } | null;
    deleteMissing: boolean;
    retryOf?: string;
  },
  plan: (scope: Scope, fresh: () => Promise<Awaited<ReturnType<typeof readWeChatNow>>>) => Promise<Plan>,
): Promise<{ changeSetId: string }> {
  const actionId = newActionId();
  const draft: ActivityDraft = { operation: "changes.plan", request: { ...facts } };
  return tracked(context, actionId, draft, async () => {
    const scope = await openScope(context, accountId, actionId, draft);
    const fresh = async () => {
      try {
        return await readWeChatNow(context.db, scope);
      } catch (error) {
        throw new ActionFailure(describeWeChatError(context, error));
      }
    };
    const planned = await plan(scope, fresh);
    const created = await insertChangeSet(
      context.db,
      {
        accountId: scope.account.id,
        kind: facts.kind,
        source: facts.source,
        deleteMissing: facts.deleteMissing,
        locale: context.locale,
        createdBy: context.operator.id,
        retryOf: facts.retryOf ?? null,
      },
      planned,
    );
    draft.summary = {
      key: "changesPlanned",
      values: { rows: planned.summary.rows, calls: planned.summary.cost.calls },
    };
    draft.result = { changeSetId: created.id, counts: planned.summary.counts };
    return { changeSetId: created.id };
  });
}

/** Reads a rules file and plans it against WeChat's rules now. Nothing is sent to WeChat but reads. */
export async function planImport(
  context: RequestContext,
  input: { accountId: string; fileName: string; content: string; deleteMissing: boolean },
): Promise<{ changeSetId: string }> {
  const format = formatOf(input.fileName);
  if (!format) fileFailure(context, { key: "format" });
  const bytes = new Uint8Array(Buffer.from(input.content, "base64"));
  return planAndStore(
    context,
    input.accountId,
    { kind: "import", source: { fileName: input.fileName, format }, deleteMissing: input.deleteMissing },
    async (scope, fresh) => {
      let raw;
      try {
        raw = await parseRulesFile(kindOf(scope), format, bytes);
      } catch (error) {
        if (error instanceof FileError) fileFailure(context, error.problem);
        throw error;
      }
      const rows = raw.map((row) => readRow(kindOf(scope), row, scope.account.appid));
      return planRows(context, scope, rows, await fresh(), input.deleteMissing);
    },
  );
}

async function planRows(
  context: RequestContext,
  scope: Scope,
  rows: ReadRow[],
  current: Awaited<ReturnType<typeof readWeChatNow>>,
  deleteMissing: boolean,
): Promise<Plan> {
  const bounds = await planBounds(context.db, scope);
  return planChanges({
    kind: kindOf(scope),
    accountAppid: scope.account.appid,
    linked: scope.linked,
    rows,
    current,
    deleteMissing,
    ...bounds,
  });
}

/** The rules table's selection, published or deleted, as a change set (planned against the mirror; the job settles each row at WeChat). */
export function planSelected(
  context: RequestContext,
  input: { accountId: string; operation: "publish" | "delete"; rules: RuleRef[] },
): Promise<{ changeSetId: string }> {
  return planAndStore(
    context,
    input.accountId,
    { kind: input.operation, source: null, deleteMissing: false },
    async (scope) => {
      const bounds = await planBounds(context.db, scope);
      return planSelection(
        {
          kind: kindOf(scope),
          accountAppid: scope.account.appid,
          linked: scope.linked,
          current: await readAllRules(context.db, scope.account.id),
          publishesLeft: bounds.publishesLeft,
          addBudgetLeft: bounds.addBudgetLeft,
        },
        input.operation,
        input.rules,
      );
    },
  );
}

/** Plans putting WeChat back to the account's desired rules (drift's "plan a revert"): rules added elsewhere are deleted. */
export function planRevert(context: RequestContext, accountId: string): Promise<{ changeSetId: string }> {
  return planAndStore(
    context,
    accountId,
    { kind: "revert", source: null, deleteMissing: true },
    async (scope, fresh) => {
      const desired = await context.db
        .select()
        .from(desiredRules)
        .where(eq(desiredRules.accountId, scope.account.id));
      const rows: ReadRow[] = desired.map((row, index) => ({
        ok: true,
        sourceRow: index + 1,
        rule: row.rule as DesiredRule,
      }));
      return planRows(context, scope, rows, await fresh(), true);
    },
  );
}

/** Plans the failed rows of a change set again, against WeChat's rules now. */
export async function planRetry(
  context: RequestContext,
  input: { accountId: string; changeSetId: string },
): Promise<{ changeSetId: string }> {
  const original = await readChangeSet(context.db, input.changeSetId);
  if (!original || original.accountId !== input.accountId)
    throw new ActionFailure({ code: "NOT_FOUND", message: context.t("changeSetNotFound") });
  const failed = await context.db
    .select()
    .from(changeSetItems)
    .where(
      and(
        eq(changeSetItems.changeSetId, original.id),
        inArray(changeSetItems.state, ["failed", "cancelled"]),
      ),
    );
  if (failed.length === 0)
    throw new ActionFailure({ code: "CONFLICT", message: context.t("changeSetNothingToRetry") });
  return planAndStore(
    context,
    input.accountId,
    { kind: "retry", source: original.source, deleteMissing: false, retryOf: original.id },
    async (scope, fresh) => {
      const current = await fresh();
      const deletes = failed.filter((item) => item.action === "delete");
      const rows: ReadRow[] = failed
        .filter((item) => item.desired)
        .map((item) => ({
          ok: true,
          sourceRow: item.sourceRow ?? item.seq + 1,
          rule: item.desired as DesiredRule,
        }));
      const plan = await planRows(context, scope, rows, current, false);
      if (deletes.length === 0) return plan;
      const bounds = await planBounds(context.db, scope);
      const removal = planSelection(
        { kind: kindOf(scope), accountAppid: scope.account.appid, linked: scope.linked, current, ...bounds },
        "delete",
        deletes.map((item) => ({ prefix: item.prefix, targetAppid: item.targetAppid })),
      );
      return merge(plan, removal, kindOf(scope));
    },
  );
}

function merge(first: Plan, second: Plan, kind: "A" | "B"): Plan {
  const counts = { ...first.summary.counts };
  for (const [action, rows] of Object.entries(second.summary.counts))
    counts[action as keyof typeof counts] += rows;
  const cost = { ...first.summary.cost };
  cost.calls += second.summary.cost.calls;
  cost.publishes += second.summary.cost.publishes;
  // The two parts share the account's limits: their time is that of all their calls, not a sum.
  cost.seconds = secondsFor(kind, cost.calls);
  return {
    items: [...second.items, ...first.items],
    summary: { ...first.summary, counts, cost, rows: first.summary.rows + second.summary.rows },
  };
}

function fileFailure(context: RequestContext, problem: FileError["problem"]): never {
  const where =
    problem.row !== undefined
      ? context.t(problem.column ? "fileErrorAtCell" : "fileErrorAtRow", {
          row: String(problem.row),
          column: problem.column ?? "",
        })
      : "";
  const reason = context.t(
    `fileError_${problem.key}` as Parameters<RequestContext["t"]>[0],
    problem.values ?? {},
  );
  const message = where ? `${where} ${reason}` : reason;
  throw new ActionFailure({ code: "INVALID_INPUT", message, fieldErrors: { content: [message] } });
}
