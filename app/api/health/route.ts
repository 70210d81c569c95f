import { sql } from "drizzle-orm";

import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

const TIMEOUT_MS = 2_000;

/** Liveness for load balancers: 200 when the database answers, 503 otherwise. */
export async function GET(): Promise<Response> {
  try {
    const db = await getDb();
    await Promise.race([
      db.execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS)),
    ]);
    return Response.json({ status: "ok", database: "ok" });
  } catch {
    return Response.json({ status: "unavailable", database: "unreachable" }, { status: 503 });
  }
}
