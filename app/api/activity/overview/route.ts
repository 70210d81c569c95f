import { NextResponse } from "next/server";

import { overviewQuerySchema } from "@/lib/schemas/queries";
import { errorOverview } from "@/server/activity/queries";
import { authRoute } from "@/server/api/route-guard";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/** Errors over time by code, the most frequent errors, success rate and latency per account. */
export const GET = authRoute(
  { role: "viewer", query: overviewQuerySchema },
  async (_request, { operator, query }) => {
    const overview = await errorOverview(await getDb(), operator, query.range, query.account);
    return NextResponse.json(overview, { headers: { "cache-control": "no-store" } });
  },
);
