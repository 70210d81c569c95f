import fc from "fast-check";
import { createLoader } from "nuqs";
import { describe, expect, it } from "vitest";
import type { z } from "zod";

import { toSearchParams } from "@/lib/api-client";
import {
  activityParsers,
  logQueryParsers,
  resolveActivityParams,
  resolveLogQuery,
} from "@/lib/activity/query-params";
import { APPID_PATTERN } from "@/lib/wechat/ids";
import { resolveRuleQuery, ruleQueryParsers } from "@/lib/rules/query-params";
import {
  activityEntryParamsSchema,
  activityQuerySchema,
  overviewQuerySchema,
  ruleQuerySchema,
} from "@/lib/schemas/queries";

/**
 * The URL parsers of the server-paged tables do without zod, so they are checked here against the
 * schemas their endpoints parse with: whatever the address bar holds, the page asks for something the
 * endpoint accepts (never a 400 from a hand-edited or outdated link), and what the endpoint accepts, the
 * address keeps.
 */

/** What a route handler parses: the query string as an object, an empty value counting as absent. */
function asRouteQuery(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries([...params].filter(([, value]) => value !== ""));
}

function rulesQueryOf(params: URLSearchParams) {
  return resolveRuleQuery(createLoader(ruleQueryParsers)(params), "officialaccount");
}

const NOW = Date.parse("2026-03-01T12:00:00Z");
function activityOf(params: URLSearchParams) {
  return resolveActivityParams(createLoader(activityParsers)(params));
}

const hex = (length: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: length, maxLength: length });
/** Values of every kind the parameters take, well-formed and not, near their limits and past them. */
const rawValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ maxLength: 1100 }),
  fc.constantFrom("", " ", "\u0000", "a\u0000b", "\ud800", "x\udfff", "%", "1e3", "0x10", "-0", "01", " 5"),
  fc.integer().map(String),
  fc.constantFrom("0", "1", "2", "3", "200", "201", "2147483647", "2147483648", "-2147483649", "9999999999"),
  fc.uuid().map(String),
  fc.constantFrom("00000000-0000-0000-0000-000000000000", "11111111-1111-1111-1111-111111111111"),
  fc
    .date({
      min: new Date(-8_640_000_000_000_000),
      max: new Date(8_640_000_000_000_000),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString()),
  fc.constantFrom("2024-02-30T00:00:00Z", "2024-03-01", "March 7, 2024", "0000-01-01T00:00:00Z"),
  hex(16).map((digits) => `wx${digits}`),
  fc.constantFrom("prefix", "path", "state", "asc", "desc", "rule.add", "success", "unknown", "24h", "7d"),
);

function addressOf(keys: readonly string[]) {
  return fc
    .array(fc.tuple(fc.constantFrom(...keys), rawValue), { maxLength: 8 })
    .map((pairs) => new URLSearchParams(pairs));
}

/** What the schema finds wrong with a query: nothing, when it accepts it. */
function refusals(schema: z.ZodType, query: unknown) {
  return schema.safeParse(query).error?.issues ?? [];
}

/** Enough addresses to meet every kind of value at every parameter. */
const MANY = { numRuns: 2000 };

function keysOf(schema: z.ZodObject): string[] {
  return Object.keys(schema.shape).sort();
}

describe("the rules table's URL", () => {
  it("holds exactly the parameters the list endpoint takes", () => {
    expect(Object.keys(ruleQueryParsers).sort()).toEqual(keysOf(ruleQuerySchema));
  });

  it("never asks the list endpoint for what it refuses, whatever the address holds", () => {
    fc.assert(
      fc.property(addressOf(Object.keys(ruleQueryParsers)), (params) => {
        expect(refusals(ruleQuerySchema, asRouteQuery(toSearchParams(rulesQueryOf(params))))).toEqual([]);
      }),
      MANY,
    );
  });

  it("keeps what the endpoint accepts", () => {
    const address = new URLSearchParams(
      "q=shop.example.com/a+b&state=2&target=wx0123456789abcdef&sort=path&dir=desc&page=3&pageSize=100",
    );
    expect(refusals(ruleQuerySchema, asRouteQuery(address))).toEqual([]);
    expect(rulesQueryOf(address)).toEqual({
      q: "shop.example.com/a b",
      state: 2,
      target: "wx0123456789abcdef",
      sort: "path",
      dir: "desc",
      page: 3,
      pageSize: 100,
    });
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 1024 }).filter((q) => q.trim() === q && q !== ""),
        hex(16),
        fc.integer({ min: 1, max: 2_147_483_647 }),
        (q, digits, page) => {
          const params = new URLSearchParams({ q, target: `wx${digits}`, page: String(page) });
          expect(ruleQuerySchema.safeParse(asRouteQuery(params)).success).toBe(true);
          expect(rulesQueryOf(params)).toMatchObject({ q, target: `wx${digits}`, page });
        },
      ),
    );
  });

  it("fills in what the address leaves out, and reads what the table does not use as absent", () => {
    expect(rulesQueryOf(new URLSearchParams())).toEqual({ page: 1, pageSize: 50 });
    // An order without a direction is ascending; a direction without an order means nothing.
    expect(rulesQueryOf(new URLSearchParams("sort=prefix"))).toMatchObject({ sort: "prefix", dir: "asc" });
    expect(rulesQueryOf(new URLSearchParams("dir=desc"))).toEqual({ page: 1, pageSize: 50 });
    // More rows than the endpoint serves are read as the most it serves.
    expect(rulesQueryOf(new URLSearchParams("pageSize=5000")).pageSize).toBe(200);
    expect(rulesQueryOf(new URLSearchParams("page=0&state=3&target=wx1"))).toEqual({ page: 1, pageSize: 50 });
    // A Mini Program's rules all open the Mini Program itself: a target filter means nothing there.
    const values = createLoader(ruleQueryParsers)(new URLSearchParams("target=wx0123456789abcdef"));
    expect(resolveRuleQuery(values, "miniprogram")).toEqual({ page: 1, pageSize: 50 });
    expect(APPID_PATTERN.test("wx0123456789abcdef")).toBe(true);
  });
});

describe("the activity page's URL", () => {
  it("holds the parameters the log endpoint takes, and `last`, the window resolved before it is asked", () => {
    expect(
      Object.keys(logQueryParsers)
        .filter((key) => key !== "last")
        .sort(),
    ).toEqual(keysOf(activityQuerySchema));
  });

  it("never asks the log, the overview or an entry's endpoint for what they refuse", () => {
    fc.assert(
      fc.property(addressOf(Object.keys(activityParsers)), (params) => {
        const { log, range, entry } = activityOf(params);
        const sent = asRouteQuery(toSearchParams(resolveLogQuery(log, NOW)));
        expect(refusals(activityQuerySchema, sent)).toEqual([]);
        const overview = asRouteQuery(toSearchParams({ account: log.account, range }));
        expect(refusals(overviewQuerySchema, overview)).toEqual([]);
        if (entry !== undefined) expect(refusals(activityEntryParamsSchema, { id: entry })).toEqual([]);
      }),
      MANY,
    );
  });

  it("keeps what the endpoints accept", () => {
    const query = {
      account: "3f2b8c1e-5d4a-4b7e-9c3d-2a1b0c9d8e7f",
      operator: "6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
      operation: "rule.publish",
      outcome: "failure",
      errcode: "-1",
      from: "2026-02-01T00:00:00.000Z",
      to: "2026-02-02T00:00:00.000Z",
      q: "shop",
      page: "2",
      pageSize: "20",
    };
    expect(activityQuerySchema.safeParse(query).success).toBe(true);
    const params = new URLSearchParams({ ...query, view: "log", range: "30d", entry: "987654321" });
    expect(activityOf(params)).toEqual({
      tab: "log",
      range: "30d",
      entry: "987654321",
      log: { ...query, errcode: -1, page: 2, pageSize: 20 },
    });
  });

  it("reads an explicit window over a relative one, and resolves a relative one when the log is fetched", () => {
    const both = activityOf(new URLSearchParams("last=24h&from=2026-02-01T08:00:00%2B08:00"));
    expect(both.log).toEqual({ page: 1, pageSize: 50, from: "2026-02-01T00:00:00.000Z" });
    const relative = activityOf(new URLSearchParams("last=24h"));
    expect(relative.log.last).toBe("24h");
    expect(resolveLogQuery(relative.log, NOW)).toEqual({
      page: 1,
      pageSize: 50,
      from: "2026-02-28T12:00:00.000Z",
    });
    expect(activityOf(new URLSearchParams())).toEqual({
      tab: "overview",
      range: "7d",
      log: { page: 1, pageSize: 50 },
    });
    // Search text is read without its surrounding spaces; text PostgreSQL cannot store is no search.
    expect(activityOf(new URLSearchParams("q=%20shop%20")).log.q).toBe("shop");
    expect(activityOf(new URLSearchParams("q=a%00b")).log.q).toBeUndefined();
    // A search longer than the endpoint takes is cut to its length, never between the halves of a pair.
    expect(activityOf(new URLSearchParams({ q: `a${"😀".repeat(600)}` })).log.q).toHaveLength(1023);
  });
});
