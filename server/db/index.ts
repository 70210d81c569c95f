import "server-only";

import { env } from "../env";
import { type Database, type DatabaseHandle, openDatabase } from "./client";

export type { Database, Transaction } from "./client";

// Kept on globalThis so that dev-mode module reloads reuse the one embedded
// database instead of opening its directory twice.
const globalForDb = globalThis as typeof globalThis & { __qrjumpDb?: Promise<DatabaseHandle> };

/** The product's database, opened and migrated on first use. */
export function getDatabaseHandle(): Promise<DatabaseHandle> {
  globalForDb.__qrjumpDb ??= (async () => {
    const handle = await openDatabase(
      env.DATABASE_URL
        ? { kind: "postgres", url: env.DATABASE_URL }
        : { kind: "embedded", dataDir: env.DATA_DIR },
    );
    await handle.migrate();
    return handle;
  })();
  return globalForDb.__qrjumpDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}
