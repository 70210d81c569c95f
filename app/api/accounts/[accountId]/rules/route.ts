import { NextResponse } from "next/server";

import { accountParamsSchema, ruleQuerySchema } from "@/lib/schemas/queries";
import { authRoute } from "@/server/api/route-guard";
import { rulePage } from "@/server/rules/rule-page";

export const dynamic = "force-dynamic";

/** One page of the account's mirrored rules, with the header figures. */
export const GET = authRoute(
  { role: "viewer", query: ruleQuerySchema, params: accountParamsSchema },
  async (_request, { context, query, params }) => {
    const page = await rulePage(context, params.accountId, query);
    return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
  },
);
