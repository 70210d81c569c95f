import "server-only";

import { z } from "zod";

import { DEFAULT_VERIFICATION_PATH_PREFIX, isUsablePathPrefix } from "@/lib/verification/hosting";

/**
 * The product's configuration, parsed once at start-up. App code imports `env`
 * from here and never reads `process.env` itself.
 */
const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

/** A five-field cron expression (pg-boss's schedule), or "off"; `fallback` is the default and the example. */
const cronOrOff = (fallback: string) =>
  z
    .string()
    .regex(/^(off|(\S+\s+){4}\S+)$/, `must be a five-field cron expression such as "${fallback}", or "off"`)
    .default(fallback);

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
    DATA_DIR: z.string().min(1).default("./.data"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 33)"),
    AUTH_URL: z
      .url()
      .optional()
      .or(z.literal("").transform(() => undefined)),
    AUTH_INSECURE_COOKIES: booleanFlag,
    /** A reverse proxy in front sets X-Forwarded-For/-Host/-Proto; without it those headers are ignored. */
    TRUST_PROXY: booleanFlag,
    ADMIN_EMAIL: z
      .email()
      .optional()
      .or(z.literal("").transform(() => undefined)),
    ADMIN_PASSWORD: z
      .string()
      .min(10, "must be at least 10 characters")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    SECRETS_KEY: z
      .string()
      .refine((value) => /^[0-9a-f]{64}$/i.test(value) || Buffer.from(value, "base64").length === 32, {
        message: "must be 32 bytes as 64 hex or 44 base64 characters (try: openssl rand -base64 32)",
      }),
    WECHAT_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
    /** How long after a missed deadline a change may still land at WeChat (see DEFAULT_SETTLE_MS). */
    WECHAT_SETTLE_MS: z.coerce.number().int().min(0).max(120_000).default(5_000),
    WECHAT_API_BASE: z
      .url()
      .default("https://api.weixin.qq.com")
      .transform((url) => url.replace(/\/+$/, "")),
    /**
     * Where WeChat's third-party platform authorization page is (`/cgi-bin/componentloginpage` under it).
     * Demo mode points it at the sandbox, like WECHAT_API_BASE.
     */
    WECHAT_AUTH_PAGE_BASE: z
      .url({ protocol: /^https?$/, error: "must be an http:// or https:// address" })
      .default("https://mp.weixin.qq.com")
      .transform((url) => url.replace(/\/+$/, "")),
    DEMO_MODE: booleanFlag,
    /**
     * Lets the verification file's preflight connect to private, loopback and link-local addresses.
     * Off by default, because the URL it fetches is operator input and must not reach the server's
     * own network; demo mode turns it on, since everything it runs (the sandbox included) is on 127.0.0.1.
     */
    PREFLIGHT_ALLOW_PRIVATE: booleanFlag,
    /**
     * The address at which the internet (WeChat included) reaches this product's root, e.g.
     * `https://qr.example.com`. When set, the product hosts each account's verification file at
     * `PUBLIC_URL/<VERIFICATION_PATH_PREFIX>/<appid>/<file_name>` and offers that directory as a rule
     * prefix; unset, it hosts nothing. Separate from AUTH_URL, because the dashboard may sit behind a
     * VPN while the files must be public.
     */
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: "must be an http:// or https:// address" })
      .refine((url) => !/[?#]/.test(url), "must not have a query or a fragment")
      .transform((url) => url.replace(/\/+$/, ""))
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /**
     * The first path segment of hosted verification files. One segment of letters, digits, `-` and `_`,
     * not one the product's own pages use (`rules`, `api`…). Changing it moves every hosted file, so
     * rules added under the old directory can no longer be verified again.
     */
    VERIFICATION_PATH_PREFIX: z
      .string()
      .refine(
        isUsablePathPrefix,
        "must be one path segment of letters, digits, - and _, not one the product uses (api, rules…)",
      )
      .default(DEFAULT_VERIFICATION_PATH_PREFIX),
    /**
     * When every account with a desired state is checked for drift (cron, in the server's time zone;
     * "off" turns the scheduled check off; the button on the changes page always works).
     */
    DRIFT_CHECK_CRON: cronOrOff("0 * * * *"),
    /**
     * When the verification file and certificate behind every published Mini Program rule are fetched again
     * (cron, in the server's time zone; "off" turns the scheduled recheck off; "Recheck now" always works).
     */
    VERIFICATION_RECHECK_CRON: cronOrOff("17 3 * * *"),
    /** A certificate that expires within this many days is reported by the recheck. */
    VERIFICATION_CERT_WARN_DAYS: z.coerce.number().int().min(1).max(365).default(21),
  })
  .refine((value) => !value.ADMIN_EMAIL === !value.ADMIN_PASSWORD, {
    message: "ADMIN_EMAIL and ADMIN_PASSWORD must be set together",
    path: ["ADMIN_PASSWORD"],
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".") || "environment";
        const received = source[name];
        return received === undefined && issue.code === "invalid_type"
          ? `${name} is required but not set`
          : `${name}: ${issue.message}`;
      }),
    );
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment; the first call parses it and throws `EnvError` naming every bad variable. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

// Parsed on first use rather than at import, because `next build` loads server
// modules without the runtime configuration; `instrumentation.ts` touches it at
// boot so a bad value still stops start-up.
export const env: Env = new Proxy({} as Env, {
  get: (_target, property) => getEnv()[property as keyof Env],
});
