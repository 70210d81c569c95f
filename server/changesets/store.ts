import "server-only";

import { and, asc, count, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";

import type {
  ChangeSetKind,
  ChangeSetProgress,
  ChangeSetStatus,
  DesiredRule,
  ItemState,
  PlanAction,
  PlanItem,
  PlanSummary,
  ReplaceEndState,
  RowProblem,
  StepKind,
} from "@/lib/changesets/contract";
import type { Plan, PlannedItem } from "@/lib/changesets/plan";
import type { ActionError } from "@/lib/action-result";
import type { MirroredRule } from "@/lib/rules/contract";

import type { Database } from "../db";
import { changeSetItems, changeSets } from "../db/schema";

export type ChangeSetRow = typeof changeSets.$inferSelect;
export type ItemRow = typeof changeSetItems.$inferSelect;

/** The WeChat steps of an item, from its action and what it wants (kept with the row so a resumed job needs no plan). */
export function stepsOf(item: Pick<ItemRow, "action" | "desired">): StepKind[] {
  const published = (item.desired as DesiredRule | null)?.published === true;
  const publish: StepKind[] = published ? ["publish"] : [];
  switch (item.action as PlanAction) {
    case "add":
      return ["add", ...publish];
    case "edit":
      return ["edit", ...publish];
    case "replace":
      return ["delete", "add", ...publish];
    case "publish":
      return ["publish"];
    case "delete":
      return ["delete"];
    default:
      return [];
  }
}

const INSERT_CHUNK = 1_000;

/** Stores a plan as a new change set and its rows; returns the change set. */
export async function insertChangeSet(
  db: Database,
  facts: {
    accountId: string;
    kind: ChangeSetKind;
    source: { fileName: string; format: string } | null;
    deleteMissing: boolean;
    locale: string;
    createdBy: string;
    retryOf?: string | null;
  },
  plan: Plan,
): Promise<ChangeSetRow> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(changeSets)
      .values({ ...facts, status: "planned", summary: plan.summary })
      .returning();
    if (!created) throw new Error("the change set was not stored");
    const rows = plan.items.map((item: PlannedItem, seq) => ({
      changeSetId: created.id,
      seq,
      sourceRow: item.sourceRow,
      action: item.action,
      prefix: item.prefix,
      targetAppid: item.targetAppid,
      desired: item.desired,
      current: item.current,
      problems: item.problems,
      state: item.steps.length > 0 ? "pending" : "skipped",
    }));
    for (let start = 0; start < rows.length; start += INSERT_CHUNK)
      await tx.insert(changeSetItems).values(rows.slice(start, start + INSERT_CHUNK));
    return created;
  });
}

export async function readChangeSet(db: Database, id: string): Promise<ChangeSetRow | null> {
  const [row] = await db.select().from(changeSets).where(eq(changeSets.id, id));
  return row ?? null;
}

export function toPlanItem(row: ItemRow): PlanItem {
  return {
    seq: row.seq,
    sourceRow: row.sourceRow,
    action: row.action as PlanAction,
    prefix: row.prefix,
    targetAppid: row.targetAppid,
    desired: (row.desired as DesiredRule | null) ?? null,
    current: (row.current as MirroredRule | null) ?? null,
    problems: (row.problems as RowProblem[] | null) ?? [],
    state: row.state as ItemState,
    steps: stepsOf(row),
    doneSteps: row.doneSteps,
    error: (row.error as ActionError | null) ?? null,
    endState: (row.endState as ReplaceEndState | null) ?? null,
    settled: row.settled,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Done / failed / total rows with steps, the rate over the last minute and the time left. */
export async function readProgress(db: Database, changeSet: ChangeSetRow): Promise<ChangeSetProgress> {
  // One read: the rows in each state, and of them those that finished in the last minute (the rate).
  const recentlyFinished = sql`${changeSetItems.finishedAt} > now() - interval '60 seconds'`;
  const states = await db
    .select({
      state: changeSetItems.state,
      rows: count(),
      recent: sql<number>`count(*) filter (where ${recentlyFinished})`.mapWith(Number),
      first: sql<string | null>`min(${changeSetItems.finishedAt}) filter (where ${recentlyFinished})`,
    })
    .from(changeSetItems)
    .where(eq(changeSetItems.changeSetId, changeSet.id))
    .groupBy(changeSetItems.state);
  const of = (state: ItemState) => states.find((row) => row.state === state)?.rows ?? 0;
  const total = states.filter((row) => row.state !== "skipped").reduce((sum, row) => sum + row.rows, 0);
  const done = of("done");
  const failed = of("failed");
  const firsts = states.flatMap((row) => (row.first ? [new Date(row.first).getTime()] : []));
  const recent = {
    rows: states.reduce((sum, row) => sum + row.recent, 0),
    first: firsts.length > 0 ? Math.min(...firsts) : null,
  };
  const finished = ["done", "failed", "cancelled", "rejected", "discarded"].includes(changeSet.status);
  let rate: number | null = null;
  if (recent.rows > 1 && recent.first !== null) {
    const seconds = Math.max((Date.now() - recent.first) / 1000, 1);
    rate = recent.rows / seconds;
  }
  const left = total - done - failed - of("cancelled");
  const summary = changeSet.summary as PlanSummary;
  const etaSeconds = finished
    ? null
    : rate
      ? Math.ceil(left / rate)
      : total > 0
        ? Math.ceil((summary.cost.seconds * left) / total)
        : 0;
  return { total, done, failed, rate, etaSeconds };
}

/** The rows that finished last, newest first. */
export async function readRecentItems(db: Database, changeSetId: string, limit = 20): Promise<PlanItem[]> {
  const rows = await db
    .select()
    .from(changeSetItems)
    .where(and(eq(changeSetItems.changeSetId, changeSetId), isNotNull(changeSetItems.finishedAt)))
    .orderBy(desc(changeSetItems.finishedAt), desc(changeSetItems.seq))
    .limit(limit);
  return rows.map(toPlanItem);
}

/** One page of a plan's rows in the file's order (rules to delete last), optionally of some actions or states only. */
export async function readItemPage(
  db: Database,
  changeSetId: string,
  query: { page: number; pageSize: number; action?: PlanAction; state?: ItemState },
): Promise<{ rows: PlanItem[]; total: number }> {
  const where = and(
    eq(changeSetItems.changeSetId, changeSetId),
    query.action ? eq(changeSetItems.action, query.action) : undefined,
    query.state ? eq(changeSetItems.state, query.state) : undefined,
  );
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(changeSetItems)
      .where(where)
      .orderBy(sql`${changeSetItems.sourceRow} asc nulls last`, asc(changeSetItems.seq))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(changeSetItems).where(where),
  ]);
  return { rows: rows.map(toPlanItem), total: totals?.total ?? 0 };
}

/** Every row of a change set, in the file's order (for the results file). */
export async function readAllItems(db: Database, changeSetId: string): Promise<PlanItem[]> {
  const rows = await db
    .select()
    .from(changeSetItems)
    .where(eq(changeSetItems.changeSetId, changeSetId))
    .orderBy(sql`${changeSetItems.sourceRow} asc nulls last`, asc(changeSetItems.seq));
  return rows.map(toPlanItem);
}

/** The change sets of an account, newest first. */
export async function listChangeSets(db: Database, accountId: string, limit = 50): Promise<ChangeSetRow[]> {
  return db
    .select()
    .from(changeSets)
    .where(eq(changeSets.accountId, accountId))
    .orderBy(desc(changeSets.createdAt))
    .limit(limit);
}

/** Moves a change set from one of `from` to `to`; false when it was in none of them (someone else moved it). */
export async function moveStatus(
  db: Database,
  id: string,
  from: readonly ChangeSetStatus[],
  to: ChangeSetStatus,
  extra: Partial<typeof changeSets.$inferInsert> = {},
): Promise<boolean> {
  const moved = await db
    .update(changeSets)
    .set({ status: to, ...extra })
    .where(and(eq(changeSets.id, id), inArray(changeSets.status, [...from])))
    .returning({ id: changeSets.id });
  return moved.length > 0;
}
