/**
 * Every route handler parses its query string and path parameters before any
 * of it reaches the database: malformed input is a 400 naming the parameter,
 * in the action error shape and the operator's language, never a 500.
 *
 * The built product runs as a user would start it (`next start`, embedded
 * database, WeChat at the sandbox over HTTP), signed in as an admin through
 * Auth.js's own endpoints. The fuzz part sends thousands of generated query
 * strings (arbitrary bytes percent-encoded, numbers at and past PostgreSQL's
 * integer range, NUL, lone surrogates, invalid UTF-8, unknown keys) to every
 * route handler and path parameter and asserts that none answers 5xx.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { MESSAGES } from "@/lib/i18n/messages";
import { activityQuerySchema, ruleQuerySchema } from "@/lib/schemas/queries";
import { createAccountIfAbsent } from "@/server/accounts";
import { openDatabase } from "@/server/db/client";
import { wechatAccounts } from "@/server/db/schema";
import { createOperatorIfAbsent } from "@/server/operators";
import { type RunningProduct, signInOverHttp, startProduct } from "@/tests/support/product";
import { MINI_PROGRAM, SandboxHarness } from "@/tests/support/sandbox-client";
import { TEST_SECRETS_KEY, testBox } from "@/tests/support/wechat";

let sandbox: SandboxHarness;
let product: RunningProduct;
let dataDir: string;
let cookie: string;
let accountId: string;

beforeAll(async () => {
  sandbox = await SandboxHarness.start({
    accounts: [{ ...MINI_PROGRAM, rules: [{ prefix: "https://routes.example.com/a/", path: "pages/a/a" }] }],
  });
  dataDir = await mkdtemp(path.join(tmpdir(), "qrjump-routes-"));
  // The product's own database, prepared before it starts (the embedded database has one process at a time).
  const handle = await openDatabase({ kind: "embedded", dataDir: path.join(dataDir) });
  await handle.migrate();
  await createOperatorIfAbsent(handle.db, {
    email: "routes@example.com",
    name: "Routes",
    role: "admin",
    password: "routes-password-1",
  });
  await createAccountIfAbsent(handle.db, testBox(), { ...MINI_PROGRAM, name: "Route Shop" });
  const [account] = await handle.db.select({ id: wechatAccounts.id }).from(wechatAccounts);
  accountId = account?.id ?? "";
  await handle.close();
  product = await startProduct({
    AUTH_SECRET: "routes-test-auth-secret-0123456789abcdef",
    SECRETS_KEY: TEST_SECRETS_KEY,
    DATA_DIR: dataDir,
    WECHAT_API_BASE: sandbox.url,
  });
  cookie = (await signInOverHttp(product.url, "routes@example.com", "routes-password-1")) ?? "";
  expect(cookie).not.toBe("");
}, 120_000);

afterAll(async () => {
  await product?.stop();
  await sandbox?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function get(pathAndQuery: string, language = "en"): Promise<Response> {
  return fetch(`${product.url}${pathAndQuery}`, {
    headers: { cookie, "accept-language": language, accept: "application/json" },
  });
}

interface RouteError {
  error: { code: string; message: string; fieldErrors?: Record<string, string[]> };
}

async function expectInvalid(
  pathAndQuery: string,
  field: string,
  language: "en" | "zh-CN" = "en",
): Promise<RouteError> {
  const response = await get(pathAndQuery, language);
  const body = (await response.json()) as RouteError;
  expect({ status: response.status, code: body.error?.code }, pathAndQuery).toEqual({
    status: 400,
    code: "INVALID_INPUT",
  });
  expect(body.error.message).toBe(MESSAGES[language].actionErrors.invalidInput);
  expect(Object.keys(body.error.fieldErrors ?? {}), pathAndQuery).toEqual([field]);
  return body;
}

describe("route handlers refuse malformed query strings with a 400 naming the parameter", () => {
  it("an errcode past PostgreSQL's integer range", async () => {
    await expectInvalid("/api/activity?errcode=99999999999", "errcode");
    await expectInvalid("/api/activity/export?errcode=-99999999999", "errcode");
  });

  it("text PostgreSQL cannot store, in the operator's language", async () => {
    for (const route of ["/api/activity", "/api/activity/export", `/api/accounts/${accountId}/rules`]) {
      const en = await expectInvalid(`${route}?q=%00`, "q");
      expect(en.error.fieldErrors?.q).toEqual([MESSAGES.en.validation.unstorableText]);
      // Invalid UTF-8 in a URL decodes to U+FFFD, which is storable; a NUL is the one way in.
      const zh = await expectInvalid(`${route}?q=a%00b`, "q", "zh-CN");
      expect(zh.error.fieldErrors?.q).toEqual([MESSAGES["zh-CN"].validation.unstorableText]);
    }
  });

  it("dates that do not exist, and path parameters of the wrong form", async () => {
    await expectInvalid("/api/activity?from=2024-02-31T00:00:00Z", "from");
    await expectInvalid("/api/activity/overview?account=not-a-uuid", "account");
    await expectInvalid("/api/activity/999999999999999999", "id");
    await expectInvalid("/api/accounts/not-a-uuid/rules", "accountId");
  });

  it("a path that is not valid UTF-8, in the operator's language", async () => {
    for (const language of ["en", "zh-CN"] as const) {
      const response = await get("/api/activity/%80", language);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: { code: "INVALID_INPUT", message: MESSAGES[language].actionErrors.invalidAddress },
      });
    }
    const page = await get("/rules/%E0%A4%A");
    expect(page.status).toBe(400);
    expect(await page.text()).toBe(MESSAGES.en.actionErrors.invalidAddress);
  });

  it("well-formed queries still answer", async () => {
    expect((await get("/api/activity?errcode=85071&q=shop")).status).toBe(200);
    expect((await get("/api/activity/export?outcome=failure")).status).toBe(200);
    expect((await get("/api/activity/overview?range=24h")).status).toBe(200);
    expect((await get(`/api/accounts/${accountId}/rules?q=routes&page=1`)).status).toBe(200);
    expect((await get("/api/activity/987654321")).status).toBe(404);
  });
});

/** One query value as raw bytes, percent-encoded: lets the fuzz send invalid UTF-8 and lone surrogates' encodings. */
const encodedBytes = fc
  .uint8Array({ maxLength: 12 })
  .map((bytes) => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join(""));
const number = fc
  .oneof(
    fc.integer(),
    fc.constantFrom(2147483647, 2147483648, -2147483649, Number.MAX_SAFE_INTEGER, 1e21, 0, -1),
    fc.double(),
  )
  .map(String);
const text = fc
  .oneof(
    fc.string({ unit: "binary", maxLength: 20 }),
    fc.string({ maxLength: 1100 }),
    fc.constantFrom("\u0000", "\ud800", "\udfff", "%", "_", "\\"),
  )
  .map(encodeUnsafe);
const dates = fc
  .date({ min: new Date(-8_640_000_000_000_000), max: new Date(8_640_000_000_000_000), noInvalidDate: false })
  .map((date) => (Number.isNaN(date.getTime()) ? "2024-02-30T00:00:00Z" : date.toISOString()));
const value = fc.oneof(
  encodedBytes,
  number.map(encodeURIComponent),
  text,
  dates.map(encodeURIComponent),
  fc.uuid().map(String),
  fc.constantFrom("", "24h", "7d", "success", "rule.add", "prefix", "asc", "1", "2", "wx1111111111111111"),
);

/** Percent-encodes code units one by one, so that a lone surrogate goes out as its (invalid) UTF-8 bytes. */
function encodeUnsafe(text: string): string {
  let out = "";
  for (const unit of text) {
    try {
      out += encodeURIComponent(unit);
    } catch {
      const code = unit.charCodeAt(0);
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join("");
    }
  }
  return out;
}

/** A path segment: well-formed UTF-8, or any bytes percent-encoded (the proxy refuses what does not decode). */
const pathSegment = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 30 }).map(encodeURIComponent),
  encodedBytes.filter((bytes) => bytes.length > 0),
);

function queryOf(keys: readonly string[]) {
  return fc
    .array(
      fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 6 }).map(encodeUnsafe)), value),
      { maxLength: 6 },
    )
    .map((pairs) => pairs.map(([key, raw]) => `${key}=${raw}`).join("&"));
}

// Every parameter the endpoints' schemas know, each with values of every kind.
const ACTIVITY_KEYS = Object.keys(activityQuerySchema.shape);
const RULE_KEYS = Object.keys(ruleQuerySchema.shape);

describe("fuzzing every route handler's query and path parameters", () => {
  it("finds no 5xx", async () => {
    const routes: Array<{ name: string; path: fc.Arbitrary<string> }> = [
      { name: "activity", path: queryOf(ACTIVITY_KEYS).map((query) => `/api/activity?${query}`) },
      { name: "export", path: queryOf(ACTIVITY_KEYS).map((query) => `/api/activity/export?${query}`) },
      {
        name: "overview",
        path: queryOf(["range", "account"]).map((query) => `/api/activity/overview?${query}`),
      },
      {
        name: "detail",
        path: fc
          .tuple(fc.oneof(number, pathSegment), queryOf(["id"]))
          .map(([id, query]) => `/api/activity/${id || "0"}?${query}`),
      },
      {
        name: "rules",
        path: fc
          .tuple(fc.oneof(fc.constant(accountId), fc.uuid().map(String), pathSegment), queryOf(RULE_KEYS))
          .map(([id, query]) => `/api/accounts/${id || accountId}/rules?${query}`),
      },
    ];
    const started = Date.now();
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(route.path, async (pathAndQuery) => {
          const response = await get(pathAndQuery);
          const body = await response.text();
          if (response.status >= 500)
            throw new Error(`${response.status} for ${pathAndQuery}: ${body.slice(0, 200)}`);
          if (response.status === 400)
            expect((JSON.parse(body) as RouteError).error.code).toBe("INVALID_INPUT");
        }),
        { numRuns: 200, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
      );
    }
    // The whole fuzz stays well under a minute on a shared machine.
    expect(Date.now() - started).toBeLessThan(50_000);
  }, 120_000);
});
