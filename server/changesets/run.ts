import "server-only";

import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";

import type { ActionError } from "@/lib/action-result";
import type { DesiredRule, ReplaceEndState, StepKind } from "@/lib/changesets/contract";
import { desiredOf, sameValues } from "@/lib/changesets/plan";
import type { MirroredRule } from "@/lib/rules/contract";

import { newActionId } from "../activity/record";
import { type ActivityDraft, tracked } from "../activity/track";
import { changeSetItems, changeSets } from "../db/schema";
import type { RequestContext } from "../request-context";
import { markPublished, removeRule, upsertRule } from "../rules/mirror";
import { type Scope, openScope } from "../rules/open-scope";
import type { AccountClient } from "../wechat";
import { describeWeChatError } from "../wechat/describe-error";
import { type JobServices, jobContext } from "./job-context";
import { recordFinish } from "./finish";
import { type ChangeSetRow, type ItemRow, stepsOf } from "./store";

/** A runner holds its change set this long without renewing; a lease that lapses is taken over. */
export const LEASE_MS = 15_000;
const RENEW_MS = 5_000;
/** Rows run side by side; the client's shared limiter keeps WeChat's limits, so this only hides latency. */
const CONCURRENCY = 5;

export type RunOutcome = "finished" | "paused" | "cancelled" | "busy" | "lost";

class LeaseLost extends Error {}

/**
 * Takes the change set's lease for `owner`: when it is queued (or was running under a lease that
 * lapsed, its process gone), it becomes running here. Null when another runner holds it or there
 * is nothing to run.
 */
async function claim(services: JobServices, id: string, owner: string): Promise<ChangeSetRow | null> {
  const [row] = await services.db
    .update(changeSets)
    .set({
      status: sql`case when ${changeSets.status} = 'queued' then 'running' else ${changeSets.status} end`,
      leaseOwner: owner,
      leaseUntil: sql`now() + make_interval(secs => ${LEASE_MS / 1000})`,
      startedAt: sql`coalesce(${changeSets.startedAt}, now())`,
    })
    .where(
      and(
        eq(changeSets.id, id),
        inArray(changeSets.status, ["queued", "running", "cancelling"]),
        or(
          isNull(changeSets.leaseUntil),
          lt(changeSets.leaseUntil, sql`now()`),
          eq(changeSets.leaseOwner, owner),
        ),
      ),
    )
    .returning();
  return row ?? null;
}

async function renew(services: JobServices, id: string, owner: string): Promise<{ stop: string | null }> {
  const [row] = await services.db
    .update(changeSets)
    .set({ leaseUntil: sql`now() + make_interval(secs => ${LEASE_MS / 1000})` })
    .where(and(eq(changeSets.id, id), eq(changeSets.leaseOwner, owner)))
    .returning({ stop: changeSets.stopRequest });
  if (!row) throw new LeaseLost(`the lease of change set ${id} was taken over`);
  return row;
}

/**
 * Runs a change set to its end, or until paused or cancelled, resuming wherever its journal
 * stops. Safe to call from any number of instances at once: only the lease holder runs.
 */
export async function runChangeSet(services: JobServices, id: string, owner: string): Promise<RunOutcome> {
  const changeSet = await claim(services, id, owner);
  if (!changeSet) return "busy";
  let stop: string | null = changeSet.stopRequest;
  let lost = false;
  const heartbeat = setInterval(() => {
    renew(services, id, owner).then(
      (row) => void (stop = row.stop),
      () => void (lost = true),
    );
  }, RENEW_MS);
  heartbeat.unref();
  try {
    const context = await jobContext(services, changeSet.appliedBy, changeSet.locale);
    const scope = context ? await openScope(context, changeSet.accountId).catch(() => null) : null;
    if (!context || !scope) {
      await finishAs(services, changeSet, "failed", owner, context);
      return "finished";
    }
    const run = new Runner(context, scope, changeSet);
    const items = await services.db
      .select()
      .from(changeSetItems)
      .where(and(eq(changeSetItems.changeSetId, id), inArray(changeSetItems.state, ["pending", "running"])))
      .orderBy(asc(changeSetItems.seq));
    let checkedAt = 0;
    const halted = async () => {
      if (lost || stop !== null) return true;
      // A pause or cancel is seen within half a second, and takes effect after the rows in flight.
      if (Date.now() - checkedAt > 500) {
        checkedAt = Date.now();
        stop = (await renew(services, id, owner)).stop;
      }
      return stop !== null;
    };
    // Phases (delete, replace, edit, add, publish) run one after the other: deletes free room
    // (type A holds 100 rules) before adds take it, and a rule is published once it stands.
    for (const phase of phasesOf(items)) {
      let next = 0;
      const worker = async () => {
        while (next < phase.length && !(await halted())) await run.item(phase[next++] as ItemRow);
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, phase.length) }, worker));
      if (await halted()) break;
    }
    if (lost) return "lost";
    const latest = await renew(services, id, owner).catch(() => null);
    if (!latest) return "lost";
    stop = latest.stop;
    if (stop === "pause") {
      await services.db
        .update(changeSets)
        .set({ status: "paused", stopRequest: null, leaseOwner: null, leaseUntil: null })
        .where(and(eq(changeSets.id, id), eq(changeSets.leaseOwner, owner)));
      return "paused";
    }
    if (stop === "cancel") {
      await services.db
        .update(changeSetItems)
        .set({ state: "cancelled", finishedAt: sql`now()` })
        .where(and(eq(changeSetItems.changeSetId, id), eq(changeSetItems.state, "pending")));
      await finishAs(services, changeSet, "cancelled", owner, context);
      return "cancelled";
    }
    await finishAs(services, changeSet, "done", owner, context);
    return "finished";
  } catch (error) {
    if (error instanceof LeaseLost) return "lost";
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
}

const PHASE: Record<string, number> = { delete: 0, replace: 1, edit: 2, add: 3, publish: 4 };

function phasesOf(items: ItemRow[]): ItemRow[][] {
  const phases: ItemRow[][] = [];
  for (const item of items) {
    const index = PHASE[item.action] ?? 5;
    (phases[index] ??= []).push(item);
  }
  return phases.filter((phase) => phase !== undefined);
}

async function finishAs(
  services: JobServices,
  changeSet: ChangeSetRow,
  status: "done" | "failed" | "cancelled",
  owner: string,
  context: RequestContext | null,
): Promise<void> {
  const moved = await services.db
    .update(changeSets)
    .set({ status, stopRequest: null, leaseOwner: null, leaseUntil: null, finishedAt: sql`now()` })
    .where(and(eq(changeSets.id, changeSet.id), eq(changeSets.leaseOwner, owner)))
    .returning();
  if (moved[0]) await recordFinish(services, moved[0], context);
}

const operationOf = {
  add: "rule.add",
  edit: "rule.edit",
  replace: "rule.replace",
  publish: "rule.publish",
  delete: "rule.delete",
} as const;

/** The rows of one change set, each run through its WeChat steps with its journal kept. */
class Runner {
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
      targetAppid: this.scope.account.kind === "officialaccount" ? item.targetAppid : null,
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
    const appid = this.scope.account.kind === "officialaccount" ? item.targetAppid : undefined;
    if (step === "delete") return client.deleteRule(item.prefix, appid);
    if (step === "publish") return client.publishRule(item.prefix, appid);
    if (!desired) throw new Error(`row ${item.seq} has no rule to ${step}`);
    return saveDesired(client, desired, step === "edit");
  }

  /** Whether WeChat already shows `step` as made (settles a step a dead process had in flight). */
  private async isDone(client: AccountClient, step: StepKind, item: ItemRow, desired: DesiredRule | null) {
    const found = await findAtWeChat(client, this.scope, item.prefix, item.targetAppid);
    if (step === "delete") return found === null;
    if (step === "publish") return found?.state === 2;
    return found !== null && desired !== null && sameValues(desired, found);
  }

  private async mirror(step: StepKind, item: ItemRow, desired: DesiredRule | null): Promise<void> {
    const accountId = this.scope.account.id;
    try {
      if (step === "delete") await removeRule(this.db, accountId, item.targetAppid, item.prefix);
      else if (step === "publish") await markPublished(this.db, accountId, item.targetAppid, item.prefix);
      else if (desired) await upsertRule(this.db, accountId, factsOfDesired(desired, item.targetAppid));
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
      await saveDesired(client, previous, false);
      await this.mirror("add", item, previous);
    } catch {
      return new StepFailure(failure, "lost");
    }
    if (current.state !== 2) return new StepFailure(failure, "restored");
    try {
      await client.publishRule(
        item.prefix,
        this.scope.account.kind === "officialaccount" ? item.targetAppid : undefined,
      );
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

function saveDesired(client: AccountClient, rule: DesiredRule, edit: boolean): Promise<void> {
  return rule.kind === "A"
    ? client.saveTypeA(
        {
          prefix: rule.prefix,
          path: rule.path,
          permitSubRule: rule.permitSubRule,
          openVersion: rule.openVersion,
          debugUrls: rule.debugUrls,
        },
        { edit, resume: true },
      )
    : client.saveTypeB({ prefix: rule.prefix, appid: rule.appid, path: rule.path }, { edit, resume: true });
}

function factsOfDesired(rule: DesiredRule, targetAppid: string) {
  return rule.kind === "A"
    ? {
        targetAppid,
        prefix: rule.prefix,
        path: rule.path,
        state: 1 as const,
        permitSubRule: rule.permitSubRule,
        openVersion: rule.openVersion,
        debugUrls: rule.debugUrls,
      }
    : { targetAppid, prefix: rule.prefix, path: rule.path, state: 1 as const };
}

/** One rule as WeChat has it now, or null. */
export async function findAtWeChat(
  client: AccountClient,
  scope: Scope,
  prefix: string,
  targetAppid: string,
): Promise<MirroredRule | null> {
  if (scope.account.kind === "miniprogram") {
    const found = (await client.listTypeA()).rule_list.find((rule) => rule.prefix === prefix);
    return found
      ? {
          id: `${targetAppid}|${prefix}`,
          prefix,
          path: found.path,
          state: found.state,
          targetAppid,
          permitSubRule: found.permit_sub_rule,
          openVersion: found.open_version,
          debugUrls: found.debug_url,
        }
      : null;
  }
  const found = (await client.findTypeBPrefixes(targetAppid, [prefix])).rule_list.find(
    (rule) => rule.prefix === prefix,
  );
  return found
    ? {
        id: `${targetAppid}|${prefix}`,
        prefix,
        path: found.path,
        state: found.state,
        targetAppid,
        permitSubRule: null,
        openVersion: null,
        debugUrls: [],
      }
    : null;
}
