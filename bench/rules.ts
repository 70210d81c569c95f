/**
 * How fast the rule table answers for a Service Account with 10,000 rules,
 * from the local mirror: the first page as the table opens (floor: under
 * 1,000 ms) and a prefix search (floor: under 300 ms). Prints the figures and
 * exits non-zero above a floor.
 *
 *   npm run bench:rules [-- --rules 10000 --runs 30]
 *
 * Everything is real: the WeChat API sandbox over HTTP holds the rules, the
 * first sync reads them all through the product's WeChat client (5 calls a
 * second, 200 rules a page), and the mirror lives in the embedded database on
 * disk as in demo mode, or in PostgreSQL when BENCH_DATABASE_URL is set.
 * Measured is the server's work behind `GET /api/accounts/:id/rules`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { createAccountIfAbsent } from "@/server/accounts";
import { openDatabase } from "@/server/db/client";
import { operators, wechatAccounts } from "@/server/db/schema";
import { createOperatorIfAbsent } from "@/server/operators";
import { createSecretBox } from "@/server/secret-box";
import { rulePage } from "@/server/rules/rule-page";
import { syncNow } from "@/server/rules/sync-now";
import type { RequestContext } from "@/server/request-context";
import { WeChatClient } from "@/server/wechat/client";
import { startSandbox } from "@/sandbox/server";

const OPEN_FLOOR_MS = 1_000;
const SEARCH_FLOOR_MS = 300;

const { values } = parseArgs({
  options: { rules: { type: "string", default: "10000" }, runs: { type: "string", default: "30" } },
});
const ruleCount = Math.min(10_000, Math.max(100, Number(values.rules) || 10_000));
const runs = Math.min(500, Math.max(5, Number(values.runs) || 30));

const SERVICE_ACCOUNT = {
  appid: "wx7b2e4d6f8a0c1e35",
  secret: "a1b2c3d4e5f60718293a4b5c6d7e8f90",
  kind: "officialaccount" as const,
};
const LINKED = ["wx3a6f1c2d8e9b0a41", "wx5e4d3c2b1a0f9e87"];

const sandbox = await startSandbox({ port: 0, fixture: "empty", quiet: true });
const dataDir = await mkdtemp(path.join(tmpdir(), "qrjump-bench-"));
const databaseUrl = process.env.BENCH_DATABASE_URL;
const handle = await openDatabase(
  databaseUrl ? { kind: "postgres", url: databaseUrl } : { kind: "embedded", dataDir },
);

try {
  await handle.migrate();
  const seeded = await fetch(`${sandbox.url}/__sandbox/reset`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      accounts: [
        {
          ...SERVICE_ACCOUNT,
          linkedMiniPrograms: LINKED,
          rules: Array.from({ length: ruleCount }, (_, n) => ({
            prefix: `http://weixin.qq.com/q/02${n.toString(36).padStart(6, "0")}bench${n % 97}`,
            appid: LINKED[n % LINKED.length],
            path: `pages/item/item${n % 50}`,
            state: n % 3 === 0 ? 2 : 1,
          })),
        },
        ...LINKED.map((appid, n) => ({ appid, secret: String(n).repeat(32), kind: "miniprogram" })),
      ],
    }),
  });
  if (!seeded.ok) throw new Error(`could not seed the sandbox: ${await seeded.text()}`);

  const box = createSecretBox(Buffer.alloc(32, 7));
  await createAccountIfAbsent(handle.db, box, {
    ...SERVICE_ACCOUNT,
    name: "Bench",
    linkedMiniPrograms: LINKED,
  });
  await createOperatorIfAbsent(handle.db, {
    email: "bench@example.com",
    name: "Bench",
    role: "operator",
    password: "bench-password-1",
  });
  const [operator] = await handle.db.select().from(operators);
  const [account] = await handle.db.select().from(wechatAccounts);
  if (!operator || !account) throw new Error("seeding the database failed");

  const context: RequestContext = {
    db: handle.db,
    box,
    wechat: new WeChatClient({ db: handle.db, box, baseUrl: sandbox.url, timeoutMs: 10_000 }),
    operator: { id: operator.id, email: operator.email, name: operator.name, role: "admin" },
    locale: "en",
    t: (key) => key,
  };

  const syncStarted = performance.now();
  const { summary } = await syncNow(context, account.id);
  const syncMs = performance.now() - syncStarted;
  if (summary.ruleCount !== ruleCount)
    throw new Error(`the mirror holds ${summary.ruleCount} rules, not ${ruleCount}`);

  async function measure(
    label: string,
    query: Parameters<typeof rulePage>[2],
    expectTotal: (total: number) => boolean,
  ) {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const page = await rulePage(context, account!.id, query);
      times.push(performance.now() - started);
      if (!expectTotal(page.total)) throw new Error(`${label}: unexpected total ${page.total}`);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
    return { label, median: at(0.5), p95: at(0.95), max: times.at(-1) ?? Number.NaN };
  }

  const open = await measure(
    "open: first page of 50, sorted by prefix",
    { page: 1, pageSize: 50 },
    (total) => total === ruleCount,
  );
  const search = await measure(
    "search: prefix contains 'bench42'",
    { q: "bench42", page: 1, pageSize: 50 },
    (total) => total > 0,
  );
  const narrow = await measure(
    "search: one rule by its code",
    { q: "0000a1bench", page: 1, pageSize: 50 },
    (total) => total >= 0,
  );
  const filtered = await measure(
    "filter: published, one Mini Program, sorted by path desc, page 20",
    { state: 2, target: LINKED[0], sort: "path", dir: "desc", page: 20, pageSize: 50 },
    (total) => total > 0,
  );

  console.info(
    `database: ${databaseUrl ? "PostgreSQL" : "embedded (PGlite on disk)"}; ${ruleCount} type-B rules; ${runs} runs each`,
  );
  console.info(`first sync from the sandbox: ${(syncMs / 1000).toFixed(1)} s`);
  for (const row of [open, search, narrow, filtered]) {
    console.info(
      `${row.label.padEnd(70)} median ${row.median.toFixed(1)} ms  p95 ${row.p95.toFixed(1)} ms  max ${row.max.toFixed(1)} ms`,
    );
  }
  const failures = [
    open.p95 >= OPEN_FLOOR_MS
      ? `opening took ${open.p95.toFixed(0)} ms at p95 (floor ${OPEN_FLOOR_MS} ms)`
      : null,
    search.p95 >= SEARCH_FLOOR_MS
      ? `a search took ${search.p95.toFixed(0)} ms at p95 (floor ${SEARCH_FLOOR_MS} ms)`
      : null,
  ].filter(Boolean);
  if (failures.length > 0) {
    console.error(`FAIL: ${failures.join("; ")}`);
    process.exitCode = 1;
  } else {
    console.info(`OK: open under ${OPEN_FLOOR_MS} ms and search under ${SEARCH_FLOOR_MS} ms at p95`);
  }
} finally {
  await handle.close();
  await sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
}
