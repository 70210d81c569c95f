import { NextResponse } from "next/server";

import { DEFAULT_PAGE_SIZE } from "@/lib/rules/contract";
import { changeSetParamsSchema, planItemQuerySchema } from "@/lib/schemas/queries";
import { authRoute } from "@/server/api/route-guard";
import { readItemPage } from "@/server/changesets/store";
import { visibleChangeSet } from "@/server/changesets/visible";

export const dynamic = "force-dynamic";

/** One page of a change set's rows in the file's order, with each row's fate and outcome. */
export const GET = authRoute(
  { role: "viewer", params: changeSetParamsSchema, query: planItemQuerySchema },
  async (_request, { context, params, query }) => {
    const changeSet = await visibleChangeSet(context, params.changeSetId);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const { rows, total } = await readItemPage(context.db, changeSet.id, { ...query, page, pageSize });
    return NextResponse.json({ rows, total, page, pageSize }, { headers: { "cache-control": "no-store" } });
  },
);
