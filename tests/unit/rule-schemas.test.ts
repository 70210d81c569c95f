import { describe, expect, it } from "vitest";
import type { z } from "zod";

import { MESSAGES } from "@/lib/i18n/messages";
import {
  type PagePathProblem,
  saveTypeAInput,
  saveTypeBInput,
  typeARuleSchema,
  typeBRuleSchema,
} from "@/lib/schemas/rules";
import { type LinkMismatch, MAX_TEST_LINKS, type PrefixProblem, TYPE_B_PREFIX } from "@/lib/wechat/match";

/** What the form shows: each issue's field path (dotted, as react-hook-form and fieldErrors use) and message key. */
function problems(schema: z.ZodType, input: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

const ACCOUNT_ID = "0b6d8c1e-6a49-4b7e-9a2f-3c1d2e4f5a6b";

/** The seed's official example: a prefix without a query covers its own path with any query. */
const officialRule = {
  prefix: "https://weixin.qq.com/qrcodejump",
  permitSubRule: 1,
  path: "pages/index/index",
  openVersion: 1,
  debugUrls: ["https://weixin.qq.com/qrcodejump?a=1", "https://weixin.qq.com/qrcodejump?a=2"],
} as const;

const typeA = (overrides: Partial<Record<keyof typeof officialRule, unknown>>) => ({
  ...officialRule,
  debugUrls: [...officialRule.debugUrls],
  ...overrides,
});

const typeB = (overrides: Record<string, unknown> = {}) => ({
  prefix: `${TYPE_B_PREFIX}02P5KzM_xxxxx`,
  appid: "wx0123456789abcdef",
  path: "pages/coupon/index",
  ...overrides,
});

/**
 * Every message key the cases below expect. The last block (run after them, as vitest runs a file's tests in
 * order) checks that these are exactly the catalogs' `validation.rule` messages: none untested, none missing.
 */
const expectedKeys = new Set<string>();
function expectProblems(schema: z.ZodType, input: unknown, expected: { path: string; message: string }[]) {
  for (const { message } of expected) expectedKeys.add(message);
  expect(problems(schema, input)).toEqual(expected);
}

describe("typeARuleSchema", () => {
  it("accepts the official example (rule https://weixin.qq.com/qrcodejump, test links ?a=1 and ?a=2) unchanged", () => {
    const result = typeARuleSchema.safeParse(typeA({}));
    expect(result.success).toBe(true);
    expect(result.data).toEqual(officialRule);
  });

  it("accepts a rule without test links, and up to five", () => {
    expect(problems(typeARuleSchema, typeA({ debugUrls: [] }))).toEqual([]);
    const five = Array.from({ length: MAX_TEST_LINKS }, (_, i) => `https://weixin.qq.com/qrcodejump?a=${i}`);
    expect(problems(typeARuleSchema, typeA({ debugUrls: five }))).toEqual([]);
  });

  // One row per problem `checkPrefix` reports, so a new problem without a message fails to compile.
  const prefixCases: Record<Exclude<PrefixProblem, "typeBPrefix">, string> = {
    empty: "",
    tooLong: `https://a.com/${"x".repeat(1100)}/`,
    whitespace: "https://a.com/x/ ",
    fullWidth: "https：//a.com/x/",
    invalidUrl: "a.com/x/",
    scheme: "ftp://a.com/x/",
    missingHost: "https:///x/",
    invalidHost: "https://a_b.com/x/",
    fragment: "https://a.com/x/#top",
  };
  it.each(Object.entries(prefixCases))("reports the prefix problem %s on the prefix", (problem, prefix) => {
    expectProblems(typeARuleSchema, typeA({ prefix, debugUrls: [] }), [
      { path: "prefix", message: `rule.prefix.${problem}` },
    ]);
  });

  it("never trims: a leading space is an error, not silently removed", () => {
    expectProblems(typeARuleSchema, typeA({ prefix: " https://weixin.qq.com/qrcodejump", debugUrls: [] }), [
      { path: "prefix", message: "rule.prefix.whitespace" },
    ]);
  });

  it("accepts a prefix without a trailing slash (the hint does not block)", () => {
    expect(problems(typeARuleSchema, typeA({ prefix: "https://a.com/x", debugUrls: [] }))).toEqual([]);
  });

  // REFERENCE §3, 1-3, and WeChat's own table of common mistakes; the problem is put on THAT link.
  const linkCases: [string, string, LinkMismatch | "pathNoSlash" | "pathLonger"][] = [
    ["http://www.qq.com/a/b/", "https://www.qq.com/a/b/1", "scheme"],
    ["https://www.qq.com/a/b/", "https://www.weixin.qq.com/a/b/1", "host"],
    ["https://www.qq.com/a/b?id=123", "https://www.qq.com/a/b?id=132", "query"],
    ["https://www.qq.com/a/b/", "https://www.qq.com/a/c/1", "path"],
    ["https://www.qq.com/a/b?id=1", "https://www.qq.com/a/bc?id=1", "path"],
    ["https://www.qq.com/a/b", "https://www.qq.com/a/bc", "pathLonger"],
    ["https://www.qq.com/a/b", "https://www.qq.com/a/b/123", "pathNoSlash"],
    ["https://www.qq.com/a/b/", "www.qq.com/a/b/1", "invalid"],
  ];
  it.each(linkCases)("prefix %s, test link %s: %s, under that link only", (prefix, link, reason) => {
    const valid = prefix.includes("?") ? `${prefix}9` : prefix;
    expectProblems(typeARuleSchema, typeA({ prefix, debugUrls: [valid, link, valid] }), [
      { path: "debugUrls.1", message: `rule.debugUrl.${reason}` },
    ]);
  });

  it("covers sub-paths only when the prefix ends with /", () => {
    expect(
      problems(
        typeARuleSchema,
        typeA({ prefix: "https://a.com/x/", debugUrls: ["https://a.com/x/1/2?y=3"] }),
      ),
    ).toEqual([]);
    expectProblems(typeARuleSchema, typeA({ prefix: "https://a.com/x", debugUrls: ["https://a.com/x/1"] }), [
      { path: "debugUrls.0", message: "rule.debugUrl.pathNoSlash" },
    ]);
  });

  it("reports each bad link at its own index, with its own reason", () => {
    expectProblems(
      typeARuleSchema,
      typeA({
        prefix: "https://a.com/x/",
        debugUrls: ["https://b.com/x/1", "https://a.com/x/ok", "http://a.com/x/1", "", "https://a.com/x/1 "],
      }),
      [
        { path: "debugUrls.0", message: "rule.debugUrl.host" },
        { path: "debugUrls.2", message: "rule.debugUrl.scheme" },
        { path: "debugUrls.3", message: "rule.debugUrl.empty" },
        { path: "debugUrls.4", message: "rule.debugUrl.whitespace" },
      ],
    );
  });

  it("does not match links against an invalid prefix, but still flags empty rows", () => {
    expectProblems(
      typeARuleSchema,
      typeA({ prefix: "ftp://a.com/x/", debugUrls: ["https://other.com/", ""] }),
      [
        { path: "prefix", message: "rule.prefix.scheme" },
        { path: "debugUrls.1", message: "rule.debugUrl.empty" },
      ],
    );
  });

  it("still judges test links while another field is wrong (live validation)", () => {
    // A link beside the prefix's path, not under it: a "/" at the prefix's end would not help.
    expectProblems(typeARuleSchema, typeA({ path: "", debugUrls: ["https://weixin.qq.com/other"] }), [
      { path: "path", message: "rule.path.empty" },
      { path: "debugUrls.0", message: "rule.debugUrl.path" },
    ]);
  });

  it("allows at most five test links", () => {
    const six = Array.from(
      { length: MAX_TEST_LINKS + 1 },
      (_, i) => `https://weixin.qq.com/qrcodejump?a=${i}`,
    );
    expectProblems(typeARuleSchema, typeA({ debugUrls: six }), [
      { path: "debugUrls", message: "rule.debugUrl.tooMany" },
    ]);
  });

  it("accepts only WeChat's permit_sub_rule and open_version values", () => {
    for (const permitSubRule of [1, 2])
      expect(problems(typeARuleSchema, typeA({ permitSubRule }))).toEqual([]);
    for (const openVersion of [1, 2, 3])
      expect(problems(typeARuleSchema, typeA({ openVersion }))).toEqual([]);
    expectProblems(typeARuleSchema, typeA({ permitSubRule: 3, openVersion: 0 }), [
      { path: "permitSubRule", message: "rule.choice" },
      { path: "openVersion", message: "rule.choice" },
    ]);
    expectProblems(typeARuleSchema, typeA({ permitSubRule: "2" }), [
      { path: "permitSubRule", message: "rule.choice" },
    ]);
  });
});

describe("page path (both kinds)", () => {
  const pathCases: Record<PagePathProblem, string> = {
    empty: "",
    tooLong: `pages/${"a".repeat(260)}`,
    whitespace: "pages/index/index ",
    fullWidth: "pages／index",
    leadingSlash: "/pages/index/index",
    query: "pages/index/index?id=1",
  };
  it.each(Object.entries(pathCases))("reports %s", (problem, path) => {
    expectProblems(typeARuleSchema, typeA({ path }), [{ path: "path", message: `rule.path.${problem}` }]);
    expectProblems(typeBRuleSchema, typeB({ path }), [{ path: "path", message: `rule.path.${problem}` }]);
  });

  it("accepts ordinary page paths", () => {
    for (const path of ["pages/index/index", "packageA/pages/detail/detail", "index"])
      expect(problems(typeBRuleSchema, typeB({ path }))).toEqual([]);
  });
});

describe("typeBRuleSchema", () => {
  it("accepts a Service Account QR code prefix and a Mini Program appid", () => {
    const result = typeBRuleSchema.safeParse(typeB());
    expect(result.success).toBe(true);
    expect(result.data).toEqual(typeB());
  });

  it.each([
    ["https://weixin.qq.com/q/02P5KzM", "rule.prefix.typeBPrefix"],
    [TYPE_B_PREFIX, "rule.prefix.typeBPrefix"],
    ["https://a.com/x/", "rule.prefix.typeBPrefix"],
    ["", "rule.prefix.empty"],
    [`${TYPE_B_PREFIX}02P5 KzM`, "rule.prefix.whitespace"],
  ])("rejects the prefix %s (%s)", (prefix, message) => {
    expectProblems(typeBRuleSchema, typeB({ prefix }), [{ path: "prefix", message }]);
  });

  it.each([
    ["", "rule.appid.empty"],
    ["wx0123456789ABCDEF", "rule.appid.format"],
    ["wx0123456789abcde", "rule.appid.format"],
    ["gh_0123456789ab", "rule.appid.format"],
    [" wx0123456789abcdef", "rule.appid.format"],
  ])("rejects the appid %j (%s)", (appid, message) => {
    expectProblems(typeBRuleSchema, typeB({ appid }), [{ path: "appid", message }]);
  });
});

describe("server action inputs", () => {
  it("saveTypeAInput adds the account and mode and keeps the test-link checks", () => {
    expect(problems(saveTypeAInput, { ...typeA({}), accountId: ACCOUNT_ID, mode: "add" })).toEqual([]);
    expectProblems(
      saveTypeAInput,
      {
        ...typeA({ debugUrls: ["https://weixin.qq.com/qrcodejump", "https://mp.weixin.qq.com/qrcodejump"] }),
        accountId: "nope",
        mode: "replace",
      },
      [
        { path: "accountId", message: "rule.invalid" },
        { path: "mode", message: "rule.invalid" },
        { path: "debugUrls.1", message: "rule.debugUrl.host" },
      ],
    );
  });

  it("saveTypeBInput adds the account and mode", () => {
    expect(problems(saveTypeBInput, { ...typeB(), accountId: ACCOUNT_ID, mode: "edit" })).toEqual([]);
    expectProblems(saveTypeBInput, { ...typeB({ appid: "wx1" }), accountId: ACCOUNT_ID }, [
      { path: "appid", message: "rule.appid.format" },
      { path: "mode", message: "rule.invalid" },
    ]);
  });

  it("an edit may say the operator confirmed its replace, and a type-B edit which Mini Program it opened", () => {
    expect(
      problems(saveTypeAInput, { ...typeA({}), accountId: ACCOUNT_ID, mode: "edit", confirmReplace: true }),
    ).toEqual([]);
    expect(
      problems(saveTypeBInput, {
        ...typeB(),
        accountId: ACCOUNT_ID,
        mode: "edit",
        confirmReplace: true,
        fromAppid: "wx1234567890abcdef",
      }),
    ).toEqual([]);
    expectProblems(
      saveTypeAInput,
      { ...typeA({}), accountId: ACCOUNT_ID, mode: "edit", confirmReplace: "yes" },
      [{ path: "confirmReplace", message: "rule.invalid" }],
    );
    expectProblems(saveTypeBInput, { ...typeB(), accountId: ACCOUNT_ID, mode: "edit", fromAppid: "wx1" }, [
      { path: "fromAppid", message: "rule.invalid" },
    ]);
  });

  it("rejects input of the wrong shape with message keys, never zod's English", () => {
    const keys = problems(saveTypeAInput, { accountId: ACCOUNT_ID, mode: "add" }).map(
      (issue) => issue.message,
    );
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^rule\./);
  });
});

describe("validation messages", () => {
  const leaves = (node: unknown, prefix: string): string[] =>
    typeof node === "string"
      ? [prefix]
      : Object.entries(node as Record<string, unknown>).flatMap(([key, child]) =>
          leaves(child, `${prefix}.${key}`),
        );

  it("every rule message in the catalogs is produced by a case above, and nothing else is", () => {
    const catalogKeys = leaves(MESSAGES.en.validation.rule, "rule").sort();
    expect(catalogKeys.length).toBeGreaterThan(25);
    expect([...expectedKeys].sort()).toEqual(catalogKeys);
  });

  it("exist in both languages", () => {
    expect(leaves(MESSAGES["zh-CN"].validation.rule, "rule").sort()).toEqual(
      leaves(MESSAGES.en.validation.rule, "rule").sort(),
    );
  });
});
