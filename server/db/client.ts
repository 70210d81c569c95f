import "server-only";

import { mkdir } from "node:fs/promises";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";

import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A transaction on the product's database, as `db.transaction` hands it to its callback. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type DatabaseConfig =
  /** PostgreSQL server, for deployments of several instances. */
  | { kind: "postgres"; url: string; maxConnections?: number }
  /** Embedded PostgreSQL (PGlite) in `dataDir`, or in memory when `dataDir` is omitted. */
  | { kind: "embedded"; dataDir?: string };

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseConfig["kind"];
  /** Applies pending migrations; safe to call from several instances at once. */
  migrate(): Promise<void>;
  /**
   * Runs raw SQL for the job queue (pg-boss), which brings its own schema and statements: with
   * values, one parameterised statement; without, possibly several (answered with the last one's rows).
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
}

const migrationsFolder = path.join(process.cwd(), "server", "db", "migrations");
// Arbitrary constant shared by every instance: serialises concurrent start-ups.
const MIGRATION_LOCK_KEY = 7_316_221;

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: config.url, max: config.maxConnections ?? 10 });
    // An idle client that loses its server must not take the process down.
    pool.on("error", (error) => console.error(`[db] idle connection error: ${error.message}`));
    return {
      kind: "postgres",
      db: drizzleNodePg(pool, { schema, casing: "snake_case" }),
      async migrate() {
        const client = await pool.connect();
        try {
          await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
          await migrateNodePg(drizzleNodePg(client, { casing: "snake_case" }), { migrationsFolder });
        } finally {
          await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
          client.release();
        }
      },
      executeSql: (text, values) => pool.query(text, values),
      close: () => pool.end(),
    };
  }

  let client: PGlite;
  if (config.dataDir) {
    const dir = path.resolve(config.dataDir, "pglite");
    await mkdir(dir, { recursive: true });
    client = new PGlite(dir, { extensions: { pg_trgm } });
  } else {
    client = new PGlite({ extensions: { pg_trgm } });
  }
  await client.waitReady;
  const db = drizzlePglite(client, { schema, casing: "snake_case" });
  return {
    kind: "embedded",
    db,
    migrate: () => migratePglite(db, { migrationsFolder }),
    async executeSql(text, values) {
      if (values && values.length > 0) return client.query(text, values);
      const results = await client.exec(text);
      return results.at(-1) ?? { rows: [] };
    },
    close: () => client.close(),
  };
}
