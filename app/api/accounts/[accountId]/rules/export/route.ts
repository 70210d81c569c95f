import { accountParamsSchema, ruleExportQuerySchema } from "@/lib/schemas/queries";
import { authRoute } from "@/server/api/route-guard";
import { exportRules } from "@/server/changesets/export-rules";

export const dynamic = "force-dynamic";

/** The account's rules as a file to edit and import again (`fresh=1` reads WeChat first). */
export const GET = authRoute(
  { role: "viewer", params: accountParamsSchema, query: ruleExportQuerySchema },
  async (_request, { context, params, query }) => {
    const file = await exportRules(context, params.accountId, query.format, query.fresh === "1");
    return new Response(file.body as BodyInit, {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.fileName}"`,
        "cache-control": "no-store",
      },
    });
  },
);
