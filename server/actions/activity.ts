"use server";

import { z } from "zod";

import { lookupRidOfEntry } from "../activity/lookup";
import { requestRulesContext } from "../rules/context";
import { authAction } from "./safe-action";

/** What WeChat saw of a failed call, by its rid (`/cgi-bin/openapi/rid/get`, kept 7 days). */
export const lookupRid = authAction(
  { role: "viewer", schema: z.object({ entryId: z.string().regex(/^\d{1,18}$/), rid: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/) }) },
  async (input, { operator }) => lookupRidOfEntry(await requestRulesContext(operator), Number(input.entryId), input.rid),
);
