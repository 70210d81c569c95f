"use server";

import { ridLookupSchema } from "@/lib/schemas/activity";

import { lookupRidOfEntry } from "../activity/lookup";
import { authAction } from "./safe-action";

/** What WeChat saw of a failed call, by its rid (`/cgi-bin/openapi/rid/get`, kept 7 days). */
export const lookupRid = authAction(
  { role: "viewer", schema: ridLookupSchema, name: "lookupRid" },
  async (input, context) => lookupRidOfEntry(context, Number(input.entryId), input.rid),
);
