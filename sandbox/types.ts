/** Bodies of the sandbox's control API (`/__sandbox/…`): the state to load, faults to inject, account changes. */
import { z } from "zod";

export const ENDPOINTS = [
  "token",
  "stable_token",
  "qrcodejumpadd",
  "qrcodejumpdelete",
  "qrcodejumpget",
  "qrcodejumppublish",
  "qrcodejumpdownload",
  "rid_get",
] as const;

export type Endpoint = (typeof ENDPOINTS)[number];

/** A type-A rule as `qrcodejumpget` returns it; omitted fields take WeChat's defaults. */
export const seedTypeARule = z.object({
  prefix: z.string().min(1),
  permit_sub_rule: z.literal([1, 2]).default(1),
  path: z.string().default(""),
  open_version: z.literal([1, 2, 3]).default(3),
  debug_url: z.array(z.string()).default([]),
  state: z.literal([1, 2]).default(1),
});

/** A type-B rule as `qrcodejumpget` returns it, plus the Mini Program it opens. */
export const seedTypeBRule = z.object({
  prefix: z.string().min(1),
  appid: z.string().min(1),
  path: z.string().default(""),
  state: z.literal([1, 2]).default(1),
});

export type StoredTypeARule = z.output<typeof seedTypeARule>;
export type StoredTypeBRule = z.output<typeof seedTypeBRule>;

const accountSettings = {
  personal: z.boolean(),
  released: z.boolean(),
  linkedMiniPrograms: z.array(z.string().min(1)),
  ruleLimit: z.number().int().nonnegative(),
  publishQuota: z.number().int().nonnegative(),
  /** When not empty, token requests from other addresses answer 40164. */
  ipWhitelist: z.array(z.string().min(1)),
};

export const accountSeed = z.object({
  appid: z.string().min(1),
  secret: z.string().min(1),
  kind: z.enum(["miniprogram", "officialaccount"]),
  personal: accountSettings.personal.default(false),
  released: accountSettings.released.default(true),
  linkedMiniPrograms: accountSettings.linkedMiniPrograms.default([]),
  /** Default: 100 for a Mini Program, 10,000 for a Service Account. */
  ruleLimit: accountSettings.ruleLimit.optional(),
  publishQuota: accountSettings.publishQuota.default(100),
  ipWhitelist: accountSettings.ipWhitelist.default([]),
  /** Checked against the account's kind when the seed is loaded. */
  rules: z.array(z.record(z.string(), z.unknown())).default([]),
});

/** `PATCH /__sandbox/accounts/<appid>`: change an account without a reset (release its code, link a Mini Program…). */
export const accountPatch = z.object(accountSettings).partial().strict();

export const sandboxSeed = z.object({
  accounts: z.array(accountSeed).default([]),
  verification: z.enum(["off", "http"]).default("off"),
  /**
   * With verification "http": fetch the file from this origin instead of the
   * prefix's own host (e.g. "http://127.0.0.1:4567"), so a test can use
   * realistic prefixes and still serve the file locally.
   */
  verificationOrigin: z.url({ protocol: /^https?$/ }).optional(),
  /** Hosts (and their subdomains) that answer 85070. */
  blacklistedHosts: z.array(z.string().min(1)).default([]),
  /** Hosts (and their subdomains) without ICP filing: 85076. */
  icpUnfiledHosts: z.array(z.string().min(1)).default([]),
});

export type AccountSeed = z.input<typeof accountSeed>;
export type SandboxSeed = z.input<typeof sandboxSeed>;
export type ParsedSeed = z.output<typeof sandboxSeed>;
export type AccountPatch = z.output<typeof accountPatch>;

export const resetRequest = z.union([z.object({ fixture: z.enum(["demo", "empty"]) }).strict(), sandboxSeed]);

export const faultRequest = z
  .object({
    endpoint: z.enum([...ENDPOINTS, "*"]),
    mode: z.enum(["errcode", "delay", "late", "drop", "garbage", "answer"]),
    /** mode "errcode": the code to answer with (default -1). */
    errcode: z.number().int().optional(),
    /** How many calls it hits; default 1 unless `rate` is given (then unlimited). */
    count: z.number().int().positive().optional(),
    /** The fraction of matching calls it hits, spread evenly (0.5: the 1st, 3rd, 5th…). */
    rate: z.number().gt(0).max(1).optional(),
    /** mode "delay": how long to wait before handling the call normally; mode "late": when the answer comes. */
    delayMs: z.number().int().nonnegative().max(120_000).default(1000),
    /**
     * mode "late": when the call takes effect, counted like `delayMs` from its arrival (at most
     * `delayMs`). A client whose deadline falls in between gives up while WeChat is still at work.
     */
    applyAfterMs: z.number().int().nonnegative().max(120_000).default(0),
    /** mode "answer": the JSON object answered instead of WeChat's (e.g. `{"errcode":0}`); a rid is added to an errmsg of an error. */
    body: z.record(z.string(), z.unknown()).optional(),
    /** mode "garbage": the HTTP status of the non-JSON answer. */
    status: z.number().int().min(200).max(599).default(502),
    /** Carry the call out first, then answer with the fault (-1 after the rule was created; a lost answer). */
    apply: z.boolean().default(false),
  })
  .strict()
  .refine((fault) => fault.mode !== "late" || fault.applyAfterMs <= fault.delayMs, {
    message: "applyAfterMs must not be after delayMs: the answer comes after the call took effect",
    path: ["applyAfterMs"],
  })
  .refine((fault) => fault.mode !== "answer" || fault.body !== undefined, {
    message: 'mode "answer" needs a body',
    path: ["body"],
  });

export type FaultRequest = z.output<typeof faultRequest>;

export const clockRequest = z
  .object({
    advanceSeconds: z
      .number()
      .nonnegative()
      .max(10 * 365 * 24 * 3600),
  })
  .strict();
