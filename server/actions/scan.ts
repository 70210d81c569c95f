"use server";

import { prefixOverlapInput, simulateScanInput } from "@/lib/schemas/scan";

import { prefixOverlapsFor, simulate } from "../scan/simulate";
import { authAction } from "./safe-action";

/** What scanning each URL does, across every account the operator may see (nothing is sent to WeChat). */
export const simulateScan = authAction(
  { role: "viewer", schema: simulateScanInput, name: "simulateScan" },
  async (input, context) => simulate(context, input.urls, input.role),
);

/** The rules a new or edited prefix would shadow or be shadowed by, for the rule form's live warning. */
export const checkPrefixOverlaps = authAction(
  {
    role: "viewer",
    schema: prefixOverlapInput,
    name: "checkPrefixOverlaps",
    accountOf: (input) => input.accountId,
  },
  async (input, context) => prefixOverlapsFor(context, input.accountId, input.prefix, input.editing),
);
