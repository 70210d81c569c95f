import { ruleTemplateQuerySchema } from "@/lib/schemas/queries";
import { authRoute } from "@/server/api/route-guard";
import { CONTENT_TYPES, writeRulesFile } from "@/server/changesets/write-file";

export const dynamic = "force-dynamic";

/** An empty rules file of one kind, headers in the chosen language: the template to fill in. */
export const GET = authRoute(
  { role: "viewer", query: ruleTemplateQuerySchema },
  async (_request, { query }) => {
    const body = await writeRulesFile(query.kind, query.format, [], query.lang, { appid: "" });
    const name = `${query.kind === "A" ? "mini-program" : "service-account"}-rules-template-${query.lang}.${query.format}`;
    return new Response(body as BodyInit, {
      headers: {
        "content-type": CONTENT_TYPES[query.format],
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
      },
    });
  },
);
