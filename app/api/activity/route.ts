import { NextResponse } from "next/server";

import { listActivity } from "@/server/activity/queries";
import { parseActivityQuery, summaryTranslator } from "@/server/activity/request";
import { authRoute } from "@/server/api/route-guard";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/** One page of the activity log, newest first. */
export const GET = authRoute<Record<string, never>>("viewer", async (request, { operator }) => {
  const query = parseActivityQuery(request.url);
  if (!query) return NextResponse.json({ error: "invalid query" }, { status: 400 });
  const page = await listActivity(await getDb(), operator, query, await summaryTranslator());
  return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
});
