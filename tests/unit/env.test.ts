import { describe, expect, it } from "vitest";

import { EnvError, parseEnv } from "@/server/env";

const valid = { AUTH_SECRET: "x".repeat(32), SECRETS_KEY: "ab".repeat(32) };

describe("parseEnv", () => {
  it("applies the documented defaults", () => {
    const env = parseEnv(valid);
    expect(env).toMatchObject({
      PORT: 3000,
      DATA_DIR: "./.data",
      WECHAT_API_BASE: "https://api.weixin.qq.com",
      WECHAT_AUTH_PAGE_BASE: "https://mp.weixin.qq.com",
      DEMO_MODE: false,
      PREFLIGHT_ALLOW_PRIVATE: false,
      DRIFT_CHECK_CRON: "0 * * * *",
      VERIFICATION_RECHECK_CRON: "17 3 * * *",
      VERIFICATION_CERT_WARN_DAYS: 21,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("names every missing or bad variable", () => {
    let error: unknown;
    try {
      parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", WECHAT_API_BASE: "not a url" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    for (const name of [
      "AUTH_SECRET is required",
      "SECRETS_KEY is required",
      "PORT",
      "DATABASE_URL",
      "WECHAT_API_BASE",
    ]) {
      expect(message).toContain(name);
    }
  });

  it("requires ADMIN_EMAIL and ADMIN_PASSWORD together", () => {
    expect(() => parseEnv({ ...valid, ADMIN_EMAIL: "a@b.co" })).toThrow(/ADMIN_PASSWORD/);
    expect(parseEnv({ ...valid, ADMIN_EMAIL: "a@b.co", ADMIN_PASSWORD: "long enough!" }).ADMIN_EMAIL).toBe(
      "a@b.co",
    );
  });

  it("refuses a SECRETS_KEY that is not 32 bytes", () => {
    expect(() => parseEnv({ ...valid, SECRETS_KEY: "too-short" })).toThrow(/SECRETS_KEY: must be 32 bytes/);
    expect(
      parseEnv({ ...valid, SECRETS_KEY: Buffer.alloc(32, 7).toString("base64") }).SECRETS_KEY,
    ).toHaveLength(44);
  });

  it("strips a trailing slash from WECHAT_API_BASE", () => {
    expect(parseEnv({ ...valid, WECHAT_API_BASE: "http://127.0.0.1:3100/" }).WECHAT_API_BASE).toBe(
      "http://127.0.0.1:3100",
    );
  });

  it("takes the authorization page's base address as configured, without a trailing slash", () => {
    expect(
      parseEnv({ ...valid, WECHAT_AUTH_PAGE_BASE: "http://127.0.0.1:3100/" }).WECHAT_AUTH_PAGE_BASE,
    ).toBe("http://127.0.0.1:3100");
    expect(() => parseEnv({ ...valid, WECHAT_AUTH_PAGE_BASE: "javascript:alert(1)" })).toThrow(
      /WECHAT_AUTH_PAGE_BASE: must be an http/,
    );
    expect(() => parseEnv({ ...valid, WECHAT_AUTH_PAGE_BASE: "mp.weixin.qq.com" })).toThrow(
      /WECHAT_AUTH_PAGE_BASE/,
    );
  });

  it("takes the verification recheck's schedule as a five-field cron or off, and a warning window in days", () => {
    expect(parseEnv({ ...valid, VERIFICATION_RECHECK_CRON: "off" }).VERIFICATION_RECHECK_CRON).toBe("off");
    expect(parseEnv({ ...valid, VERIFICATION_RECHECK_CRON: "0 4 * * 1" }).VERIFICATION_RECHECK_CRON).toBe(
      "0 4 * * 1",
    );
    expect(() => parseEnv({ ...valid, VERIFICATION_RECHECK_CRON: "daily" })).toThrow(
      /VERIFICATION_RECHECK_CRON: must be a five-field cron expression such as "17 3 \* \* \*", or "off"/,
    );
    expect(parseEnv({ ...valid, VERIFICATION_CERT_WARN_DAYS: "30" }).VERIFICATION_CERT_WARN_DAYS).toBe(30);
    expect(() => parseEnv({ ...valid, VERIFICATION_CERT_WARN_DAYS: "0" })).toThrow(
      /VERIFICATION_CERT_WARN_DAYS/,
    );
    expect(() => parseEnv({ ...valid, VERIFICATION_CERT_WARN_DAYS: "soon" })).toThrow(
      /VERIFICATION_CERT_WARN_DAYS/,
    );
  });
});
