/**
 * Fuzzes the input of every server action: thousands of generated inputs, each
 * either refused with INVALID_INPUT (field errors) or accepted, and whatever is
 * accepted PostgreSQL can store. Never INTERNAL.
 *
 * Chosen: every action's own schema (the one its file declares) through the
 * product's action wrapper (`createAuthAction`), with a handler that writes
 * the parsed input to the real database the way the activity log does (every
 * string as `text`, the whole input as `jsonb`). Not the actions over HTTP:
 * their ids exist only in a build, and thousands of calls through the real
 * handlers would each call WeChat, which the sandbox (like WeChat) allows five
 * times a second, so the run could not stay bounded. What the handlers do with
 * input that passed is covered by the integration tests; what fuzzing finds is
 * input that should not have passed. A list check keeps the table complete.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";

import { sql } from "drizzle-orm";
import fc from "fast-check";
import { createTranslator } from "next-intl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";

import { MESSAGES } from "@/lib/i18n/messages";
import {
  accountCreateSchema,
  accountIdSchema,
  accountUpdateSchema,
  setAccountDisabledSchema,
} from "@/lib/schemas/accounts";
import { ridLookupSchema } from "@/lib/schemas/activity";
import {
  operatorCreateSchema,
  operatorSessionsSchema,
  operatorUpdateSchema,
  resetOperatorPasswordSchema,
  setOperatorDisabledSchema,
  setPasswordSchema,
} from "@/lib/schemas/operators";
import {
  accountInput,
  preflightVerificationInput,
  ruleActionInput,
  saveTypeAInput,
  saveTypeBInput,
} from "@/lib/schemas/rules";
import {
  changeApprovalInput,
  changeSetInput,
  controlChangeSetInput,
  decideChangeSetInput,
  driftInput,
  importRulesInput,
  planSelectionInput,
} from "@/lib/schemas/changesets";
import { platformSettingsSchema, startAuthorizationSchema } from "@/lib/schemas/platform";
import { prefixOverlapInput, simulateScanInput } from "@/lib/schemas/scan";
import { settingsSchema } from "@/lib/schemas/settings";
import { createAuthAction } from "@/server/actions/safe-action";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";

const ACCOUNT = "4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5b";
const ruleA = {
  accountId: ACCOUNT,
  prefix: "https://shop.example.com/p/",
  permitSubRule: 1,
  path: "pages/index/index",
  openVersion: 3,
  debugUrls: ["https://shop.example.com/p/1"],
};
const ruleB = {
  accountId: ACCOUNT,
  prefix: "http://weixin.qq.com/q/abc",
  appid: "wx1111111111111111",
  path: "pages/a/a",
};

/** Every action, by its exported name, with its schema and an input it accepts (the fuzz mutates from there). */
const ACTIONS: Record<string, { schema: z.ZodType; valid: Record<string, unknown> }> = {
  createAccount: {
    schema: accountCreateSchema,
    valid: {
      name: "Shop",
      appid: "wx1111111111111111",
      kind: "officialaccount",
      secret: "1".repeat(32),
      tokenMode: "stable",
      linkedMiniPrograms: ["wx2222222222222222"],
    },
  },
  updateAccount: {
    schema: accountUpdateSchema,
    valid: { id: ACCOUNT, name: "Shop", secret: "", tokenMode: "classic", linkedMiniPrograms: [] },
  },
  setAccountDisabled: { schema: setAccountDisabledSchema, valid: { id: ACCOUNT, disabled: true } },
  deleteAccount: { schema: accountIdSchema, valid: { id: ACCOUNT } },
  lookupRid: { schema: ridLookupSchema, valid: { entryId: "12", rid: "0123abcd-0123abcd-0123abcd" } },
  createOperator: {
    schema: operatorCreateSchema,
    valid: { email: "op@example.com", name: "Op", role: "operator", password: "", accountIds: [ACCOUNT] },
  },
  updateOperator: {
    schema: operatorUpdateSchema,
    valid: { id: ACCOUNT, name: "Op", role: "viewer", accountIds: [] },
  },
  setOperatorDisabled: { schema: setOperatorDisabledSchema, valid: { id: ACCOUNT, disabled: false } },
  resetOperatorPassword: { schema: resetOperatorPasswordSchema, valid: { id: ACCOUNT } },
  listOperatorSessions: { schema: operatorSessionsSchema, valid: { id: ACCOUNT } },
  signOutOperatorEverywhere: { schema: operatorSessionsSchema, valid: { id: ACCOUNT } },
  setPasswordWithToken: {
    schema: setPasswordSchema,
    valid: { token: "abc", password: "a-long-password", confirm: "a-long-password" },
  },
  saveTypeARule: { schema: saveTypeAInput, valid: { ...ruleA, mode: "edit", confirmReplace: true } },
  saveTypeBRule: {
    schema: saveTypeBInput,
    valid: { ...ruleB, mode: "edit", confirmReplace: true, fromAppid: ruleB.appid },
  },
  publishRule: {
    schema: ruleActionInput,
    valid: { accountId: ACCOUNT, rule: { prefix: "https://shop.example.com/p/" } },
  },
  deleteRule: {
    schema: ruleActionInput,
    valid: {
      accountId: ACCOUNT,
      rule: { prefix: "http://weixin.qq.com/q/abc", targetAppid: "wx1111111111111111" },
    },
  },
  syncRules: { schema: accountInput, valid: { accountId: ACCOUNT } },
  checkAccountCapability: { schema: accountInput, valid: { accountId: ACCOUNT } },
  savePlatformSettings: {
    schema: platformSettingsSchema,
    valid: { componentAppid: "wx1111111111111111", secret: "", messageToken: "", encodingAesKey: "" },
  },
  startPlatformAuthorization: { schema: startAuthorizationSchema, valid: { accounts: "both" } },
  getVerificationFile: { schema: accountInput, valid: { accountId: ACCOUNT } },
  simulateScan: {
    schema: simulateScanInput,
    valid: { urls: ["https://shop.example.com/p/1", ""], role: "tester" },
  },
  checkPrefixOverlaps: {
    schema: prefixOverlapInput,
    valid: {
      accountId: ACCOUNT,
      prefix: "https://shop.example.com/p/",
      editing: "https://shop.example.com/p/",
    },
  },
  hostVerificationFile: { schema: accountInput, valid: { accountId: ACCOUNT } },
  getVerificationHosting: { schema: accountInput, valid: { accountId: ACCOUNT } },
  preflightVerification: {
    schema: preflightVerificationInput,
    valid: { accountId: ACCOUNT, prefix: "https://shop.example.com/p/" },
  },
  recheckVerification: { schema: accountInput, valid: { accountId: ACCOUNT } },
  updateSettings: { schema: settingsSchema, valid: { organizationName: "Acme", activityRetentionDays: 30 } },
  importRules: {
    schema: importRulesInput,
    valid: { accountId: ACCOUNT, fileName: "rules.csv", content: "UHJlZml4", deleteMissing: false },
  },
  planRuleSelection: {
    schema: planSelectionInput,
    valid: { accountId: ACCOUNT, operation: "publish", rules: [{ prefix: "https://shop.example.com/p/" }] },
  },
  applyChangeSet: { schema: changeSetInput, valid: { accountId: ACCOUNT, changeSetId: ACCOUNT } },
  requestChangeSetApproval: { schema: changeSetInput, valid: { accountId: ACCOUNT, changeSetId: ACCOUNT } },
  decideChangeSet: {
    schema: decideChangeSetInput,
    valid: { accountId: ACCOUNT, changeSetId: ACCOUNT, approve: false, note: "Not this week" },
  },
  controlChangeSet: {
    schema: controlChangeSetInput,
    valid: { accountId: ACCOUNT, changeSetId: ACCOUNT, command: "pause" },
  },
  discardChangeSet: { schema: changeSetInput, valid: { accountId: ACCOUNT, changeSetId: ACCOUNT } },
  retryChangeSet: { schema: changeSetInput, valid: { accountId: ACCOUNT, changeSetId: ACCOUNT } },
  setChangeApproval: { schema: changeApprovalInput, valid: { accountId: ACCOUNT, required: true } },
  checkDrift: { schema: driftInput, valid: { accountId: ACCOUNT } },
  adoptDrift: { schema: driftInput, valid: { accountId: ACCOUNT } },
  planDriftRevert: { schema: driftInput, valid: { accountId: ACCOUNT } },
};

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

function stringsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([key, item]) => [key, ...stringsOf(item)]);
  return [];
}

const en = MESSAGES.en;
const errors = createTranslator({ locale: "en", messages: en, namespace: "actionErrors" });
const validation = createTranslator({ locale: "en", messages: en, namespace: "validation" });
const authAction = createAuthAction({
  currentOperator: async () => ({ id: ACCOUNT, email: "root@example.com", name: "Root", role: "admin" }),
  context: async (operator) => ({ operator }),
  mayAccessAccount: async () => true,
  translators: async () => ({
    errors: (key) => errors(key as never),
    validation: { has: (key) => validation.has(key as never), t: (key) => validation(key as never) },
  }),
});

/** Text of every kind, the unstorable kinds often. */
const nastyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(
    "\u0000",
    "\ud800",
    "\udfff",
    "\udfff\ud800",
    " ",
    "",
    "\uff0f",
    "wx1111111111111111",
    "https://shop.example.com/p/\u0000",
  ),
  fc.string({ maxLength: 3000 }),
);

/** A valid string with one unstorable or odd character slipped in somewhere. */
function corrupted(valid: string) {
  return fc
    .tuple(
      fc.nat({ max: valid.length }),
      fc.constantFrom("\u0000", "\ud800", "\udc00", "\ud83d", " ", "\u3000", "%00"),
    )
    .map(([at, bad]) => valid.slice(0, at) + bad + valid.slice(at));
}

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(nastyText, { maxLength: 4 }),
  fc.dictionary(nastyText, nastyText, { maxKeys: 3 }),
  fc.bigInt().map(String),
);

function mutate(value: unknown): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [anyValue];
  if (typeof value === "string") options.push(corrupted(value), corrupted(value));
  if (Array.isArray(value))
    options.push(fc.array(value.length > 0 ? mutate(value[0]) : nastyText, { maxLength: 120 }));
  if (typeof value === "object" && value !== null && !Array.isArray(value))
    options.push(inputsFrom(value as Record<string, unknown>));
  return fc.oneof(...options);
}

/** The valid input with any subset of its fields replaced, and now and then a stray key or a wholly random value. */
function inputsFrom(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const fields = Object.fromEntries(
    Object.entries(valid).map(([key, item]) => [
      key,
      fc.oneof({ weight: 2, arbitrary: fc.constant(item) }, { weight: 1, arbitrary: mutate(item) }),
    ]),
  );
  return fc.oneof(
    { weight: 8, arbitrary: fc.record(fields, { requiredKeys: [] }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.record(fields), fc.dictionary(nastyText, anyValue, { maxKeys: 2 }))
        .map(([base, extra]) => ({ ...extra, ...base })),
    },
    { weight: 1, arbitrary: anyValue },
  );
}

describe("fuzzing every server action's input", () => {
  it("lists every action the server declares", async () => {
    const dir = path.resolve(import.meta.dirname, "../../../server/actions");
    const declared: string[] = [];
    for (const file of await readdir(dir)) {
      const source = await readFile(path.join(dir, file), "utf8");
      if (!source.startsWith('"use server"')) continue;
      for (const match of source.matchAll(/export const (\w+) = (?:authAction|publicAction)\(/g))
        declared.push(match[1] ?? "");
    }
    expect(declared.sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  it("refuses or stores every input, never INTERNAL", async () => {
    const started = Date.now();
    let accepted = 0;
    let runs = 0;
    for (const [name, { schema, valid }] of Object.entries(ACTIONS)) {
      const action = authAction(
        {
          role: "admin",
          schema,
          name,
          accountOf: (input) => (input as { accountId?: string }).accountId ?? ACCOUNT,
        },
        async (input) => {
          // What the log would keep: every string as text, the whole input as jsonb.
          await db.db.execute(
            sql`select ${JSON.stringify(input)}::jsonb as request, ${stringsOf(input).join(" ")}::text as strings`,
          );
          return "stored";
        },
      );
      expect(await action(valid), `${name} accepts its valid input`).toEqual({ ok: true, data: "stored" });
      await fc.assert(
        fc.asyncProperty(inputsFrom(valid), async (input) => {
          runs++;
          const result = await action(input as never);
          if (result.ok) {
            accepted++;
            return;
          }
          expect(
            result.error.code,
            `${name}(${JSON.stringify(input)}): ${JSON.stringify(result.error)}`,
          ).toBe("INVALID_INPUT");
          expect(Object.keys(result.error.fieldErrors ?? {}).length).toBeGreaterThan(0);
        }),
        { numRuns: 300, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
      );
    }
    expect(runs).toBeGreaterThanOrEqual(5000);
    // Not every case is refused: the mutations stay close enough to valid input to get through now and then.
    expect(accepted).toBeGreaterThan(100);
    expect(Date.now() - started).toBeLessThan(50_000);
  }, 120_000);
});
