import { toCsv } from "@/lib/activity/csv";
import { activityQuerySchema } from "@/lib/schemas/queries";
import { exportActivity } from "@/server/activity/queries";
import { summaryTranslator } from "@/server/activity/request";
import { authRoute } from "@/server/api/route-guard";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/** The filtered log as CSV, UTF-8 with a byte-order mark so that Excel shows Chinese correctly. */
export const GET = authRoute(
  { role: "viewer", query: activityQuerySchema },
  async (_request, { operator, query }) => {
    const entries = await exportActivity(await getDb(), operator, query, await summaryTranslator());
    const header = [
      "time",
      "operator",
      "account",
      "appid",
      "operation",
      "prefix",
      "target_appid",
      "outcome",
      "errcode",
      "errmsg",
      "rid",
      "latency_ms",
      "attempts",
      "errcodes_seen",
      "batch_id",
      "summary",
    ];
    const rows = entries.map((entry) => [
      entry.at,
      entry.operator?.email ?? "",
      entry.account?.name ?? "",
      entry.account?.appid ?? "",
      entry.operation,
      entry.prefix ?? "",
      entry.targetAppid ?? "",
      entry.outcome,
      entry.errcode === null ? "" : String(entry.errcode),
      entry.errmsg ?? "",
      entry.rid ?? "",
      entry.latencyMs === null ? "" : String(entry.latencyMs),
      String(entry.attempts),
      entry.errcodesSeen.join(" "),
      entry.batchId ?? "",
      entry.summary ?? "",
    ]);
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
    return new Response(toCsv([header, ...rows]), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="activity-${stamp}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
);
