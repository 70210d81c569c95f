import { NextResponse } from "next/server";

import { changeSetParamsSchema } from "@/lib/schemas/queries";
import { authRoute } from "@/server/api/route-guard";
import { changeSetView } from "@/server/changesets/views";
import { visibleChangeSet } from "@/server/changesets/visible";

export const dynamic = "force-dynamic";

/** A change set: its plan's figures, its progress and the rows that finished last (polled while it runs). */
export const GET = authRoute(
  { role: "viewer", params: changeSetParamsSchema },
  async (_request, { context, params }) => {
    const changeSet = await visibleChangeSet(context, params.changeSetId);
    const view = await changeSetView(context.db, context.operator, changeSet);
    return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
  },
);
