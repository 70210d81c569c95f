import "server-only";

import { eq, inArray } from "drizzle-orm";

import type {
  ChangeSetKind,
  ChangeSetListItem,
  ChangeSetStatus,
  ChangeSetView,
  PlanSummary,
} from "@/lib/changesets/contract";

import type { CurrentOperator } from "../auth/session";
import type { Database } from "../db";
import { operators, wechatAccounts } from "../db/schema";
import { mayApplyDirectly } from "./control";
import { type ChangeSetRow, listChangeSets, readProgress, readRecentItems } from "./store";

async function namesOf(db: Database, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: operators.id, name: operators.name, email: operators.email })
    .from(operators)
    .where(inArray(operators.id, wanted));
  return new Map(rows.map((row) => [row.id, row.name || row.email]));
}

/** A change set as its page shows it to `operator`, with what they may do with it now. */
export async function changeSetView(
  db: Database,
  operator: CurrentOperator,
  changeSet: ChangeSetRow,
): Promise<ChangeSetView> {
  const [[account], progress, recent, names] = await Promise.all([
    db.select().from(wechatAccounts).where(eq(wechatAccounts.id, changeSet.accountId)),
    readProgress(db, changeSet),
    readRecentItems(db, changeSet.id),
    namesOf(db, [changeSet.createdBy, changeSet.decidedBy]),
  ]);
  const status = changeSet.status as ChangeSetStatus;
  const summary = changeSet.summary as PlanSummary;
  const canChange = operator.role !== "viewer";
  const fits = summary.refusals.length === 0;
  const direct = mayApplyDirectly(operator.role, account?.changesNeedApproval ?? false);
  return {
    id: changeSet.id,
    accountId: changeSet.accountId,
    accountName: account?.name ?? "",
    accountKind: account?.kind ?? "miniprogram",
    kind: changeSet.kind as ChangeSetKind,
    status,
    source: changeSet.source ?? null,
    deleteMissing: changeSet.deleteMissing,
    summary,
    createdAt: changeSet.createdAt.toISOString(),
    createdBy: changeSet.createdBy ? (names.get(changeSet.createdBy) ?? null) : null,
    startedAt: changeSet.startedAt?.toISOString() ?? null,
    finishedAt: changeSet.finishedAt?.toISOString() ?? null,
    decisionNote: changeSet.decisionNote,
    decidedBy: changeSet.decidedBy ? (names.get(changeSet.decidedBy) ?? null) : null,
    stopRequest:
      changeSet.stopRequest === "pause" || changeSet.stopRequest === "cancel" ? changeSet.stopRequest : null,
    progress,
    can: {
      apply: status === "planned" && fits && direct,
      requestApproval: status === "planned" && fits && canChange && !direct,
      decide: status === "awaiting_approval" && operator.role === "admin" && fits,
      discard: canChange && ["planned", "awaiting_approval", "rejected"].includes(status),
      control: canChange && ["queued", "running", "paused"].includes(status),
      retry:
        canChange &&
        ["done", "cancelled"].includes(status) &&
        (progress.failed > 0 || status === "cancelled"),
    },
    recent,
  };
}

/** The change sets of an account, newest first, as its list shows them. */
export async function changeSetList(db: Database, accountId: string): Promise<ChangeSetListItem[]> {
  const rows = await listChangeSets(db, accountId);
  const names = await namesOf(
    db,
    rows.map((row) => row.createdBy),
  );
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      kind: row.kind as ChangeSetKind,
      status: row.status as ChangeSetStatus,
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdBy ? (names.get(row.createdBy) ?? null) : null,
      counts: (row.summary as PlanSummary).counts,
      progress: await readProgress(db, row),
      source: row.source ?? null,
    })),
  );
}
