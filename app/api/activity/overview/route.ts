import { NextResponse } from "next/server";
import { z } from "zod";

import { errorOverview } from "@/server/activity/queries";
import { authRoute } from "@/server/api/route-guard";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

const query = z.object({ range: z.enum(["24h", "7d", "30d"]).default("7d"), account: z.uuid().optional() });

/** Errors over time by code, the most frequent errors, success rate and latency per account. */
export const GET = authRoute<Record<string, never>>("viewer", async (request, { operator }) => {
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ""));
  const parsed = query.safeParse(params);
  if (!parsed.success) return NextResponse.json({ error: "invalid query" }, { status: 400 });
  const overview = await errorOverview(await getDb(), operator, parsed.data.range, parsed.data.account);
  return NextResponse.json(overview, { headers: { "cache-control": "no-store" } });
});
