import "server-only";

import { and, eq, inArray } from "drizzle-orm";

import type { ChangeSetStatus, PlanSummary } from "@/lib/changesets/contract";

import { ActionFailure } from "../actions/failure";
import { changeWithActivity, newActionId } from "../activity/record";
import { actor } from "../activity/track";
import { changeSetItems, changeSets, wechatAccounts } from "../db/schema";
import type { RequestContext } from "../request-context";
import { recordFinish } from "./finish";
import { jobQueue } from "./queue";
import { type ChangeSetRow, readChangeSet } from "./store";

type Command = "apply" | "requestApproval" | "approve" | "reject" | "pause" | "resume" | "cancel" | "discard";

async function accountOf(context: RequestContext, accountId: string) {
  const [account] = await context.db.select().from(wechatAccounts).where(eq(wechatAccounts.id, accountId));
  if (!account) throw new ActionFailure({ code: "NOT_FOUND", message: context.t("accountNotFound") });
  return account;
}

async function changeSetOf(
  context: RequestContext,
  accountId: string,
  changeSetId: string,
): Promise<ChangeSetRow> {
  const changeSet = await readChangeSet(context.db, changeSetId);
  if (!changeSet || changeSet.accountId !== accountId)
    throw new ActionFailure({ code: "NOT_FOUND", message: context.t("changeSetNotFound") });
  return changeSet;
}

function conflict(
  context: RequestContext,
  key: Parameters<RequestContext["t"]>[0],
  values?: Record<string, string>,
): never {
  throw new ActionFailure({ code: "CONFLICT", message: context.t(key, values) });
}

/** Whether the operator may apply this account's change sets without an admin's approval. */
export function mayApplyDirectly(role: string, needsApproval: boolean): boolean {
  return role === "admin" || (role === "operator" && !needsApproval);
}

/**
 * Moves a change set from one status to the next, writing its activity entry in the same
 * transaction; fails with CONFLICT when someone else moved it first (or another is running on the
 * account, for the moves that start one).
 */
async function move(
  context: RequestContext,
  changeSet: ChangeSetRow,
  command: Command,
  from: readonly ChangeSetStatus[],
  to: ChangeSetStatus,
  extra: Partial<typeof changeSets.$inferInsert> = {},
  note?: string,
): Promise<ChangeSetRow> {
  const account = await accountOf(context, changeSet.accountId);
  try {
    return await changeWithActivity(
      context.db,
      newActionId(),
      async (tx) => {
        const [moved] = await tx
          .update(changeSets)
          .set({ status: to, ...extra })
          .where(and(eq(changeSets.id, changeSet.id), inArray(changeSets.status, [...from])))
          .returning();
        if (!moved) conflict(context, "changeSetMoved");
        return moved;
      },
      () => ({
        operation:
          command === "apply" || command === "requestApproval"
            ? "changes.apply"
            : command === "approve" || command === "reject"
              ? "changes.decide"
              : "changes.control",
        operator: actor(context),
        account: { id: account.id, appid: account.appid, name: account.name },
        outcome: "success",
        batchId: changeSet.actionId,
        request: { changeSetId: changeSet.id, command, ...(note ? { note } : {}) },
        summary: { key: `changes_${command}`, values: { kind: changeSet.kind } },
      }),
    );
  } catch (error) {
    if (
      error instanceof Error &&
      /change_sets_one_active_idx|duplicate key/.test(
        `${error.message} ${String((error as { cause?: unknown }).cause)}`,
      )
    )
      conflict(context, "changeSetAnotherActive");
    throw error;
  }
}

function refuseUnfit(context: RequestContext, changeSet: ChangeSetRow): void {
  const summary = changeSet.summary as PlanSummary;
  const [refusal] = summary.refusals;
  if (refusal)
    conflict(
      context,
      `changeSetRefused_${refusal.key}` as Parameters<RequestContext["t"]>[0],
      refusal.values,
    );
}

async function kick(changeSetId: string): Promise<void> {
  const queue = jobQueue();
  // Without a queue in this process (a script, a test), the reaper of any running instance picks it up.
  if (queue) await (await queue).enqueue(changeSetId);
}

/** Applies a planned change set: it is queued, and a background job runs it. */
export async function applyChangeSet(context: RequestContext, accountId: string, changeSetId: string) {
  const changeSet = await changeSetOf(context, accountId, changeSetId);
  const account = await accountOf(context, accountId);
  if (!mayApplyDirectly(context.operator.role, account.changesNeedApproval))
    conflict(context, "changeSetNeedsApproval");
  refuseUnfit(context, changeSet);
  const moved = await move(context, changeSet, "apply", ["planned"], "queued", {
    appliedBy: context.operator.id,
    queuedAt: new Date(),
  });
  await kick(moved.id);
  return { status: moved.status };
}

/** Asks an admin to approve a planned change set. */
export async function requestApproval(context: RequestContext, accountId: string, changeSetId: string) {
  const changeSet = await changeSetOf(context, accountId, changeSetId);
  refuseUnfit(context, changeSet);
  const moved = await move(context, changeSet, "requestApproval", ["planned"], "awaiting_approval");
  return { status: moved.status };
}

/** An admin's decision on a change set awaiting approval: applied at once, or rejected with the note. */
export async function decideChangeSet(
  context: RequestContext,
  input: { accountId: string; changeSetId: string; approve: boolean; note: string },
) {
  const changeSet = await changeSetOf(context, input.accountId, input.changeSetId);
  const decided = { decidedBy: context.operator.id, decisionNote: input.note || null };
  if (!input.approve) {
    const moved = await move(
      context,
      changeSet,
      "reject",
      ["awaiting_approval"],
      "rejected",
      decided,
      input.note,
    );
    return { status: moved.status };
  }
  refuseUnfit(context, changeSet);
  const moved = await move(
    context,
    changeSet,
    "approve",
    ["awaiting_approval"],
    "queued",
    { ...decided, appliedBy: context.operator.id, queuedAt: new Date() },
    input.note,
  );
  await kick(moved.id);
  return { status: moved.status };
}

/** Pause (after the rows in flight), resume, or cancel (after the rows in flight; the rest are not sent). */
export async function controlChangeSet(
  context: RequestContext,
  input: { accountId: string; changeSetId: string; command: "pause" | "resume" | "cancel" },
) {
  const changeSet = await changeSetOf(context, input.accountId, input.changeSetId);
  if (input.command === "pause") {
    if (changeSet.status === "queued")
      return { status: (await move(context, changeSet, "pause", ["queued"], "paused")).status };
    const moved = await move(context, changeSet, "pause", ["running"], "running", { stopRequest: "pause" });
    return { status: moved.status };
  }
  if (input.command === "resume") {
    const moved = await move(context, changeSet, "resume", ["paused"], "queued", {
      stopRequest: null,
      queuedAt: new Date(),
    });
    await kick(moved.id);
    return { status: moved.status };
  }
  if (changeSet.status === "running") {
    const moved = await move(context, changeSet, "cancel", ["running"], "cancelling", {
      stopRequest: "cancel",
    });
    return { status: moved.status };
  }
  // Not running anywhere: cancelled now, its rows that were never sent marked so.
  const moved = await move(context, changeSet, "cancel", ["queued", "paused"], "cancelled", {
    finishedAt: new Date(),
    stopRequest: null,
  });
  await context.db
    .update(changeSetItems)
    .set({ state: "cancelled", finishedAt: new Date() })
    .where(and(eq(changeSetItems.changeSetId, moved.id), eq(changeSetItems.state, "pending")));
  await recordFinish(context, moved, context);
  return { status: moved.status };
}

/** Drops a plan that was never applied. */
export async function discardChangeSet(context: RequestContext, accountId: string, changeSetId: string) {
  const changeSet = await changeSetOf(context, accountId, changeSetId);
  const moved = await move(
    context,
    changeSet,
    "discard",
    ["planned", "awaiting_approval", "rejected"],
    "discarded",
  );
  return { status: moved.status };
}

/** Whether operators' change sets of an account wait for an admin's approval (admins only). */
export async function setChangeApproval(context: RequestContext, accountId: string, required: boolean) {
  const account = await accountOf(context, accountId);
  await changeWithActivity(
    context.db,
    newActionId(),
    async (tx) => {
      await tx
        .update(wechatAccounts)
        .set({ changesNeedApproval: required })
        .where(eq(wechatAccounts.id, account.id));
    },
    () => ({
      operation: "account.update",
      operator: actor(context),
      account: { id: account.id, appid: account.appid, name: account.name },
      outcome: "success",
      request: { changesNeedApproval: required },
      summary: { key: required ? "changesApprovalRequired" : "changesApprovalNotRequired", values: {} },
    }),
  );
  return { required };
}
