/**
 * The activity page with 100,000 entries in the database: its first view
 * (newest 50) and filtered views must each answer in under 500 ms on the
 * server. Prints the figures; exits non-zero above the floor.
 *
 *   npm run bench:activity [-- --entries 100000 --runs 20]
 *
 * The entries go into the embedded database on disk, as in demo mode (or the
 * PostgreSQL server named by BENCH_DATABASE_URL), spread over 30 days, four
 * accounts, five operators, every operation and a realistic mix of errors.
 * Measured is the server's work behind `GET /api/activity`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { sql } from "drizzle-orm";

import type { ActivityQuery } from "@/lib/activity/contract";
import { createAccountIfAbsent } from "@/server/accounts";
import { listActivity } from "@/server/activity/queries";
import type { CurrentOperator } from "@/server/auth/session";
import { openDatabase } from "@/server/db/client";
import { operatorAccountGrants, operators, wechatAccounts } from "@/server/db/schema";
import { createSecretBox } from "@/server/secret-box";

const FLOOR_MS = 500;
const { values } = parseArgs({
  options: { entries: { type: "string", default: "100000" }, runs: { type: "string", default: "20" } },
});
const entries = Math.min(1_000_000, Math.max(1000, Number(values.entries) || 100_000));
const runs = Math.min(200, Math.max(3, Number(values.runs) || 20));

const dataDir = await mkdtemp(path.join(tmpdir(), "qrjump-bench-activity-"));
const databaseUrl = process.env.BENCH_DATABASE_URL;
const handle = await openDatabase(
  databaseUrl ? { kind: "postgres", url: databaseUrl } : { kind: "embedded", dataDir },
);

try {
  await handle.migrate();
  const { db } = handle;
  const box = createSecretBox(Buffer.alloc(32, 3));
  for (let n = 0; n < 4; n++) {
    await createAccountIfAbsent(db, box, {
      appid: `wx${String(n).repeat(16)}`,
      kind: "miniprogram",
      name: `Shop ${n}`,
      secret: "s".repeat(32),
    });
  }
  const accounts = await db.select().from(wechatAccounts);
  const accountIds = accounts.map((account) => account.id);

  const seeded = performance.now();
  await db.execute(sql`
    insert into activity_entries
      (at, action_id, operator_id, operator_email, operator_name, account_id, appid, account_name, operation, prefix,
       outcome, errcode, errmsg, rid, latency_ms, attempts, errcodes_seen, request)
    select now() - (n * interval '30 days' / ${entries}),
           gen_random_uuid(),
           ('00000000-0000-4000-8000-00000000000' || (n % 5))::uuid,
           'operator' || (n % 5) || '@example.com',
           'Operator ' || (n % 5),
           (${`{${accountIds.join(",")}}`}::uuid[])[1 + n % 4],
           'wx' || repeat((n % 4)::text, 16),
           'Shop ' || (n % 4),
           (array['rule.add','rule.edit','rule.publish','rule.delete','rules.sync','auth.signIn'])[1 + n % 6],
           'https://shop' || (n % 4) || '.example.com/p' || n || '/',
           case when n % 10 = 0 then 'failure'::activity_outcome else 'success'::activity_outcome end,
           case when n % 10 = 0 then (array[85068, 85071, 85072, 85073, 40097])[1 + (n / 10) % 5] end,
           case when n % 10 = 0 then 'error rid: 00000000-00000000-' || lpad(n::text, 8, '0') end,
           case when n % 10 = 0 then '00000000-00000000-' || lpad(n::text, 8, '0') end,
           50 + n % 400,
           1 + (n % 7 = 0)::int,
           case when n % 10 = 0 then array[(array[85068, 85071, 85072, 85073, 40097])[1 + (n / 10) % 5]]
                when n % 7 = 0 then array[44990] else '{}'::integer[] end,
           jsonb_build_object('prefix', 'https://shop' || (n % 4) || '.example.com/p' || n || '/')
    from generate_series(1, ${entries}) as n`);
  await db.execute(sql`analyze activity_entries`);
  const seedMs = performance.now() - seeded;

  const admin: CurrentOperator = {
    id: "00000000-0000-4000-8000-000000000000",
    email: "admin@example.com",
    name: "Admin",
    role: "admin",
  };
  const viewer: CurrentOperator = { ...admin, id: "00000000-0000-4000-8000-000000000001", role: "viewer" };
  // A viewer reads only the accounts given to them: give this one every account the entries name.
  await db.insert(operators).values({
    id: viewer.id,
    email: "operator1@example.com",
    name: "Operator 1",
    role: "viewer",
    passwordHash: "-",
  });
  await db
    .insert(operatorAccountGrants)
    .values(accountIds.map((accountId) => ({ operatorId: viewer.id, accountId })));
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();

  async function measure(label: string, who: CurrentOperator, query: ActivityQuery) {
    const times: number[] = [];
    let total = 0;
    let capped = false;
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const page = await listActivity(db, who, query, (key) => key);
      times.push(performance.now() - started);
      total = page.total;
      capped = page.totalCapped;
      if (page.rows.length === 0) throw new Error(`${label}: no rows`);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
    return { label, total, capped, median: at(0.5), p95: at(0.95) };
  }

  const results = [
    await measure("first view: newest 50 of everything", admin, {}),
    await measure("first view as a viewer (others' sign-ins hidden)", viewer, {}),
    await measure("errcode 85071", admin, { errcode: 85071 }),
    await measure("retried 44990, last 7 days", admin, { errcode: 44990, from: weekAgo }),
    await measure("one account, failures", admin, { account: accountIds[2], outcome: "failure" }),
    await measure("operator + operation + page 20", admin, {
      operator: "00000000-0000-4000-8000-000000000003",
      operation: "rule.publish",
      page: 20,
    }),
    await measure("prefix search 'p4242'", admin, { q: "p4242" }),
  ];
  console.info(
    `database: ${databaseUrl ? "PostgreSQL" : "embedded (PGlite on disk)"}; ${entries.toLocaleString("en")} entries (seeded in ${(seedMs / 1000).toFixed(1)} s); ${runs} runs each`,
  );
  for (const row of results) {
    console.info(
      `${row.label.padEnd(52)} ${(row.capped ? `${row.total}+` : String(row.total)).padStart(7)} rows  median ${row.median.toFixed(1)} ms  p95 ${row.p95.toFixed(1)} ms`,
    );
  }
  const slow = results.filter((row) => row.p95 >= FLOOR_MS);
  if (slow.length > 0) {
    console.error(`FAIL: over ${FLOOR_MS} ms at p95: ${slow.map((row) => row.label).join("; ")}`);
    process.exitCode = 1;
  } else {
    console.info(`OK: every view under ${FLOOR_MS} ms at p95`);
  }
} finally {
  await handle.close();
  await rm(dataDir, { recursive: true, force: true });
}
