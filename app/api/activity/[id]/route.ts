import { NextResponse } from "next/server";

import { getActivityDetail } from "@/server/activity/queries";
import { summaryTranslator } from "@/server/activity/request";
import { authRoute } from "@/server/api/route-guard";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/** One entry with its request, result and every WeChat call attempt. */
export const GET = authRoute<{ id: string }>("viewer", async (_request, { operator, params }) => {
  const id = /^\d{1,18}$/.test(params.id) ? Number(params.id) : null;
  const detail = id === null ? null : await getActivityDetail(await getDb(), operator, id, await summaryTranslator());
  if (!detail) return NextResponse.json({ error: "not found" }, { status: 404 });
  return NextResponse.json(detail, { headers: { "cache-control": "no-store" } });
});
