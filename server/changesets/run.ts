import "server-only";

import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";

import { changeSetItems, changeSets } from "../db/schema";
import type { RequestContext } from "../request-context";
import { openScope } from "../rules/open-scope";
import { type JobServices, jobContext } from "./job-context";
import { recordFinish } from "./finish";
import { Runner } from "./run-item";
import type { ChangeSetRow, ItemRow } from "./store";

/** A runner holds its change set this long without renewing; a lease that lapses is taken over. */
export const LEASE_MS = 15_000;
const RENEW_MS = 5_000;
/** Rows run side by side; the client's shared limiter keeps WeChat's limits, so this only hides latency. */
const CONCURRENCY = 5;

export type RunOutcome = "finished" | "paused" | "cancelled" | "busy" | "lost";

class LeaseLost extends Error {}

/**
 * The change sets this process is running, by owner: a lease held by this owner lets its own retry
 * take the change set back after a throw, but never a second worker of the same instance while the
 * first still runs it (a reaper's job and an apply's can both reach one instance's workers).
 */
const runningHere = new Set<string>();

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
  const key = `${owner}|${id}`;
  if (runningHere.has(key)) return "busy";
  runningHere.add(key);
  try {
    return await runClaimed(services, id, owner);
  } finally {
    runningHere.delete(key);
  }
}

async function runClaimed(services: JobServices, id: string, owner: string): Promise<RunOutcome> {
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
      // Every worker's row ends before the run does, even when one worker throws: a row still in
      // flight after the run returned could race the next runner's.
      const settled = await Promise.allSettled(
        Array.from({ length: Math.min(CONCURRENCY, phase.length) }, worker),
      );
      const failed = settled.find((result): result is PromiseRejectedResult => result.status === "rejected");
      if (failed) throw failed.reason;
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
