/**
 * No change without its trace, and no "nothing was changed" after a change.
 *
 * Real pieces: the sandbox over HTTP, the database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL), the product's action wrapper with the operations'
 * own schemas and server code. Only the request (who is signed in, the
 * language), which exists inside Next.js alone, is supplied. A failing write is
 * a real database error, raised by a trigger (tests/support/faults.ts).
 */
import { eq } from "drizzle-orm";
import { createTranslator } from "next-intl";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import type { Locale } from "@/lib/i18n/config";
import { MESSAGES } from "@/lib/i18n/messages";
import { operatorCreateSchema, operatorUpdateSchema } from "@/lib/schemas/operators";
import { saveTypeAInput } from "@/lib/schemas/rules";
import { settingsSchema } from "@/lib/schemas/settings";
import { createAccountIfAbsent } from "@/server/accounts";
import { createAuthAction } from "@/server/actions/safe-action";
import { listActivity } from "@/server/activity/queries";
import * as admin from "@/server/admin/operators";
import { authenticate } from "@/server/auth/authenticate";
import type { CurrentOperator } from "@/server/auth/session";
import { operators, wechatAccounts, wechatRules } from "@/server/db/schema";
import { createOperatorIfAbsent } from "@/server/operators";
import * as rules from "@/server/rules";
import type { RequestContext, RequestMessages } from "@/server/request-context";
import { visibleAccount } from "@/server/access/grants";
import { getSettings, updateSettings } from "@/server/settings";
import { clearWriteFault, injectWriteFault } from "@/tests/support/faults";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import { MINI_PROGRAM, SandboxHarness } from "@/tests/support/sandbox-client";
import { clientFor, testBox } from "@/tests/support/wechat";

let sandbox: SandboxHarness;
let db: TestDatabase;
let root: CurrentOperator;
let shopId: string;

function translatorsOf(locale: Locale) {
  const messages = MESSAGES[locale];
  const errors = createTranslator({ locale, messages, namespace: "actionErrors" });
  const validation = createTranslator({ locale, messages, namespace: "validation" });
  return {
    errors: (key: string) => errors(key as never),
    validation: {
      has: (key: string) => validation.has(key as never),
      t: (key: string) => validation(key as never),
    },
  };
}

function contextFor(operator: CurrentOperator, locale: Locale): RequestContext {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "actionErrors" });
  return {
    db: db.db,
    box: testBox(),
    wechat: clientFor(db, sandbox.url, 3_000),
    operator,
    locale,
    t: ((key, values) => t(key as never, values as never)) as RequestMessages,
  };
}

/** The product's actions over these operations, as server/actions declares them, for `operator` speaking `locale`. */
function actionsFor(operator: CurrentOperator, locale: Locale = "en") {
  const authAction = createAuthAction({
    currentOperator: async () => operator,
    context: async (who) => contextFor(who, locale),
    mayAccessAccount: async (who, accountId) => (await visibleAccount(db.db, who, accountId)) !== null,
    translators: async () => translatorsOf(locale),
  });
  return {
    createOperator: authAction(
      { role: "admin", schema: operatorCreateSchema, name: "createOperator" },
      async (input, context) =>
        admin.createOperator(context, { ...input, password: input.password ?? "" }, "http://localhost:3000"),
    ),
    updateOperator: authAction(
      { role: "admin", schema: operatorUpdateSchema, name: "updateOperator" },
      async (input, context) => admin.updateOperator(context, input),
    ),
    updateSettings: authAction(
      { role: "admin", schema: settingsSchema, name: "updateSettings" },
      async (input, context) => updateSettings(context, input),
    ),
    saveTypeARule: authAction(
      {
        role: "operator",
        schema: saveTypeAInput,
        name: "saveTypeARule",
        accountOf: (input) => input.accountId,
      },
      async (input, context) => {
        const { accountId, mode, ...values } = input;
        return rules.saveRule(context, accountId, mode, { kind: "A", ...values });
      },
    ),
  };
}

const rule = (prefix: string) => ({
  accountId: shopId,
  mode: "add" as const,
  prefix,
  permitSubRule: 1 as const,
  path: "pages/index/index",
  openVersion: 3 as const,
  debugUrls: [`${prefix}1`],
});

async function sandboxPrefixes(): Promise<string[]> {
  const state = await sandbox.state();
  return (state.accounts.find((account) => account.appid === MINI_PROGRAM.appid)?.rules ?? []).map((row) =>
    String(row.prefix),
  );
}

async function entriesOf(operation: Parameters<typeof listActivity>[2]["operation"]) {
  return (await listActivity(db.db, root, { operation }, (key) => key)).rows;
}

async function operatorByEmail(email: string) {
  const [row] = await db.db.select().from(operators).where(eq(operators.email, email));
  return row ?? null;
}

beforeAll(async () => {
  sandbox = await SandboxHarness.start({ accounts: [{ ...MINI_PROGRAM, rules: [] }] });
  db = await createTestDatabase();
  await createOperatorIfAbsent(db.db, {
    email: "root@example.com",
    name: "Root",
    role: "admin",
    password: "root-password-1",
  });
  const row = await operatorByEmail("root@example.com");
  if (!row) throw new Error("no admin");
  root = { id: row.id, email: row.email, name: row.name, role: "admin" };
  await createAccountIfAbsent(db.db, testBox(), { ...MINI_PROGRAM, name: "Shop" });
  const [account] = await db.db.select().from(wechatAccounts);
  shopId = account?.id ?? "";
});

afterEach(async () => {
  for (const table of ["activity_entries", "wechat_rules", "operator_account_grants"] as const)
    await clearWriteFault(db.db, table);
});

afterAll(async () => {
  await sandbox.close();
  await db.close();
});

describe("text PostgreSQL cannot store is refused by the schemas, on its field, in the operator's language", () => {
  it("a rule with a NUL or half a surrogate pair never reaches WeChat", async () => {
    const before = await sandboxPrefixes();
    const zh = MESSAGES["zh-CN"].validation.unstorableText;
    const nul = await actionsFor(root, "zh-CN").saveTypeARule({
      ...rule("https://shop.example.com/a\u0000b/"),
      debugUrls: ["https://shop.example.com/ab/1"],
    });
    expect(nul).toEqual({
      ok: false,
      error: {
        code: "INVALID_INPUT",
        message: MESSAGES["zh-CN"].actionErrors.invalidInput,
        fieldErrors: { prefix: [zh] },
      },
    });
    const surrogate = await actionsFor(root).saveTypeARule({
      ...rule("https://shop.example.com/s/"),
      path: "pages/\ud800",
      debugUrls: ["https://shop.example.com/s/\udfff"],
    });
    expect(surrogate).toMatchObject({
      ok: false,
      error: {
        code: "INVALID_INPUT",
        fieldErrors: {
          path: [MESSAGES.en.validation.unstorableText],
          "debugUrls.0": [MESSAGES.en.validation.unstorableText],
        },
      },
    });
    expect(await sandboxPrefixes()).toEqual(before);
  });

  it("an operator with such a name is neither created nor promoted, and settings keep their value", async () => {
    const actions = actionsFor(root);
    const created = await actions.createOperator({
      email: "eve@example.com",
      name: "Eve\u0000",
      role: "admin",
      password: "eve-password-1",
    });
    expect(created).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", fieldErrors: { name: [MESSAGES.en.validation.unstorableText] } },
    });
    expect(await operatorByEmail("eve@example.com")).toBeNull();
    const email = await actions.createOperator({
      email: "e\u0000ve@example.com",
      name: "Eve",
      role: "admin",
      password: "eve-password-1",
    });
    expect(email).toMatchObject({
      ok: false,
      error: { fieldErrors: { email: [MESSAGES.en.validation.unstorableText] } },
    });

    const plain = await actions.createOperator({
      email: "mallory@example.com",
      name: "Mallory",
      role: "viewer",
      password: "mallory-pass-1",
    });
    if (!plain.ok) throw new Error(JSON.stringify(plain.error));
    const promoted = await actions.updateOperator({
      id: plain.data.operator.id,
      name: "Mallory\ud800",
      role: "admin",
    });
    expect(promoted).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", fieldErrors: { name: [MESSAGES.en.validation.unstorableText] } },
    });
    expect((await operatorByEmail("mallory@example.com"))?.role).toBe("viewer");

    const settings = await actions.updateSettings({
      organizationName: "Acme\u0000",
      activityRetentionDays: 30,
    });
    expect(settings).toMatchObject({
      ok: false,
      error: { fieldErrors: { organizationName: [MESSAGES.en.validation.unstorableText] } },
    });
  });
});

describe("a local change and its activity entry are stored together, or neither", () => {
  it("an operator whose entry cannot be written does not exist and cannot sign in", async () => {
    await injectWriteFault(db.db, "activity_entries", { when: "new.operation = 'operator.create'" });
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const result = await actionsFor(root).createOperator({
      email: "ghost@example.com",
      name: "Ghost",
      role: "admin",
      password: "ghost-password-1",
    });
    spy.mockRestore();
    expect(result).toMatchObject({ ok: false, error: { code: "INTERNAL" } });
    expect(await operatorByEmail("ghost@example.com")).toBeNull();
    expect(
      (await authenticate(db.db, { email: "ghost@example.com", password: "ghost-password-1", ip: null })).ok,
    ).toBe(false);

    await clearWriteFault(db.db, "activity_entries");
    expect(
      await actionsFor(root).createOperator({
        email: "ghost@example.com",
        name: "Ghost",
        role: "viewer",
        password: "ghost-password-1",
      }),
    ).toMatchObject({ ok: true });
    expect((await entriesOf("operator.create")).map((entry) => entry.summary)).toContain("operatorCreated");
  });

  it("a promotion to admin whose entry cannot be written is undone", async () => {
    const ghost = await operatorByEmail("ghost@example.com");
    await injectWriteFault(db.db, "activity_entries", { when: "new.operation = 'operator.update'" });
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const result = await actionsFor(root).updateOperator({
      id: ghost?.id ?? "",
      name: "Ghost",
      role: "admin",
    });
    spy.mockRestore();
    expect(result).toMatchObject({ ok: false, error: { code: "INTERNAL" } });
    expect((await operatorByEmail("ghost@example.com"))?.role).toBe("viewer");
  });

  it("settings whose entry cannot be written keep their old value", async () => {
    const before = await getSettings(db.db);
    await injectWriteFault(db.db, "activity_entries", { when: "new.operation = 'settings.update'" });
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const result = await actionsFor(root).updateSettings({
      organizationName: "Untraced",
      activityRetentionDays: 99,
    });
    spy.mockRestore();
    expect(result).toMatchObject({ ok: false, error: { code: "INTERNAL" } });
    expect(await getSettings(db.db)).toEqual(before);
  });
});

describe("createOperator writes everything or nothing", () => {
  it("an unknown account id is a field error, and no operator is left behind", async () => {
    const result = await actionsFor(root, "zh-CN").createOperator({
      email: "half@example.com",
      name: "Half",
      role: "operator",
      password: "half-password-1",
      accountIds: [shopId, "00000000-0000-4000-8000-00000000dead"],
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: "INVALID_INPUT",
        message: MESSAGES["zh-CN"].actionErrors.accountIdsUnknown,
        fieldErrors: { accountIds: [MESSAGES["zh-CN"].actionErrors.accountIdsUnknown] },
      },
    });
    expect(await operatorByEmail("half@example.com")).toBeNull();
    expect(
      (await authenticate(db.db, { email: "half@example.com", password: "half-password-1", ip: null })).ok,
    ).toBe(false);
  });

  it("a grant that fails to be written leaves no operator either", async () => {
    await injectWriteFault(db.db, "operator_account_grants");
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const result = await actionsFor(root).createOperator({
      email: "half@example.com",
      name: "Half",
      role: "operator",
      password: "half-password-1",
      accountIds: [shopId],
    });
    spy.mockRestore();
    expect(result).toMatchObject({ ok: false, error: { code: "INTERNAL" } });
    expect(await operatorByEmail("half@example.com")).toBeNull();
  });
});

describe("a change WeChat applied is reported as applied", () => {
  it("retries an activity entry that failed once, and then stores it without a warning", async () => {
    await injectWriteFault(db.db, "activity_entries", { when: "new.operation = 'rule.add'", times: 1 });
    const result = await actionsFor(root).saveTypeARule(rule("https://shop.example.com/retried/"));
    expect(result).toMatchObject({
      ok: true,
      data: { rule: { prefix: "https://shop.example.com/retried/" } },
    });
    expect(result).not.toHaveProperty("warning");
    expect((await entriesOf("rule.add")).map((entry) => entry.prefix)).toContain(
      "https://shop.example.com/retried/",
    );
  });

  it("says the change was made but not logged when the entry cannot be written at all, and logs it at error level", async () => {
    await injectWriteFault(db.db, "activity_entries", { when: "new.operation = 'rule.add'" });
    const errors: string[] = [];
    const spy = vi
      .spyOn(console, "error")
      .mockImplementation((...args: unknown[]) => void errors.push(args.map(String).join(" ")));
    const result = await actionsFor(root, "zh-CN").saveTypeARule(rule("https://shop.example.com/unlogged/"));
    spy.mockRestore();
    expect(result).toMatchObject({
      ok: true,
      data: { rule: { prefix: "https://shop.example.com/unlogged/" } },
      warning: MESSAGES["zh-CN"].actionErrors.warningActivityNotRecorded,
    });
    expect(await sandboxPrefixes()).toContain("https://shop.example.com/unlogged/");
    expect(errors.some((line) => line.includes("could not record a rule.add entry"))).toBe(true);
    expect(errors.join("\n")).not.toContain(MINI_PROGRAM.secret);
  });

  it("says the rule was saved at WeChat when the rules table cannot be updated, and the next sync catches up", async () => {
    await injectWriteFault(db.db, "wechat_rules");
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const result = await actionsFor(root).saveTypeARule(rule("https://shop.example.com/unmirrored/"));
    spy.mockRestore();
    expect(result).toMatchObject({
      ok: true,
      data: { rule: { prefix: "https://shop.example.com/unmirrored/", state: 1 } },
      warning: MESSAGES.en.actionErrors.warningRuleMirrorBehind,
    });
    expect(await sandboxPrefixes()).toContain("https://shop.example.com/unmirrored/");
    expect(
      (await entriesOf("rule.add")).find((entry) => entry.prefix === "https://shop.example.com/unmirrored/")
        ?.outcome,
    ).toBe("success");

    await clearWriteFault(db.db, "wechat_rules");
    await rules.syncNow(contextFor(root, "en"), shopId);
    const mirrored = await db.db.select({ prefix: wechatRules.prefix }).from(wechatRules);
    expect(mirrored.map((row) => row.prefix)).toContain("https://shop.example.com/unmirrored/");
  });
});
