import { NextResponse } from "next/server";
import { z } from "zod";

import { MAX_PAGE_SIZE } from "@/lib/rules/contract";
import { ActionFailure } from "@/server/actions/safe-action";
import { authRoute } from "@/server/api/route-guard";
import { requestRulesContext } from "@/server/rules/context";
import { rulePage } from "@/server/rules/service";

export const dynamic = "force-dynamic";

const query = z.object({
  q: z.string().max(1024).optional(),
  state: z.coerce.number().pipe(z.literal([1, 2])).optional(),
  target: z.string().regex(/^wx[0-9a-f]{16}$/).optional(),
  sort: z.enum(["prefix", "path", "state"]).optional(),
  dir: z.enum(["asc", "desc"]).optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
});

/** One page of the account's mirrored rules, with the header figures. */
export const GET = authRoute<{ accountId: string }>("viewer", async (request, { operator, params }) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return NextResponse.json({ error: "invalid query" }, { status: 400 });
  try {
    const page = await rulePage(await requestRulesContext(operator), params.accountId, parsed.data);
    return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof ActionFailure) {
      return NextResponse.json({ error: error.error.message }, { status: error.error.code === "NOT_FOUND" ? 404 : 400 });
    }
    throw error;
  }
});
