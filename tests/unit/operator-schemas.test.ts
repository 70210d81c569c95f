import { describe, expect, it } from "vitest";
import type { z } from "zod";

import { MESSAGES } from "@/lib/i18n/messages";
import {
  operatorCreateSchema,
  operatorUpdateSchema,
  resetOperatorPasswordSchema,
  setOperatorDisabledSchema,
  setPasswordSchema,
} from "@/lib/schemas/operators";

/** What a form shows: each issue's field path (dotted, as react-hook-form and fieldErrors use) and message key. */
function problems(schema: z.ZodType, input: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

/**
 * Every message key the cases below expect. The last block (run after them, as vitest runs a file's tests in
 * order) checks that these are exactly the catalogs' `validation.operator` messages: none untested, none missing.
 */
const expectedKeys = new Set<string>();
function expectProblems(schema: z.ZodType, input: unknown, expected: { path: string; message: string }[]) {
  for (const { message } of expected) expectedKeys.add(message);
  expect(problems(schema, input)).toEqual(expected);
}

const ACCOUNT_A = "0b6d8c1e-6a49-4b7e-9a2f-3c1d2e4f5a6b";
const ACCOUNT_B = "5f0c2a7e-1d3b-4c8e-8a6f-9b2d4e6f8a0c";
const OPERATOR_ID = "7a1e3c5b-9d2f-4e6a-b8c0-1d3f5a7b9c2e";

const newOperator = (overrides: Record<string, unknown> = {}) => ({
  email: "li.wei@example.com",
  name: "Li Wei",
  role: "operator",
  password: "",
  accountIds: [ACCOUNT_A],
  ...overrides,
});

describe("operatorCreateSchema", () => {
  it("accepts an operator without a password (they get a one-time link) and keeps the empty password", () => {
    expect(operatorCreateSchema.parse(newOperator())).toEqual({
      email: "li.wei@example.com",
      name: "Li Wei",
      role: "operator",
      password: "",
      accountIds: [ACCOUNT_A],
    });
  });

  it("trims and lower-cases the email, and trims the name", () => {
    const parsed = operatorCreateSchema.parse(
      newOperator({ email: "  Li.Wei@Example.COM ", name: "  Li Wei  " }),
    );
    expect(parsed.email).toBe("li.wei@example.com");
    expect(parsed.name).toBe("Li Wei");
  });

  it("accepts each role", () => {
    for (const role of ["admin", "operator", "viewer"]) {
      expect(operatorCreateSchema.safeParse(newOperator({ role })).success).toBe(true);
    }
  });

  it("defaults a missing password and missing accounts to none", () => {
    const parsed = operatorCreateSchema.parse({ email: "a@example.com", name: "A", role: "viewer" });
    expect(parsed.password).toBe("");
    expect(parsed.accountIds).toEqual([]);
  });

  it("keeps a password of 10 to 200 characters as typed, spaces included", () => {
    expect(operatorCreateSchema.parse(newOperator({ password: " ten chars " })).password).toBe(" ten chars ");
    expect(operatorCreateSchema.parse(newOperator({ password: "x".repeat(200) })).password).toHaveLength(200);
  });

  it("rejects a password shorter than 10 or longer than 200 characters", () => {
    expectProblems(operatorCreateSchema, newOperator({ password: "123456789" }), [
      { path: "password", message: "operator.password.tooShort" },
    ]);
    expectProblems(operatorCreateSchema, newOperator({ password: "x".repeat(201) }), [
      { path: "password", message: "operator.password.tooLong" },
    ]);
  });

  it("requires an email, and a valid one", () => {
    expectProblems(operatorCreateSchema, newOperator({ email: "   " }), [
      { path: "email", message: "operator.email.required" },
    ]);
    expectProblems(operatorCreateSchema, newOperator({ email: "li.wei@" }), [
      { path: "email", message: "operator.email.invalid" },
    ]);
    expectProblems(operatorCreateSchema, newOperator({ email: "li wei@example.com" }), [
      { path: "email", message: "operator.email.invalid" },
    ]);
    expectProblems(operatorCreateSchema, newOperator({ email: `${"a".repeat(250)}@example.com` }), [
      { path: "email", message: "operator.email.tooLong" },
    ]);
  });

  it("requires a name of at most 60 characters", () => {
    expectProblems(operatorCreateSchema, newOperator({ name: "  " }), [
      { path: "name", message: "operator.name.required" },
    ]);
    expect(operatorCreateSchema.safeParse(newOperator({ name: "名".repeat(60) })).success).toBe(true);
    expectProblems(operatorCreateSchema, newOperator({ name: "名".repeat(61) }), [
      { path: "name", message: "operator.name.tooLong" },
    ]);
  });

  it("rejects a role that does not exist", () => {
    expectProblems(operatorCreateSchema, newOperator({ role: "owner" }), [
      { path: "role", message: "operator.role.invalid" },
    ]);
  });

  it("rejects account ids that are not UUIDs, and gives each account once", () => {
    expectProblems(operatorCreateSchema, newOperator({ accountIds: [ACCOUNT_A, "wx0123456789abcdef"] }), [
      { path: "accountIds.1", message: "operator.accountIds.invalid" },
    ]);
    expectProblems(operatorCreateSchema, newOperator({ accountIds: ACCOUNT_A }), [
      { path: "accountIds", message: "operator.accountIds.invalid" },
    ]);
    expect(
      operatorCreateSchema.parse(newOperator({ accountIds: [ACCOUNT_A, ACCOUNT_B, ACCOUNT_A] })).accountIds,
    ).toEqual([ACCOUNT_A, ACCOUNT_B]);
  });

  it("reports every field at once, so the form can mark them all", () => {
    expectProblems(operatorCreateSchema, { email: "", name: "", role: "", password: "short" }, [
      { path: "email", message: "operator.email.required" },
      { path: "name", message: "operator.name.required" },
      { path: "role", message: "operator.role.invalid" },
      { path: "password", message: "operator.password.tooShort" },
    ]);
  });

  it("rejects input of the wrong shape with message keys, never zod's English", () => {
    expectProblems(operatorCreateSchema, null, [{ path: "", message: "operator.invalid" }]);
    const keys = problems(operatorCreateSchema, {
      email: 1,
      name: 2,
      role: 3,
      password: 4,
      accountIds: 5,
    }).map((issue) => issue.message);
    expect(keys.length).toBe(5);
    for (const key of keys) expect(key).toMatch(/^operator\./);
  });
});

describe("operatorUpdateSchema", () => {
  const update = (overrides: Record<string, unknown> = {}) => ({
    id: OPERATOR_ID,
    name: "Li Wei",
    role: "viewer",
    accountIds: [ACCOUNT_B],
    ...overrides,
  });

  it("accepts a name, role and accounts for an operator id", () => {
    expect(operatorUpdateSchema.parse(update())).toEqual(update());
  });

  it("does not change the email or the password", () => {
    const parsed = operatorUpdateSchema.parse(update({ email: "other@example.com", password: "0123456789" }));
    expect(parsed).not.toHaveProperty("email");
    expect(parsed).not.toHaveProperty("password");
  });

  it("rejects an id that is not a UUID, and the same name and role problems as when adding", () => {
    expectProblems(operatorUpdateSchema, update({ id: "42", name: "", role: "root" }), [
      { path: "id", message: "operator.invalid" },
      { path: "name", message: "operator.name.required" },
      { path: "role", message: "operator.role.invalid" },
    ]);
  });
});

describe("setOperatorDisabledSchema and resetOperatorPasswordSchema", () => {
  it("take an operator id (and whether to disable)", () => {
    expect(setOperatorDisabledSchema.parse({ id: OPERATOR_ID, disabled: true })).toEqual({
      id: OPERATOR_ID,
      disabled: true,
    });
    expect(resetOperatorPasswordSchema.parse({ id: OPERATOR_ID })).toEqual({ id: OPERATOR_ID });
    expectProblems(setOperatorDisabledSchema, { id: OPERATOR_ID, disabled: "yes" }, [
      { path: "disabled", message: "operator.invalid" },
    ]);
    expectProblems(resetOperatorPasswordSchema, { id: "" }, [{ path: "id", message: "operator.invalid" }]);
  });
});

describe("setPasswordSchema", () => {
  const input = (overrides: Record<string, unknown> = {}) => ({
    token: "k3Jd9-opaque-token",
    password: "correct horse battery",
    confirm: "correct horse battery",
    ...overrides,
  });

  it("accepts a password of 10 to 200 characters confirmed exactly", () => {
    expect(setPasswordSchema.parse(input())).toEqual(input());
    expect(
      setPasswordSchema.safeParse(input({ password: "0123456789", confirm: "0123456789" })).success,
    ).toBe(true);
  });

  it("puts a mismatched confirmation on the confirm field", () => {
    expectProblems(setPasswordSchema, input({ confirm: "correct horse battery " }), [
      { path: "confirm", message: "operator.confirm.mismatch" },
    ]);
  });

  it("reports a short password and a mismatch together", () => {
    expectProblems(setPasswordSchema, input({ password: "short", confirm: "" }), [
      { path: "password", message: "operator.password.tooShort" },
      { path: "confirm", message: "operator.confirm.mismatch" },
    ]);
  });

  it("rejects a password longer than 200 characters", () => {
    const long = "x".repeat(201);
    expectProblems(setPasswordSchema, input({ password: long, confirm: long }), [
      { path: "password", message: "operator.password.tooLong" },
    ]);
  });

  it("needs the token from the link", () => {
    expectProblems(setPasswordSchema, input({ token: "" }), [
      { path: "token", message: "operator.token.missing" },
    ]);
    expectProblems(setPasswordSchema, input({ token: undefined }), [
      { path: "token", message: "operator.token.missing" },
    ]);
  });

  it("rejects input of the wrong shape with message keys", () => {
    expectProblems(setPasswordSchema, "token", [{ path: "", message: "operator.invalid" }]);
  });
});

describe("validation messages", () => {
  const leaves = (node: unknown, prefix: string): string[] =>
    typeof node === "string"
      ? [prefix]
      : Object.entries(node as Record<string, unknown>).flatMap(([key, child]) =>
          leaves(child, `${prefix}.${key}`),
        );

  it("every operator message in the catalogs is produced by a case above, and nothing else is", () => {
    const catalogKeys = leaves(MESSAGES.en.validation.operator, "operator").sort();
    expect([...expectedKeys].sort()).toEqual(catalogKeys);
  });

  it("exist in both languages", () => {
    expect(leaves(MESSAGES["zh-CN"].validation.operator, "operator").sort()).toEqual(
      leaves(MESSAGES.en.validation.operator, "operator").sort(),
    );
  });
});
