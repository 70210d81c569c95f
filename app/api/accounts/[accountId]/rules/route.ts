import { NextResponse } from "next/server";

import { accountParamsSchema, ruleQuerySchema } from "@/lib/schemas/queries";
import { ActionFailure } from "@/server/actions/safe-action";
import { authRoute, routeError } from "@/server/api/route-guard";
import { rulePage } from "@/server/rules/rule-page";

export const dynamic = "force-dynamic";

/** One page of the account's mirrored rules, with the header figures. */
export const GET = authRoute(
  { role: "viewer", query: ruleQuerySchema, params: accountParamsSchema },
  async (_request, { context, query, params }) => {
    try {
      const page = await rulePage(context, params.accountId, query);
      return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
    } catch (error) {
      if (error instanceof ActionFailure) return routeError(error.error);
      throw error;
    }
  },
);
