import { describe, expect, it } from "vitest";
import type { z } from "zod";

import { MESSAGES } from "@/lib/i18n/messages";
import { MAX_LINKED_MINI_PROGRAMS, accountCreateSchema, accountUpdateSchema } from "@/lib/schemas/accounts";

/** What the form shows: each issue's field path (dotted, as react-hook-form and fieldErrors use) and message key. */
function problems(schema: z.ZodType, input: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

/** Every message key the cases below expect; the last block checks these are exactly the catalogs' `validation.account`. */
const expectedKeys = new Set<string>();
function expectProblems(schema: z.ZodType, input: unknown, expected: { path: string; message: string }[]) {
  for (const { message } of expected) expectedKeys.add(message);
  expect(problems(schema, input)).toEqual(expected);
}

const ACCOUNT_ID = "0b6d8c1e-6a49-4b7e-9a2f-3c1d2e4f5a6b";
const APPID = "wx0123456789abcdef";
const SECRET = "0123456789abcdef0123456789abcdef";
const LINKED = ["wx1111111111111111", "wx2222222222222222"];

const miniProgram = (overrides: Record<string, unknown> = {}) => ({
  name: "Coffee Shop",
  appid: APPID,
  kind: "miniprogram",
  secret: SECRET,
  ...overrides,
});

const serviceAccount = (overrides: Record<string, unknown> = {}) =>
  miniProgram({ kind: "officialaccount", linkedMiniPrograms: [...LINKED], ...overrides });

const update = (overrides: Record<string, unknown> = {}) => ({
  id: ACCOUNT_ID,
  name: "Coffee Shop",
  secret: "",
  tokenMode: "stable",
  linkedMiniPrograms: [],
  ...overrides,
});

const appids = (count: number) =>
  Array.from({ length: count }, (_, i) => `wx${i.toString(16).padStart(16, "0")}`);

describe("accountCreateSchema", () => {
  it("accepts a Mini Program, with the stable token and no linked Mini Programs by default", () => {
    const result = accountCreateSchema.safeParse(miniProgram());
    expect(result.success).toBe(true);
    expect(result.data).toEqual({ ...miniProgram(), tokenMode: "stable", linkedMiniPrograms: [] });
  });

  it("accepts a Service Account with its linked Mini Programs and the classic token", () => {
    const result = accountCreateSchema.safeParse(serviceAccount({ tokenMode: "classic" }));
    expect(result.success).toBe(true);
    expect(result.data?.linkedMiniPrograms).toEqual(LINKED);
    expect(result.data?.tokenMode).toBe("classic");
  });

  it("trims what is pasted from the WeChat console", () => {
    const result = accountCreateSchema.safeParse(
      serviceAccount({
        name: "  Coffee Shop ",
        appid: ` ${APPID}\t`,
        secret: `${SECRET} `,
        linkedMiniPrograms: [` ${LINKED[0]} `],
      }),
    );
    expect(result.data).toMatchObject({
      name: "Coffee Shop",
      appid: APPID,
      secret: SECRET,
      linkedMiniPrograms: [LINKED[0]],
    });
  });

  it("asks for every missing field with its own message", () => {
    expectProblems(accountCreateSchema, {}, [
      { path: "name", message: "account.name.empty" },
      { path: "appid", message: "account.appid.empty" },
      { path: "kind", message: "account.kind" },
      { path: "secret", message: "account.secret.empty" },
    ]);
    expectProblems(accountCreateSchema, miniProgram({ name: "   ", appid: "", secret: "" }), [
      { path: "name", message: "account.name.empty" },
      { path: "appid", message: "account.appid.empty" },
      { path: "secret", message: "account.secret.empty" },
    ]);
  });

  it("allows a display name of up to 60 characters", () => {
    expect(problems(accountCreateSchema, miniProgram({ name: "n".repeat(60) }))).toEqual([]);
    expectProblems(accountCreateSchema, miniProgram({ name: "n".repeat(61) }), [
      { path: "name", message: "account.name.tooLong" },
    ]);
  });

  it.each([
    "wx0123456789ABCDEF",
    "wx0123456789abcde",
    "wx0123456789abcdef0",
    "gh_0123456789ab",
    "0123456789abcdef",
  ])("rejects the AppID %j", (appid) => {
    expectProblems(accountCreateSchema, miniProgram({ appid }), [
      { path: "appid", message: "account.appid.format" },
    ]);
  });

  it.each([
    ["uppercase", SECRET.toUpperCase()],
    ["31 characters", SECRET.slice(1)],
    ["33 characters", `${SECRET}0`],
    ["not hex", `${SECRET.slice(1)}g`],
    ["a space inside", `${SECRET.slice(0, 16)} ${SECRET.slice(17)}`],
  ])("rejects an AppSecret that is not 32 lowercase hex digits (%s)", (_, secret) => {
    expectProblems(accountCreateSchema, miniProgram({ secret }), [
      { path: "secret", message: "account.secret.format" },
    ]);
  });

  it("accepts only the two account types and the two token modes", () => {
    expectProblems(accountCreateSchema, miniProgram({ kind: "subscription", tokenMode: "component" }), [
      { path: "kind", message: "account.kind" },
      { path: "tokenMode", message: "account.tokenMode" },
    ]);
  });

  it("puts a malformed or repeated linked Mini Program on its own line", () => {
    expectProblems(
      accountCreateSchema,
      serviceAccount({
        linkedMiniPrograms: [LINKED[0], "wx123", LINKED[1], LINKED[0], "WX1111111111111111"],
      }),
      [
        { path: "linkedMiniPrograms.1", message: "account.linked.format" },
        { path: "linkedMiniPrograms.4", message: "account.linked.format" },
        { path: "linkedMiniPrograms.3", message: "account.linked.duplicate" },
      ],
    );
  });

  it(`links at most ${MAX_LINKED_MINI_PROGRAMS} Mini Programs`, () => {
    expect(
      problems(accountCreateSchema, serviceAccount({ linkedMiniPrograms: appids(MAX_LINKED_MINI_PROGRAMS) })),
    ).toEqual([]);
    expectProblems(
      accountCreateSchema,
      serviceAccount({ linkedMiniPrograms: appids(MAX_LINKED_MINI_PROGRAMS + 1) }),
      [{ path: "linkedMiniPrograms", message: "account.linked.tooMany" }],
    );
  });

  it("refuses linked Mini Programs on a Mini Program, even while another field is wrong", () => {
    expectProblems(accountCreateSchema, miniProgram({ linkedMiniPrograms: [...LINKED] }), [
      { path: "linkedMiniPrograms", message: "account.linked.miniProgram" },
    ]);
    expectProblems(accountCreateSchema, miniProgram({ secret: "", linkedMiniPrograms: [...LINKED] }), [
      { path: "secret", message: "account.secret.empty" },
      { path: "linkedMiniPrograms", message: "account.linked.miniProgram" },
    ]);
  });

  it("rejects input of the wrong shape with message keys, never zod's English", () => {
    expectProblems(
      accountCreateSchema,
      { name: 1, appid: null, kind: 2, secret: [], tokenMode: 3, linkedMiniPrograms: "wx" },
      [
        { path: "name", message: "account.name.empty" },
        { path: "appid", message: "account.appid.empty" },
        { path: "kind", message: "account.kind" },
        { path: "secret", message: "account.secret.empty" },
        { path: "tokenMode", message: "account.tokenMode" },
        { path: "linkedMiniPrograms", message: "account.invalid" },
      ],
    );
  });
});

describe("accountUpdateSchema", () => {
  it("keeps the current AppSecret when it is left empty", () => {
    const result = accountUpdateSchema.safeParse(update());
    expect(result.success).toBe(true);
    expect(result.data?.secret).toBe("");
  });

  it("accepts a new AppSecret and a new list of linked Mini Programs", () => {
    const result = accountUpdateSchema.safeParse(
      update({ secret: ` ${SECRET}`, tokenMode: "classic", linkedMiniPrograms: LINKED }),
    );
    expect(result.data).toEqual({
      id: ACCOUNT_ID,
      name: "Coffee Shop",
      secret: SECRET,
      tokenMode: "classic",
      linkedMiniPrograms: LINKED,
    });
  });

  it("needs the account's id, and has no AppID or type to change", () => {
    expectProblems(accountUpdateSchema, update({ id: "42" }), [{ path: "id", message: "account.invalid" }]);
    const result = accountUpdateSchema.safeParse(update({ appid: APPID, kind: "officialaccount" }));
    expect(result.data).not.toHaveProperty("appid");
    expect(result.data).not.toHaveProperty("kind");
  });

  it("judges the name, a new AppSecret, the token mode and the linked list as on add", () => {
    expectProblems(
      accountUpdateSchema,
      update({ name: " ", secret: "secret", tokenMode: "", linkedMiniPrograms: [LINKED[0], LINKED[0], "x"] }),
      [
        { path: "name", message: "account.name.empty" },
        { path: "secret", message: "account.secret.format" },
        { path: "tokenMode", message: "account.tokenMode" },
        { path: "linkedMiniPrograms.2", message: "account.linked.format" },
        { path: "linkedMiniPrograms.1", message: "account.linked.duplicate" },
      ],
    );
  });
});

describe("validation messages", () => {
  const leaves = (node: unknown, prefix: string): string[] =>
    typeof node === "string"
      ? [prefix]
      : Object.entries(node as Record<string, unknown>).flatMap(([key, child]) =>
          leaves(child, `${prefix}.${key}`),
        );

  it("every account message in the catalogs is produced by a case above, and nothing else is", () => {
    expect([...expectedKeys].sort()).toEqual(leaves(MESSAGES.en.validation.account, "account").sort());
  });

  it("exist in both languages", () => {
    expect(leaves(MESSAGES["zh-CN"].validation.account, "account").sort()).toEqual(
      leaves(MESSAGES.en.validation.account, "account").sort(),
    );
  });
});
