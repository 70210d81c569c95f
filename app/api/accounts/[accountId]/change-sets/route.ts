import { NextResponse } from "next/server";

import { accountParamsSchema } from "@/lib/schemas/queries";
import { ActionFailure } from "@/server/actions/failure";
import { visibleAccount } from "@/server/access/grants";
import { authRoute } from "@/server/api/route-guard";
import { readDrift } from "@/server/changesets/drift";
import { changeSetList } from "@/server/changesets/views";

export const dynamic = "force-dynamic";

/** The account's change sets, newest first, and its last drift check. */
export const GET = authRoute(
  { role: "viewer", params: accountParamsSchema },
  async (_request, { context, params }) => {
    const account = await visibleAccount(context.db, context.operator, params.accountId);
    if (!account) throw new ActionFailure({ code: "NOT_FOUND", message: context.t("accountNotFound") });
    const [changeSets, drift] = await Promise.all([
      changeSetList(context.db, account.id),
      readDrift(context, account.id),
    ]);
    return NextResponse.json(
      { changeSets, drift, changesNeedApproval: account.changesNeedApproval },
      { headers: { "cache-control": "no-store" } },
    );
  },
);
