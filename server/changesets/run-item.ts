import "server-only";

import { and, eq } from "drizzle-orm";

import type { ActionError } from "@/lib/action-result";
import type { DesiredRule, ReplaceEndState, StepKind } from "@/lib/changesets/contract";
import { desiredOf, sameValues } from "@/lib/changesets/plan";
import type { MirroredRule } from "@/lib/rules/contract";

import { newActionId } from "../activity/record";
import { type ActivityDraft, tracked } from "../activity/track";
import { changeSetItems } from "../db/schema";
import type { RequestContext } from "../request-context";
import { factsOfListed, markPublished, mirroredOf, removeRule, upsertRule } from "../rules/mirror";
import { type Scope, factsOf, sendRule } from "../rules/open-scope";
import type { AccountClient } from "../wechat";
import { describeWeChatError } from "../wechat/describe-error";
import { type ChangeSetRow, type ItemRow, stepsOf } from "./store";

const operationOf = {
  add: "rule.add",
  edit: "rule.edit",
  replace: "rule.replace",
  publish: "rule.publish",
  delete: "rule.delete",
} as const;

/** The rows of one change set, each run through its WeChat steps with its journal kept. */
export class Runner {
  private readonly total: number;

  constructor(
    private readonly context: RequestContext,
    private readonly scope: Scope,
    private readonly changeSet: ChangeSetRow,
  ) {
    const summary = changeSet.summary as { counts?: Record<string, number> };
    this.total = Object.entries(summary.counts ?? {})
      .filter(([action]) => action in operationOf)
      .reduce((sum, [, rows]) => sum + rows, 0);
  }

  private get db() {
    return this.context.db;
  }

  private async journal(item: ItemRow, set: Partial<typeof changeSetItems.$inferInsert>): Promise<void> {
    Object.assign(item, set);
    await this.db
      .update(changeSetItems)
      .set(set)
      .where(and(eq(changeSetItems.changeSetId, item.changeSetId), eq(changeSetItems.seq, item.seq)));
  }

  /** Runs one row's remaining steps; its activity entry is written when it ends, under the job's. */
  async item(item: ItemRow): Promise<void> {
    const actionId = item.actionId ?? newActionId();
    if (!item.actionId || item.state !== "running")
      await this.journal(item, { actionId, state: "running", startedAt: item.startedAt ?? new Date() });
    const desired = item.desired as DesiredRule | null;
    const current = item.current as MirroredRule | null;
    const draft: ActivityDraft = {
      operation: operationOf[item.action as keyof typeof operationOf],
      account: { id: this.scope.account.id, appid: this.scope.account.appid, name: this.scope.account.name },
      prefix: item.prefix,
      targetAppid: this.targetOf(item) ?? null,
      request: desired ?? { prefix: item.prefix },
      batchId: this.changeSet.actionId,
      batchSize: this.total,
      result: item.action === "replace" ? { replaced: true } : undefined,
    };
    const client = this.context.wechat.forAccount(this.scope.credentials, {
      operatorId: this.context.operator.id,
      actionId,
    });
    try {
      await tracked(this.context, actionId, draft, () => this.steps(client, item, desired, current));
      await this.journal(item, { state: "done", finishedAt: new Date() });
    } catch (error) {
      const failure: ActionError =
        error instanceof StepFailure
          ? error.failure
          : describeWeChatError(this.context, error, { prefix: item.prefix });
      await this.journal(item, {
        state: "failed",
        inFlight: false,
        error: failure,
        endState: error instanceof StepFailure ? error.endState : null,
        finishedAt: new Date(),
      });
    }
  }

  private async steps(
    client: AccountClient,
    item: ItemRow,
    desired: DesiredRule | null,
    current: MirroredRule | null,
  ): Promise<void> {
    const steps = stepsOf(item);
    for (let index = item.doneSteps; index < steps.length; index++) {
      const step = steps[index] as StepKind;
      if (item.inFlight && (await this.isDone(client, step, item, desired))) {
        // The process that ran this step died before writing its answer down: WeChat says it was made.
        await this.journal(item, { doneSteps: index + 1, inFlight: false, settled: true });
        continue;
      }
      await this.journal(item, { inFlight: true });
      try {
        await this.send(client, step, item, desired);
      } catch (error) {
        await this.journal(item, { inFlight: false });
        throw await this.afterFailure(client, item, step, error, current);
      }
      await this.journal(item, { doneSteps: index + 1, inFlight: false });
      await this.mirror(step, item, desired);
    }
  }

  private async send(client: AccountClient, step: StepKind, item: ItemRow, desired: DesiredRule | null) {
    const appid = this.targetOf(item);
    if (step === "delete") return client.deleteRule(item.prefix, appid);
    if (step === "publish") return client.publishRule(item.prefix, appid);
    if (!desired) throw new Error(`row ${item.seq} has no rule to ${step}`);
    return sendRule({ ...this.scope, client }, desired, step === "edit");
  }

  /** Whether WeChat already shows `step` as made (settles a step a dead process had in flight). */
  private async isDone(client: AccountClient, step: StepKind, item: ItemRow, desired: DesiredRule | null) {
    const found = await this.findAtWeChat(client, item);
    if (step === "delete") return found === null;
    if (step === "publish") return found?.state === 2;
    return found !== null && desired !== null && sameValues(desired, found);
  }

  /** The row's rule as WeChat has it now, or null. */
  private async findAtWeChat(client: AccountClient, item: ItemRow): Promise<MirroredRule | null> {
    const found = await client.findRule(item.prefix, this.targetOf(item));
    return found ? mirroredOf(factsOfListed(item.targetAppid, found)) : null;
  }

  private targetOf(item: ItemRow): string | undefined {
    return this.scope.account.kind === "officialaccount" ? item.targetAppid : undefined;
  }

  private async mirror(step: StepKind, item: ItemRow, desired: DesiredRule | null): Promise<void> {
    const accountId = this.scope.account.id;
    try {
      if (step === "delete") await removeRule(this.db, accountId, item.targetAppid, item.prefix);
      else if (step === "publish") await markPublished(this.db, accountId, item.targetAppid, item.prefix);
      else if (desired) await upsertRule(this.db, accountId, factsOf(this.scope, desired));
    } catch (error) {
      console.error(
        "[changes] WeChat made a change the mirror could not follow:",
        error instanceof Error ? error.message : error,
      );
    }
  }

  /**
   * What a failed step leaves: a replace whose add failed after its delete puts the previous rule
   * back (published again when it was), and says which state the rule ended in.
   */
  private async afterFailure(
    client: AccountClient,
    item: ItemRow,
    step: StepKind,
    error: unknown,
    current: MirroredRule | null,
  ): Promise<StepFailure> {
    const failure = describeWeChatError(this.context, error, { prefix: item.prefix });
    if (item.action !== "replace") return new StepFailure(failure, null);
    if (step === "delete") return new StepFailure(failure, "unchanged");
    if (step === "publish") return new StepFailure(failure, "addedUnpublished");
    if (!current) return new StepFailure(failure, "lost");
    const previous = desiredOf(current, this.scope.account.kind === "miniprogram" ? "A" : "B");
    try {
      await sendRule({ ...this.scope, client }, previous, false);
      await this.mirror("add", item, previous);
    } catch {
      return new StepFailure(failure, "lost");
    }
    if (current.state !== 2) return new StepFailure(failure, "restored");
    try {
      await client.publishRule(item.prefix, this.targetOf(item));
      await this.mirror("publish", item, previous);
      return new StepFailure(failure, "restored");
    } catch {
      return new StepFailure(failure, "restoredUnpublished");
    }
  }
}

class StepFailure extends Error {
  constructor(
    readonly failure: ActionError,
    readonly endState: ReplaceEndState | null,
  ) {
    super(failure.message);
  }
}
