import { randomBytes } from "node:crypto";

import pg from "pg";

import { type DatabaseHandle, openDatabase } from "@/server/db/client";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default,
 * or a new database on the PostgreSQL server named by TEST_DATABASE_URL
 * (dropped again on close).
 */
export interface TestDatabase extends DatabaseHandle {
  /**
   * Another connection pool to the same database, as a second instance of the
   * product would have. The embedded database lives inside one process, so
   * there it is the same handle.
   */
  openAnother(): Promise<DatabaseHandle>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({ kind: "embedded" });
    await handle.migrate();
    return { ...handle, openAnother: async () => ({ ...handle, close: async () => undefined }) };
  }

  const name = `qrjump_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: "postgres", url: url.toString() });
  await handle.migrate();
  return {
    ...handle,
    openAnother: () => openDatabase({ kind: "postgres", url: url.toString() }),
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
