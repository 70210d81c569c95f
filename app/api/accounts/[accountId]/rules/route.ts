import { NextResponse } from "next/server";

import { accountParamsSchema, ruleQuerySchema } from "@/lib/schemas/queries";
import { ActionFailure } from "@/server/actions/safe-action";
import { authRoute, routeError } from "@/server/api/route-guard";
import { requestRulesContext } from "@/server/rules/context";
import { rulePage } from "@/server/rules/service";

export const dynamic = "force-dynamic";

/** One page of the account's mirrored rules, with the header figures. */
export const GET = authRoute({ role: "viewer", query: ruleQuerySchema, params: accountParamsSchema }, async (_request, { operator, query, params }) => {
  try {
    const page = await rulePage(await requestRulesContext(operator), params.accountId, query);
    return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof ActionFailure) return routeError(error.error);
    throw error;
  }
});
