import { NextResponse } from "next/server";

import { activityQuerySchema } from "@/lib/schemas/queries";
import { listActivity } from "@/server/activity/queries";
import { summaryTranslator } from "@/server/activity/request";
import { authRoute } from "@/server/api/route-guard";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/** One page of the activity log, newest first. */
export const GET = authRoute(
  { role: "viewer", query: activityQuerySchema },
  async (_request, { operator, query }) => {
    const page = await listActivity(await getDb(), operator, query, await summaryTranslator());
    return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
  },
);
