import "server-only";

import { z } from "zod";

/** WeChat's answers, parsed before use; anything else is a malformed answer, not a crash. */
export const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() });

const state = z.union([z.literal(1), z.literal(2)]);

export const typeARule = z.object({
  prefix: z.string(),
  permit_sub_rule: z.union([z.literal(1), z.literal(2)]),
  path: z.string(),
  open_version: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  // The one field WeChat leaves out (for a rule without test links) rather than sending empty.
  debug_url: z.array(z.string()).default([]),
  state,
});

export const typeBRule = z.object({ prefix: z.string(), path: z.string(), state });

// Required, every one: a success answer without them is malformed, not an empty account. Defaults
// here once turned `{"errcode":0}` into "no rules, no publishes left" and emptied the mirror.
const listCommon = {
  qrcodejump_open: z.number().int(),
  qrcodejump_pub_quota: z.number().int(),
  list_size: z.number().int(),
};

export const typeAList = z.object({ rule_list: z.array(typeARule), ...listCommon });
export const typeBList = z.object({
  rule_list: z.array(typeBRule),
  total_count: z.number().int(),
  ...listCommon,
});
export const verificationFile = z.object({ file_name: z.string().min(1), file_content: z.string() });
export const ridRecord = z.object({
  request: z.object({
    invoke_time: z.number().optional(),
    cost_in_ms: z.number().optional(),
    request_url: z.string().optional(),
    request_body: z.string().optional(),
    response_body: z.string().optional(),
    client_ip: z.string().optional(),
  }),
});
export const ok = z.object({ errcode: z.literal(0).optional() });

export type TypeARule = z.output<typeof typeARule>;
export type TypeBRule = z.output<typeof typeBRule>;
export type TypeAList = z.output<typeof typeAList>;
export type TypeBList = z.output<typeof typeBList>;
export type VerificationFile = z.output<typeof verificationFile>;
export type RidRecord = z.output<typeof ridRecord>["request"];
