import "server-only";

import { and, count, gte, inArray, lt, sql } from "drizzle-orm";

import type { ErrorOverview, OverviewRange } from "@/lib/activity/contract";

import { visibleAccounts } from "../access/grants";
import type { CurrentOperator } from "../auth/session";
import type { Database } from "../db";
import { rowsOf } from "../db/rows";
import { wechatCalls } from "../db/schema";

const RANGES: Record<OverviewRange, { hours: number; bucket: "hour" | "day" }> = {
  "24h": { hours: 24, bucket: "hour" },
  "7d": { hours: 7 * 24, bucket: "day" },
  "30d": { hours: 30 * 24, bucket: "day" },
};

/** Errors over time by code, the most frequent errors, and per-account success and latency. */
export async function errorOverview(
  db: Database,
  operator: CurrentOperator,
  range: OverviewRange,
  accountId: string | undefined,
  now = new Date(),
): Promise<ErrorOverview> {
  const { hours, bucket } = RANGES[range];
  const accounts = (await visibleAccounts(db, operator)).filter(
    (account) => !accountId || account.id === accountId,
  );
  const appids = accounts.map((account) => account.appid);
  const nameOf = new Map(accounts.map((account) => [account.appid, account]));
  const end = new Date(now);
  const startMs =
    bucket === "hour"
      ? Math.floor(now.getTime() / 3_600_000) * 3_600_000 - (hours - 1) * 3_600_000
      : startOfDay(now) - (hours / 24 - 1) * 86_400_000;
  const start = new Date(startMs);
  const empty: ErrorOverview = { range, buckets: [], codes: [], top: [], perAccount: [] };
  const bucketStarts: number[] = [];
  for (let at = startMs; at <= end.getTime(); at += bucket === "hour" ? 3_600_000 : 86_400_000)
    bucketStarts.push(at);
  if (appids.length === 0)
    return {
      ...empty,
      buckets: bucketStarts.map((at) => ({ start: new Date(at).toISOString(), counts: {} })),
    };

  const inRange = and(
    inArray(wechatCalls.appid, appids),
    gte(wechatCalls.at, start),
    lt(wechatCalls.at, new Date(end.getTime() + 1)),
  );
  const errors = and(inRange, sql`${wechatCalls.errcode} is not null and ${wechatCalls.errcode} <> 0`);
  const bucketMs = bucket === "hour" ? 3_600_000 : 86_400_000;
  const [byBucket, top, perAccount] = await Promise.all([
    db
      .select({
        bucket: sql<string>`floor((extract(epoch from ${wechatCalls.at}) * 1000 - ${startMs}) / ${bucketMs})::int`,
        errcode: wechatCalls.errcode,
        count: count(),
      })
      .from(wechatCalls)
      .where(errors)
      .groupBy(sql`1`, wechatCalls.errcode),
    db
      .select({
        errcode: wechatCalls.errcode,
        appid: wechatCalls.appid,
        count: count(),
        lastAt: sql<string>`max(${wechatCalls.at})`,
        // Errors of calls that then went through: the product recovered by itself (a token renewed, a retry).
        // Written out: in a select list drizzle names the outer columns unqualified, which the subquery would take as its own.
        recovered: sql<number>`count(*) filter (where exists (
          select 1 from wechat_calls as later
          where later.call_id = wechat_calls.call_id and later.operation = wechat_calls.operation
            and later.outcome = 'success'
        ))`.mapWith(Number),
      })
      .from(wechatCalls)
      .where(errors)
      .groupBy(wechatCalls.errcode, wechatCalls.appid),
    db.execute(sql`
      select appid,
             count(distinct call_id)::int as calls,
             count(distinct call_id) filter (where outcome = 'success')::int as succeeded,
             percentile_cont(0.5) within group (order by latency_ms) as median
      from wechat_calls
      where appid in (${sql.join(
        appids.map((appid) => sql`${appid}`),
        sql`, `,
      )})
        and at >= ${start.toISOString()}
      group by appid`),
  ]);

  const buckets = bucketStarts.map((at) => ({
    start: new Date(at).toISOString(),
    counts: {} as Record<string, number>,
  }));
  const totals = new Map<number, number>();
  for (const row of byBucket) {
    const target = buckets[Number(row.bucket)];
    if (!target || row.errcode === null) continue;
    target.counts[String(row.errcode)] = (target.counts[String(row.errcode)] ?? 0) + row.count;
    totals.set(row.errcode, (totals.get(row.errcode) ?? 0) + row.count);
  }
  const codes = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([code]) => code);

  const topByCode = new Map<number, ErrorOverview["top"][number]>();
  for (const row of top) {
    if (row.errcode === null) continue;
    const account = nameOf.get(row.appid);
    const item = topByCode.get(row.errcode) ?? {
      errcode: row.errcode,
      count: 0,
      recovered: 0,
      lastAt: new Date(0).toISOString(),
      accounts: [],
    };
    item.count += row.count;
    item.recovered += row.recovered;
    const last = new Date(row.lastAt).toISOString();
    if (last > item.lastAt) item.lastAt = last;
    if (account) item.accounts.push({ id: account.id, name: account.name, count: row.count });
    topByCode.set(row.errcode, item);
  }

  const stats = rowsOf<{ appid: string; calls: number; succeeded: number; median: number | string | null }>(
    perAccount,
  );
  return {
    range,
    buckets,
    codes,
    // Errors an operator must act on come first; those the product recovered from by itself, after.
    top: [...topByCode.values()]
      .sort((a, b) => b.count - b.recovered - (a.count - a.recovered) || b.count - a.count)
      .slice(0, 10),
    perAccount: accounts.map((account) => {
      const stat = stats.find((row) => row.appid === account.appid);
      return {
        id: account.id,
        appid: account.appid,
        name: account.name,
        calls: stat?.calls ?? 0,
        successRate: stat && stat.calls > 0 ? stat.succeeded / stat.calls : null,
        medianLatencyMs:
          stat?.median === null || stat?.median === undefined ? null : Math.round(Number(stat.median)),
      };
    }),
  };
}

function startOfDay(date: Date): number {
  const copy = new Date(date);
  copy.setHours(0, 0, 0, 0);
  return copy.getTime();
}
