import { z } from "zod";

/** A type-A rule as `qrcodejumpget` returns it. */
export const typeARuleSchema = z.object({
  prefix: z.string(),
  permit_sub_rule: z.union([z.literal(1), z.literal(2)]).default(1),
  path: z.string().default(""),
  open_version: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
  debug_url: z.array(z.string()).default([]),
  state: z.union([z.literal(1), z.literal(2)]).default(1),
});

/** A type-B rule as `qrcodejumpget` returns it, plus the Mini Program it opens. */
export const typeBRuleSchema = z.object({
  prefix: z.string(),
  appid: z.string(),
  path: z.string().default(""),
  state: z.union([z.literal(1), z.literal(2)]).default(1),
});

export type TypeARule = z.output<typeof typeARuleSchema>;
export type TypeBRule = z.output<typeof typeBRuleSchema>;

export const accountSeedSchema = z.object({
  appid: z.string().min(1),
  secret: z.string().min(1),
  kind: z.enum(["miniprogram", "officialaccount"]),
  personal: z.boolean().default(false),
  released: z.boolean().default(true),
  linkedMiniPrograms: z.array(z.string()).default([]),
  ruleLimit: z.number().int().positive().optional(),
  publishQuota: z.number().int().nonnegative().default(100),
  rules: z.array(z.record(z.string(), z.unknown())).default([]),
});

export const resetSchema = z.object({
  accounts: z.array(accountSeedSchema).default([]),
  verification: z.enum(["off", "http"]).default("off"),
  blacklistedHosts: z.array(z.string()).default([]),
  icpUnfiledHosts: z.array(z.string()).default([]),
});

export type AccountSeed = z.input<typeof accountSeedSchema>;
export type SandboxSeed = z.input<typeof resetSchema>;

export const faultSchema = z.object({
  endpoint: z.string().min(1),
  mode: z.enum(["errcode", "delay", "drop", "garbage"]),
  errcode: z.number().int().optional(),
  count: z.number().int().positive().optional(),
  rate: z.number().min(0).max(1).optional(),
  delayMs: z.number().int().nonnegative().max(120_000).optional(),
  /** Carry out the operation before answering with the fault (WeChat sometimes does after -1). */
  apply: z.boolean().default(false),
});

export type Fault = z.output<typeof faultSchema>;

export interface WeChatError {
  errcode: number;
  errmsg: string;
}
