import "server-only";

import path from "node:path";

import { seedDemo } from "./demo/seed";
import { EnvError, getEnv } from "./env";
import { getDatabaseHandle } from "./db";
import { countOperators, createOperatorIfAbsent } from "./operators";
import { getSecretBox } from "./secrets";

class BootError extends Error {}

/**
 * Start-up: validate the configuration, migrate the database, make sure an
 * admin exists. Any failure stops the process with a message naming the cause.
 */
export async function boot(): Promise<void> {
  try {
    const env = getEnv();
    const { db, kind } = await getDatabaseHandle();

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

    const where = kind === "embedded" ? `embedded in ${path.resolve(env.DATA_DIR)}` : "PostgreSQL (DATABASE_URL)";
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
