"use server";

import { ridLookupSchema } from "@/lib/schemas/activity";

import { lookupRidOfEntry } from "../activity/lookup";
import { requestRulesContext } from "../rules/context";
import { authAction } from "./safe-action";

/** What WeChat saw of a failed call, by its rid (`/cgi-bin/openapi/rid/get`, kept 7 days). */
export const lookupRid = authAction(
  { role: "viewer", schema: ridLookupSchema },
  async (input, { operator }) => lookupRidOfEntry(await requestRulesContext(operator), Number(input.entryId), input.rid),
);
