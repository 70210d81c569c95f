import "server-only";

import { randomUUID } from "node:crypto";

import { and, inArray, isNull, lt, or, sql } from "drizzle-orm";
import PgBoss from "pg-boss";

import type { DatabaseHandle } from "../db/client";
import { changeSets } from "../db/schema";
import type { JobServices } from "./job-context";
import { runChangeSet } from "./run";

/** The queue of change sets to apply: a job names a change set, whose journal is in our own tables. */
export const APPLY_QUEUE = "change-set-apply";
export const DRIFT_QUEUE = "drift-check";
/** The scheduled recheck of published Mini Program rules' verification files (`server/verification/recheck.ts`). */
export const RECHECK_QUEUE = "verification-recheck";
/** Change sets run side by side in one instance (each on its own account: one at a time per account). */
const WORKERS = 4;
/** How often each instance looks for change sets whose runner died, to queue them again. */
const REAP_MS = 5_000;

export interface JobQueue {
  /** This instance's name in leases. */
  owner: string;
  enqueue(changeSetId: string): Promise<void>;
  stop(): Promise<void>;
}

const globalForJobs = globalThis as typeof globalThis & { __qrjumpJobs?: Promise<JobQueue> };

/** The queue of the running server, started by `startJobQueue` at boot. */
export function jobQueue(): Promise<JobQueue> | null {
  return globalForJobs.__qrjumpJobs ?? null;
}

/** The scheduled jobs besides change sets: each a cron (null: not scheduled) and its work. */
export interface ScheduledJobs {
  driftCron?: string | null;
  onDrift?: () => Promise<void>;
  recheckCron?: string | null;
  onRecheck?: () => Promise<void>;
}

/**
 * Starts pg-boss on the product's database (its own schema, `pgboss`, migrated by pg-boss), the
 * change-set workers, the scheduled drift check and verification recheck, and the reaper that
 * re-queues change sets whose lease lapsed (their process died): any instance may pick a job up,
 * and the lease makes sure exactly one runs it.
 */
export function startJobQueue(
  handle: Pick<DatabaseHandle, "executeSql">,
  services: JobServices,
  options: ScheduledJobs = {},
): Promise<JobQueue> {
  globalForJobs.__qrjumpJobs ??= start(handle, services, options);
  return globalForJobs.__qrjumpJobs;
}

export async function start(
  handle: Pick<DatabaseHandle, "executeSql">,
  services: JobServices,
  options: ScheduledJobs = {},
): Promise<JobQueue> {
  const owner = randomUUID();
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => handle.executeSql(text, values) },
    schema: "pgboss",
    supervise: true,
    schedule: Boolean(options.driftCron || options.recheckCron),
    migrate: true,
  });
  boss.on("error", (error: Error) => console.error(`[jobs] ${error.message}`));
  await boss.start();
  await boss.createQueue(APPLY_QUEUE, {
    name: APPLY_QUEUE,
    // "short": at most one job per change set waits at a time (the reaper may ask again); a job
    // still marked active by a process that died does not block the next.
    policy: "short",
    retryLimit: 5,
    retryDelay: 5,
    retryBackoff: true,
    // A long change set (10,000 type-B rows take about 50 minutes at 200 a minute) must not expire.
    expireInSeconds: 23 * 3600,
  });
  for (let worker = 0; worker < WORKERS; worker++) {
    await boss.work<{ changeSetId: string }>(APPLY_QUEUE, { pollingIntervalSeconds: 1 }, async ([job]) => {
      if (!job) return;
      const outcome = await runChangeSet(services, job.data.changeSetId, owner);
      if (outcome !== "busy") console.info(`[jobs] change set ${job.data.changeSetId}: ${outcome}`);
    });
  }
  const enqueue = async (changeSetId: string) => {
    await boss.send(APPLY_QUEUE, { changeSetId }, { singletonKey: changeSetId });
  };

  if (options.driftCron && options.onDrift) {
    await boss.createQueue(DRIFT_QUEUE, { name: DRIFT_QUEUE, policy: "singleton" });
    await boss.schedule(DRIFT_QUEUE, options.driftCron);
    const onDrift = options.onDrift;
    await boss.work(DRIFT_QUEUE, { pollingIntervalSeconds: 30 }, async () => onDrift());
  }
  if (options.recheckCron && options.onRecheck) {
    // "singleton": one recheck runs at a time across instances. Each fetch stops after 5 seconds, 4 at a
    // time, so even a thousand unreachable addresses finish within the hour it may take.
    await boss.createQueue(RECHECK_QUEUE, {
      name: RECHECK_QUEUE,
      policy: "singleton",
      expireInSeconds: 3600,
    });
    await boss.schedule(RECHECK_QUEUE, options.recheckCron);
    const onRecheck = options.onRecheck;
    await boss.work(RECHECK_QUEUE, { pollingIntervalSeconds: 30 }, async () => onRecheck());
  }

  const reap = async () => {
    try {
      const orphans = await services.db
        .select({ id: changeSets.id })
        .from(changeSets)
        .where(
          and(
            inArray(changeSets.status, ["queued", "running", "cancelling"]),
            or(isNull(changeSets.leaseUntil), lt(changeSets.leaseUntil, sql`now()`)),
            // A change set just queued has its own job on the way.
            lt(changeSets.queuedAt, sql`now() - interval '10 seconds'`),
          ),
        );
      for (const orphan of orphans) await enqueue(orphan.id);
    } catch (error) {
      console.error(
        `[jobs] could not look for change sets to resume: ${error instanceof Error ? error.message : error}`,
      );
    }
  };
  void reap();
  const reaper = setInterval(() => void reap(), REAP_MS);
  reaper.unref();

  return {
    owner,
    enqueue,
    async stop() {
      clearInterval(reaper);
      await boss.stop({ graceful: true, wait: true, close: false, timeout: 10_000 });
    },
  };
}
