import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";

import { activityEntryParamsSchema } from "@/lib/schemas/queries";
import { getActivityDetail } from "@/server/activity/queries";
import { summaryTranslator } from "@/server/activity/request";
import { ActionFailure } from "@/server/actions/failure";
import { authRoute } from "@/server/api/route-guard";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/** One entry with its request, result and every WeChat call attempt. */
export const GET = authRoute(
  { role: "viewer", params: activityEntryParamsSchema },
  async (_request, { operator, params }) => {
    const detail = await getActivityDetail(await getDb(), operator, params.id, await summaryTranslator());
    if (!detail)
      throw new ActionFailure({
        code: "NOT_FOUND",
        message: (await getTranslations("actionErrors"))("entryNotFound"),
      });
    return NextResponse.json(detail, { headers: { "cache-control": "no-store" } });
  },
);
