/**
 * The plan of a change set: the rules wanted against the rules WeChat has now, row by row, with
 * the WeChat steps each takes and what the whole costs. Pure: the server feeds it a fresh read of
 * WeChat, the benchmark feeds it 10,000 rows.
 */
import type { MirroredRule } from "../rules/contract";
import { TYPE_A_RULE_LIMIT } from "../rules/contract";
import { ACCOUNT_CALL_LIMITS, callFloorMs } from "../wechat/call-floor";
import { prefixCovers } from "../wechat/match";
import type { RuleKind } from "../wechat/match";
import type {
  DesiredRule,
  PlanAction,
  PlanCost,
  PlanCounts,
  PlanRefusal,
  PlanSummary,
  RowProblem,
  StepKind,
} from "./contract";
import { PLAN_ACTIONS } from "./contract";
import type { ReadRow } from "./rows";

/** A rule of another of the workspace's Mini Programs, which may hold or occupy a prefix. */
export interface RuleElsewhere {
  prefix: string;
  accountName: string;
  permitSubRule: 1 | 2 | null;
}

export interface PlanInput {
  kind: RuleKind;
  accountAppid: string;
  /** Service Account: the Mini Programs its rules may open. */
  linked: string[];
  rows: ReadRow[];
  /** WeChat's rules now (a fresh read). */
  current: MirroredRule[];
  deleteMissing: boolean;
  /** Type A: the rules of the workspace's other Mini Programs. */
  elsewhere: RuleElsewhere[];
  publishesLeft: number | null;
  /** Service Account: what is left of each linked Mini Program's type-B add budget. */
  addBudgetLeft: Record<string, number>;
}

export interface PlannedItem {
  sourceRow: number | null;
  action: PlanAction;
  prefix: string;
  targetAppid: string;
  desired: DesiredRule | null;
  current: MirroredRule | null;
  problems: RowProblem[];
  steps: StepKind[];
}

export interface Plan {
  items: PlannedItem[];
  summary: PlanSummary;
}

const keyOf = (targetAppid: string, prefix: string) => `${targetAppid}|${prefix}`;
const targetOf = (rule: DesiredRule, accountAppid: string) => (rule.kind === "B" ? rule.appid : accountAppid);

/** Whether WeChat already holds `rule` as wanted (publication aside). */
export function sameValues(rule: DesiredRule, current: MirroredRule): boolean {
  if (rule.path !== current.path) return false;
  if (rule.kind === "B") return true;
  const sorted = (links: string[]) => JSON.stringify([...links].sort());
  return (
    rule.permitSubRule === (current.permitSubRule ?? 1) &&
    rule.openVersion === (current.openVersion ?? 3) &&
    sorted(rule.debugUrls) === sorted(current.debugUrls)
  );
}

/** The desired form of a rule as WeChat holds it (used for drift and "adopt into desired"). */
export function desiredOf(rule: MirroredRule, kind: RuleKind): DesiredRule {
  return kind === "A"
    ? {
        kind: "A",
        prefix: rule.prefix,
        path: rule.path,
        permitSubRule: rule.permitSubRule ?? 1,
        openVersion: rule.openVersion ?? 3,
        debugUrls: rule.debugUrls,
        published: rule.state === 2,
      }
    : {
        kind: "B",
        prefix: rule.prefix,
        appid: rule.targetAppid,
        path: rule.path,
        published: rule.state === 2,
      };
}

/** The action and steps that take `current` to `rule`. */
export function stepsFor(
  rule: DesiredRule,
  current: MirroredRule | null,
): { action: PlanAction; steps: StepKind[]; problems: RowProblem[] } {
  const publish: StepKind[] = rule.published ? ["publish"] : [];
  if (!current) return { action: "add", steps: ["add", ...publish], problems: [] };
  const published = current.state === 2;
  if (sameValues(rule, current)) {
    if (published === rule.published) return { action: "unchanged", steps: [], problems: [] };
    if (!published) return { action: "publish", steps: ["publish"], problems: [] };
    // WeChat has no unpublish: the rule is taken down and added again, unpublished.
    return {
      action: "replace",
      steps: ["delete", "add"],
      problems: [{ field: "published", key: "changeSets.notes.unpublishIsReplace" }],
    };
  }
  if (rule.kind === "A" && !published && rule.path === current.path)
    return { action: "edit", steps: ["edit", ...publish], problems: [] };
  const why = published ? "changeSets.notes.publishedIsReplace" : "changeSets.notes.pathIsReplace";
  return { action: "replace", steps: ["delete", "add", ...publish], problems: [{ field: "path", key: why }] };
}

function invalid(row: ReadRow & { ok: false }, current: MirroredRule | null): PlannedItem {
  return {
    sourceRow: row.sourceRow,
    action: "invalid",
    prefix: row.prefix,
    targetAppid: row.targetAppid,
    desired: null,
    current,
    problems: row.problems,
    steps: [],
  };
}

/** Rows naming the same rule: each is refused, naming the others. */
function duplicates(rows: ReadRow[], accountAppid: string): Map<number, number[]> {
  const byKey = new Map<string, number[]>();
  for (const row of rows) {
    if (!row.ok) continue;
    const key = keyOf(targetOf(row.rule, accountAppid), row.rule.prefix);
    byKey.set(key, [...(byKey.get(key) ?? []), row.sourceRow]);
  }
  const dupes = new Map<number, number[]>();
  for (const sourceRows of byKey.values()) {
    if (sourceRows.length < 2) continue;
    for (const row of sourceRows)
      dupes.set(
        row,
        sourceRows.filter((other) => other !== row),
      );
  }
  return dupes;
}

/** Why another of the workspace's Mini Programs stands in the way of a type-A prefix, or null. */
function heldElsewhere(prefix: string, elsewhere: RuleElsewhere[]): RowProblem | null {
  for (const rule of elsewhere) {
    if (rule.prefix === prefix)
      return {
        field: "prefix",
        key: "changeSets.problems.heldElsewhere",
        values: { account: rule.accountName },
      };
    if (rule.permitSubRule === 2 && prefixCovers(rule.prefix, prefix))
      return {
        field: "prefix",
        key: "changeSets.problems.occupiedElsewhere",
        values: { account: rule.accountName, prefix: rule.prefix },
      };
  }
  return null;
}

/** Type A: a row's prefix that covers another row's (the scan goes to the longer one; said, not refused). */
function overlaps(items: PlannedItem[]): void {
  const wanted = items.filter((item) => item.desired && item.action !== "invalid");
  if (wanted.length > TYPE_A_RULE_LIMIT * 2) return;
  for (const item of wanted) {
    for (const other of wanted) {
      if (other === item || !prefixCovers(item.prefix, other.prefix)) continue;
      item.problems.push({
        field: "prefix",
        key: "changeSets.notes.covers",
        values: { row: String(other.sourceRow ?? ""), prefix: other.prefix },
      });
    }
  }
}

// Deletes free room (type A has 100 rules at most) before replaces and adds take it; publishes last.
const ORDER: Record<PlanAction, number> = {
  delete: 0,
  replace: 1,
  edit: 2,
  add: 3,
  publish: 4,
  unchanged: 5,
  invalid: 6,
};

/** The plan for `input`: one item per row of the file, and one per rule to delete when asked. */
export function planChanges(input: PlanInput): Plan {
  const current = new Map(input.current.map((rule) => [keyOf(rule.targetAppid, rule.prefix), rule]));
  const dupes = duplicates(input.rows, input.accountAppid);
  const named = new Set<string>();
  const items: PlannedItem[] = [];

  for (const row of input.rows) {
    if (!row.ok) {
      items.push(invalid(row, current.get(keyOf(row.targetAppid, row.prefix)) ?? null));
      continue;
    }
    const target = targetOf(row.rule, input.accountAppid);
    const key = keyOf(target, row.rule.prefix);
    named.add(key);
    const existing = current.get(key) ?? null;
    const problems: RowProblem[] = [];
    const others = dupes.get(row.sourceRow);
    if (others)
      problems.push({
        field: "prefix",
        key: "changeSets.problems.duplicate",
        values: { rows: others.join(", ") },
      });
    if (row.rule.kind === "B" && !input.linked.includes(row.rule.appid))
      problems.push({ field: "appid", key: "changeSets.problems.notLinked" });
    if (row.rule.kind === "A") {
      const held = heldElsewhere(row.rule.prefix, input.elsewhere);
      if (held) problems.push(held);
    }
    if (problems.length > 0) {
      items.push(
        invalid(
          { ok: false, sourceRow: row.sourceRow, prefix: row.rule.prefix, targetAppid: target, problems },
          existing,
        ),
      );
      continue;
    }
    const { action, steps, problems: notes } = stepsFor(row.rule, existing);
    items.push({
      sourceRow: row.sourceRow,
      action,
      prefix: row.rule.prefix,
      targetAppid: target,
      desired: row.rule,
      current: existing,
      problems: notes,
      steps,
    });
  }

  let missing = 0;
  for (const [key, rule] of current) {
    if (named.has(key)) continue;
    missing++;
    if (!input.deleteMissing) continue;
    items.push({
      sourceRow: null,
      action: "delete",
      prefix: rule.prefix,
      targetAppid: rule.targetAppid,
      desired: null,
      current: rule,
      problems: [],
      steps: ["delete"],
    });
  }
  if (input.kind === "A") overlaps(items);

  items.sort((a, b) => ORDER[a.action] - ORDER[b.action]);
  return { items, summary: summarize(input, items, missing) };
}

function summarize(input: PlanInput, items: PlannedItem[], missing: number): PlanSummary {
  const counts = Object.fromEntries(PLAN_ACTIONS.map((action) => [action, 0])) as PlanCounts;
  let calls = 0;
  let publishes = 0;
  const spends = new Map<string, number>();
  for (const item of items) {
    counts[item.action]++;
    calls += item.steps.length;
    publishes += item.steps.filter((step) => step === "publish").length;
    if (input.kind === "B") {
      const adds = item.steps.filter((step) => step === "add" || step === "edit").length;
      if (adds > 0) spends.set(item.targetAppid, (spends.get(item.targetAppid) ?? 0) + adds);
    }
  }
  const cost: PlanCost = {
    calls,
    seconds: secondsFor(input.kind, calls),
    publishes,
    publishesLeft: input.publishesLeft,
    addBudget: [...spends].map(([miniProgramAppid, spent]) => ({
      miniProgramAppid,
      spends: spent,
      left: input.addBudgetLeft[miniProgramAppid] ?? 0,
    })),
    ruleCount:
      input.kind === "A"
        ? { after: input.current.length - counts.delete + counts.add, limit: TYPE_A_RULE_LIMIT }
        : null,
  };
  const refusals: PlanRefusal[] = [];
  if (calls === 0) refusals.push({ key: "nothingToDo", values: {} });
  if (input.publishesLeft !== null && publishes > input.publishesLeft)
    refusals.push({
      key: "publishes",
      values: {
        needed: String(publishes),
        left: String(input.publishesLeft),
        trim: String(publishes - input.publishesLeft),
      },
    });
  for (const budget of cost.addBudget) {
    if (budget.spends > budget.left)
      refusals.push({
        key: "addBudget",
        values: {
          appid: budget.miniProgramAppid,
          needed: String(budget.spends),
          left: String(budget.left),
          trim: String(budget.spends - budget.left),
        },
      });
  }
  if (cost.ruleCount && cost.ruleCount.after > cost.ruleCount.limit)
    refusals.push({
      key: "ruleLimit",
      values: {
        after: String(cost.ruleCount.after),
        limit: String(cost.ruleCount.limit),
        trim: String(cost.ruleCount.after - cost.ruleCount.limit),
      },
    });
  return { counts, cost, refusals, rows: input.rows.length, missing };
}

/** The plan of publishing or deleting chosen rules (the rules table's selection). */
export function planSelection(
  input: Pick<PlanInput, "kind" | "accountAppid" | "current" | "publishesLeft" | "addBudgetLeft" | "linked">,
  operation: "publish" | "delete",
  refs: { prefix: string; targetAppid?: string }[],
): Plan {
  const current = new Map(input.current.map((rule) => [keyOf(rule.targetAppid, rule.prefix), rule]));
  const seen = new Set<string>();
  const items: PlannedItem[] = [];
  refs.forEach((ref, index) => {
    const target = input.kind === "A" ? input.accountAppid : (ref.targetAppid ?? "");
    const key = keyOf(target, ref.prefix);
    if (seen.has(key)) return;
    seen.add(key);
    const rule = current.get(key) ?? null;
    const base = { sourceRow: index + 1, prefix: ref.prefix, targetAppid: target, current: rule };
    if (!rule) {
      items.push({
        ...base,
        action: "invalid",
        desired: null,
        problems: [{ field: "prefix", key: "changeSets.problems.notFound" }],
        steps: [],
      });
    } else if (operation === "delete") {
      items.push({ ...base, action: "delete", desired: null, problems: [], steps: ["delete"] });
    } else {
      const desired = { ...desiredOf(rule, input.kind), published: true };
      const { action, steps } = stepsFor(desired, rule);
      items.push({ ...base, action, desired, problems: [], steps });
    }
  });
  items.sort((a, b) => ORDER[a.action] - ORDER[b.action]);
  const summary = summarize({ ...input, rows: [], deleteMissing: false, elsewhere: [] }, items, 0);
  return { items, summary: { ...summary, rows: refs.length } };
}

/** The least time `calls` calls of one account take under WeChat's limits, in whole seconds. */
export function secondsFor(kind: RuleKind, calls: number): number {
  const limits = ACCOUNT_CALL_LIMITS[kind === "A" ? "miniprogram" : "officialaccount"];
  return Math.ceil(callFloorMs(calls, limits.perSecond, limits.perMinute) / 1000);
}
