import "server-only";

import path from "node:path";

import { pruneActivity } from "./activity/record";
import { checkAllDrift } from "./changesets/drift";
import { startJobQueue } from "./changesets/queue";
import type { Database } from "./db";
import { seedDemo } from "./demo/seed";
import { EnvError, getEnv } from "./env";
import { getDatabaseHandle } from "./db";
import { countOperators, createOperatorIfAbsent } from "./operators";
import { getSecretBox } from "./secrets";
import { getSettings } from "./settings";
import { recheckAllAccounts, recheckPolicyFromEnv } from "./verification/recheck";
import { getWeChatClient } from "./wechat";

class BootError extends Error {}

/**
 * Start-up: validate the configuration, migrate the database, make sure an
 * admin exists. Any failure stops the process with a message naming the cause.
 */
export async function boot(): Promise<void> {
  try {
    const env = getEnv();
    if (env.NODE_ENV === "production" && !env.AUTH_URL) {
      throw new BootError(
        "Set AUTH_URL to the dashboard's public address, e.g. https://qr.example.com: sign-in and " +
          "set-password links are built from it, never from request headers.",
      );
    }
    const handle = await getDatabaseHandle();
    const { db, kind } = handle;

    if ((await countOperators(db)) === 0) {
      if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD) {
        throw new BootError(
          "There is no operator yet: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin.",
        );
      }
      await createOperatorIfAbsent(db, {
        email: env.ADMIN_EMAIL,
        name: "Admin",
        role: "admin",
        password: env.ADMIN_PASSWORD,
      });
      console.info(`[boot] created the first admin ${env.ADMIN_EMAIL}`);
    }
    if (env.DEMO_MODE) await seedDemo(db, getSecretBox());

    schedulePruning(db);

    // Change sets are applied by background jobs on the database's queue, in every instance.
    const services = { db, box: getSecretBox(), wechat: await getWeChatClient() };
    await startJobQueue(handle, services, {
      driftCron: env.DRIFT_CHECK_CRON === "off" ? null : env.DRIFT_CHECK_CRON,
      onDrift: () => checkAllDrift(services),
      recheckCron: env.VERIFICATION_RECHECK_CRON === "off" ? null : env.VERIFICATION_RECHECK_CRON,
      onRecheck: async () => {
        await recheckAllAccounts(db, recheckPolicyFromEnv(env));
      },
    });

    const where =
      kind === "embedded" ? `embedded in ${path.resolve(env.DATA_DIR)}` : "PostgreSQL (DATABASE_URL)";
    console.info(`[boot] database ${where}; WeChat API at ${env.WECHAT_API_BASE}`);
  } catch (error) {
    if (error instanceof EnvError || error instanceof BootError) {
      console.error(`[boot] cannot start. ${error.message}`);
    } else {
      console.error("[boot] cannot start:", error instanceof Error ? error.message : error);
    }
    process.exit(1);
  }
}

const DAY_MS = 86_400_000;

/** Prunes the activity log past the retention setting now and once a day (every instance may; it is idempotent). */
function schedulePruning(db: Database): void {
  const prune = async () => {
    try {
      const { activityRetentionDays } = await getSettings(db);
      const removed = await pruneActivity(db, activityRetentionDays);
      if (removed > 0)
        console.info(`[activity] pruned ${removed} entries older than ${activityRetentionDays} days`);
    } catch (error) {
      console.error("[activity] pruning failed:", error instanceof Error ? error.message : error);
    }
  };
  void prune();
  setInterval(() => void prune(), DAY_MS).unref();
}
