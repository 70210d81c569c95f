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
  "api_component_token",
  "api_create_preauthcode",
  "api_query_auth",
  "api_authorizer_token",
  "api_get_authorizer_info",
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
  /**
   * Whether the account's own access_token (`/cgi-bin/token`, `stable_token`) may call the
   * qrcodejump family. "refused" answers 48001, as WeChat does to a Mini Program's own token (its
   * rules are managed through a third-party platform's authorizer_access_token); "accepted" stands
   * for an account that takes its own token, as the product's direct accounts assume.
   */
  ownToken: z.enum(["refused", "accepted"]),
  /**
   * What `is_edit: 1` may change. "narrow" (WeChat as observed): a type-A edit may change only
   * `open_version`, `permit_sub_rule` and `debug_url`, a type-B edit nothing; a changed `path` (or
   * type-B `appid`) is 40097. "any": the path may change too (only a type-B appid may not).
   */
  edits: z.enum(["narrow", "any"]),
  /** A Mini Program's lifetime budget of type-B `qrcodejumpadd` calls (adds and edits). */
  typeBAddBudget: z.number().int().nonnegative(),
  /** Shown by api_get_authorizer_info and on the authorization page. */
  name: z.string().min(1),
  /** Shown as `principal_name` (a personal account's is always 个人). */
  principalName: z.string().min(1),
  /** `verify_type_info` 0 (WeChat-verified) or -1. */
  verified: z.boolean(),
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
  /** Default: "refused" for a Mini Program, "accepted" for a Service Account. */
  ownToken: accountSettings.ownToken.optional(),
  edits: accountSettings.edits.default("narrow"),
  typeBAddBudget: accountSettings.typeBAddBudget.default(100_000),
  /** Default: a name made from the kind and the appid. */
  name: accountSettings.name.optional(),
  principalName: accountSettings.principalName.optional(),
  verified: accountSettings.verified.default(true),
  /** Checked against the account's kind when the seed is loaded. */
  rules: z.array(z.record(z.string(), z.unknown())).default([]),
});

/** `PATCH /__sandbox/accounts/<appid>`: change an account without a reset (release its code, link a Mini Program…). */
export const accountPatch = z.object(accountSettings).partial().strict();

/** A permission set id as WeChat numbers them (3 account services, 18 Mini Program development, 33 …). */
const permissionSet = z.number().int().positive().max(1000);

/** A merchant account's standing authorization of a platform, as if given on the authorization page. */
export const authorizationSeed = z
  .object({
    authorizer_appid: z.string().min(1),
    permissionSets: z.array(permissionSet).min(1),
    /** Default: a new one. Give one to seed the product with a refresh token it already holds. */
    refreshToken: z.string().min(1).optional(),
  })
  .strict();

const platformSettings = {
  /** The product's authorization-event URL (授权事件接收URL): tickets and authorization events are pushed here. */
  eventUrl: z.url({ protocol: /^https?$/ }),
  /** Push a new component_verify_ticket every 10 minutes of sandbox time (and at once when set). */
  autoTicket: z.boolean(),
  /** The permission sets the platform asks merchants for: the checkboxes of the authorization page. */
  permissionSets: z.array(permissionSet).min(1),
  /** When not empty, api_component_token from other addresses answers 61004. */
  ipWhitelist: z.array(z.string().min(1)),
  /** When not empty, the authorization page accepts only a redirect_uri on these hosts (or their subdomains). */
  redirectDomains: z.array(z.string().min(1)),
};

/** A third-party platform (第三方平台) the sandbox knows. */
export const platformSeed = z
  .object({
    component_appid: z.string().min(1),
    component_appsecret: z.string().min(1),
    /** The message token (消息校验Token): WeChat's rule is 3–32 letters and digits. */
    token: z.string().regex(/^[A-Za-z0-9]{3,32}$/, "3–32 letters and digits"),
    /** The EncodingAESKey: 43 characters of base64. */
    encodingAesKey: z.string().regex(/^[A-Za-z0-9+/]{43}$/, "43 characters of base64 (A–Z, a–z, 0–9, +, /)"),
    eventUrl: platformSettings.eventUrl.optional(),
    autoTicket: platformSettings.autoTicket.default(false),
    permissionSets: platformSettings.permissionSets.default([3, 18, 33]),
    ipWhitelist: platformSettings.ipWhitelist.default([]),
    redirectDomains: platformSettings.redirectDomains.default([]),
    /** A ticket taken as the latest one pushed, at the reset's time (so a test need not receive a push first). */
    verifyTicket: z.string().min(1).optional(),
    authorizations: z.array(authorizationSeed).default([]),
  })
  .strict();

/** `PATCH /__sandbox/platforms/<component_appid>`; `eventUrl: null` removes the URL. */
export const platformPatch = z
  .object({ ...platformSettings, eventUrl: platformSettings.eventUrl.nullable() })
  .partial()
  .strict();

export type PlatformSeed = z.input<typeof platformSeed>;
export type PlatformPatch = z.output<typeof platformPatch>;

export const sandboxSeed = z.object({
  accounts: z.array(accountSeed).default([]),
  platforms: z.array(platformSeed).default([]),
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

/** `POST /__sandbox/platform/ticket`: push a new component_verify_ticket (default: the only platform). */
export const ticketPushRequest = z.object({ component_appid: z.string().min(1).optional() }).strict();

/**
 * `POST /__sandbox/platform/events`: a merchant admin authorizes the platform, changes the
 * permission sets or cancels, outside the authorization page; the event is pushed.
 */
export const eventPushRequest = z
  .object({
    type: z.enum(["authorized", "updateauthorized", "unauthorized"]),
    authorizer_appid: z.string().min(1),
    component_appid: z.string().min(1).optional(),
    /** authorized / updateauthorized: the sets granted (default: every set the platform asks for). */
    permissionSets: z.array(permissionSet).min(1).optional(),
  })
  .strict();

export type EventPushRequest = z.output<typeof eventPushRequest>;

export const clockRequest = z
  .object({
    advanceSeconds: z
      .number()
      .nonnegative()
      .max(10 * 365 * 24 * 3600),
  })
  .strict();
