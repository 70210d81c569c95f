import { getTranslations } from "next-intl/server";

import { toCsv } from "@/lib/activity/csv";
import { changeSetParamsSchema } from "@/lib/schemas/queries";
import { authRoute } from "@/server/api/route-guard";
import { readAllItems } from "@/server/changesets/store";
import { visibleChangeSet } from "@/server/changesets/visible";

export const dynamic = "force-dynamic";

/** Every row of a change set with its fate and outcome, as CSV (UTF-8 with a BOM, for Excel). */
export const GET = authRoute(
  { role: "viewer", params: changeSetParamsSchema },
  async (_request, { context, params }) => {
    const changeSet = await visibleChangeSet(context, params.changeSetId);
    const t = await getTranslations("changeSets.results");
    const actions = await getTranslations("changeSets.actions");
    const states = await getTranslations("changeSets.states");
    const items = await readAllItems(context.db, changeSet.id);
    const header = ["row", "action", "prefix", "appid", "state", "errcode", "rid", "message", "endState"].map(
      (key) => t(key as "row"),
    );
    const rows = items.map((item) => [
      item.sourceRow === null ? "" : String(item.sourceRow),
      actions(item.action),
      item.prefix,
      item.targetAppid,
      states(item.state),
      item.error?.wechat?.errcode === undefined ? "" : String(item.error.wechat.errcode),
      item.error?.wechat?.rid ?? "",
      item.error?.message ?? "",
      item.endState ?? "",
    ]);
    return new Response(toCsv([header, ...rows]), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="change-set-${changeSet.id.slice(0, 8)}-results.csv"`,
        "cache-control": "no-store",
      },
    });
  },
);
