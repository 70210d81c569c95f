import { readFile, readdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { eq } from "drizzle-orm";
import { createTranslator } from "next-intl";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { MESSAGES } from "@/lib/i18n/messages";
import * as accounts from "@/server/admin/accounts";
import * as people from "@/server/admin/operators";
import { ActionFailure } from "@/server/actions/failure";
import { createAuthAction } from "@/server/actions/safe-action";
import { recordRefusal } from "@/server/activity/events";
import { listActivity } from "@/server/activity/queries";
import { summaryTranslatorOf } from "@/server/activity/request";
import { authenticate } from "@/server/auth/authenticate";
import type { CurrentOperator } from "@/server/auth/session";
import { type DatabaseHandle, openDatabase } from "@/server/db/client";
import { operators, wechatTokens } from "@/server/db/schema";
import { createOperatorIfAbsent } from "@/server/operators";
import * as rules from "@/server/rules";
import type { RequestContext, RequestMessages } from "@/server/request-context";
import { visibleAccount, visibleAccounts } from "@/server/access/grants";
import { MINI_PROGRAM, SERVICE_ACCOUNT, SandboxHarness } from "@/tests/support/sandbox-client";
import { clientFor, testBox } from "@/tests/support/wechat";

// Real pieces: the sandbox over HTTP and the embedded database on disk (so its files can be read).
// Console output is captured (and still printed) so that no log line may carry a secret.
const logged: string[] = [];
for (const level of ["log", "info", "warn", "error"] as const) {
  const original = console[level].bind(console);
  vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
    original(...args);
  });
}
let sandbox: SandboxHarness;
let dataDir: string;
let handle: DatabaseHandle;
let admin: CurrentOperator;
const box = testBox();

const translate: RequestMessages = (key, values) => {
  let text: string = MESSAGES.en.actionErrors[key];
  for (const [name, value] of Object.entries(values ?? {})) text = text.replace(`{${name}}`, value);
  return text;
};
const contextFor = (operator: CurrentOperator): RequestContext => ({
  db: handle.db,
  box,
  wechat: clientFor(handle, sandbox.url, 3_000),
  operator,
  locale: "en",
  t: translate,
});

async function failureOf(promise: Promise<unknown>): Promise<ActionFailure["error"]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ActionFailure) return error.error;
    throw error;
  }
  throw new Error("expected a failure");
}

beforeAll(async () => {
  sandbox = await SandboxHarness.start({
    accounts: [
      { ...MINI_PROGRAM, rules: [{ prefix: "https://admin.example.com/a/", path: "pages/a/a" }] },
      { ...SERVICE_ACCOUNT },
    ],
  });
  dataDir = await mkdtemp(path.join(tmpdir(), "qrjump-admin-"));
  handle = await openDatabase({ kind: "embedded", dataDir });
  await handle.migrate();
  await createOperatorIfAbsent(handle.db, {
    email: "root@example.com",
    name: "Root",
    role: "admin",
    password: "root-password-1",
  });
  const [row] = await handle.db.select().from(operators);
  if (!row) throw new Error("no admin");
  admin = { id: row.id, email: row.email, name: row.name, role: "admin" };
});
afterAll(async () => {
  await sandbox.close();
  await handle.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("WeChat accounts", () => {
  it("explains a wrong AppSecret on the secret field and saves nothing; saves with the right one", async () => {
    const wrong = await failureOf(
      accounts.createAccount(contextFor(admin), {
        ...MINI_PROGRAM,
        secret: "0".repeat(32),
        name: "Shop",
        tokenMode: "stable",
        linkedMiniPrograms: [],
      }),
    );
    expect(wrong).toMatchObject({ code: "WECHAT", wechat: { errcode: 40125 } });
    expect(Object.keys(wrong.fieldErrors ?? {})).toEqual(["secret"]);
    expect(await visibleAccounts(handle.db, admin)).toEqual([]);

    const unknown = await failureOf(
      accounts.createAccount(contextFor(admin), {
        ...MINI_PROGRAM,
        appid: "wxffffffffffffffff",
        name: "Shop",
        tokenMode: "stable",
        linkedMiniPrograms: [],
      }),
    );
    expect(Object.keys(unknown.fieldErrors ?? {})).toEqual(["appid"]);

    const { account } = await accounts.createAccount(contextFor(admin), {
      ...MINI_PROGRAM,
      name: "Shop",
      tokenMode: "stable",
      linkedMiniPrograms: [],
    });
    expect(account).toMatchObject({
      appid: MINI_PROGRAM.appid,
      secretHint: MINI_PROGRAM.secret.slice(-4),
      disabled: false,
    });
    expect(JSON.stringify(account)).not.toContain(MINI_PROGRAM.secret);

    const duplicate = await failureOf(
      accounts.createAccount(contextFor(admin), {
        ...MINI_PROGRAM,
        name: "Again",
        tokenMode: "stable",
        linkedMiniPrograms: [],
      }),
    );
    expect(duplicate).toMatchObject({
      code: "CONFLICT",
      fieldErrors: { appid: [MESSAGES.en.actionErrors.accountExists] },
    });
  });
});

describe("checking credentials", () => {
  it("proves a new AppSecret with WeChat even while a token is cached, and never fetches /cgi-bin/token to do it", async () => {
    const { account } = await accounts.createAccount(contextFor(admin), {
      ...SERVICE_ACCOUNT,
      name: "Classic",
      tokenMode: "classic",
      linkedMiniPrograms: [],
    });
    // A live token in the cache, as after a day of work.
    await contextFor(admin).wechat.tokens.get({ ...SERVICE_ACCOUNT, tokenMode: "classic" });
    const callsBefore = (await sandbox.state()).calls.length;

    const wrong = await failureOf(
      accounts.updateAccount(contextFor(admin), {
        id: account.id,
        name: "Classic",
        secret: "9".repeat(32),
        tokenMode: "classic",
        linkedMiniPrograms: [],
      }),
    );
    expect(wrong).toMatchObject({ code: "WECHAT", wechat: { errcode: 40125 } });
    expect(Object.keys(wrong.fieldErrors ?? {})).toEqual(["secret"]);

    await accounts.updateAccount(contextFor(admin), {
      id: account.id,
      name: "Classic again",
      secret: SERVICE_ACCOUNT.secret,
      tokenMode: "classic",
      linkedMiniPrograms: [],
    });
    const checks = (await sandbox.state()).calls.slice(callsBefore);
    expect(checks.map((call) => call.endpoint)).toEqual(["stable_token", "stable_token"]);
    // The classic token in use before the checks still works.
    const [cached] = await handle.db
      .select()
      .from(wechatTokens)
      .where(eq(wechatTokens.appid, SERVICE_ACCOUNT.appid));
    expect(cached?.mode).toBe("classic");
    await accounts.deleteAccount(contextFor(admin), account.id);
  });
});

describe("operators and per-account access", () => {
  it("gives an operator only the accounts granted, refuses the rest, and keeps one admin", async () => {
    const { account: news } = await accounts.createAccount(contextFor(admin), {
      ...SERVICE_ACCOUNT,
      name: "News",
      tokenMode: "stable",
      linkedMiniPrograms: [MINI_PROGRAM.appid],
    });
    const [shop] = (await visibleAccounts(handle.db, admin)).filter(
      (account) => account.appid === MINI_PROGRAM.appid,
    );
    const created = await people.createOperator(
      contextFor(admin),
      { email: "Op@Example.com", name: "Op", role: "operator", password: "", accountIds: [shop?.id ?? ""] },
      "http://localhost:3000",
    );
    expect(created.operator).toMatchObject({
      email: "op@example.com",
      role: "operator",
      accountIds: [shop?.id],
    });
    const link = created.setPasswordLink;
    expect(link?.url).toMatch(/^http:\/\/localhost:3000\/set-password\?token=[\w-]{40,}$/);

    // The link sets the password once.
    const token = new URL(link?.url ?? "").searchParams.get("token") ?? "";
    expect(await people.setPasswordWithToken(handle.db, token, "a-brand-new-password")).toEqual({
      email: "op@example.com",
    });
    expect(await people.setPasswordWithToken(handle.db, token, "another-password-1")).toBeNull();
    expect(
      (await authenticate(handle.db, { email: "op@example.com", password: "a-brand-new-password", ip: null }))
        .ok,
    ).toBe(true);

    const operator: CurrentOperator = {
      id: created.operator.id,
      email: "op@example.com",
      name: "Op",
      role: "operator",
    };
    expect((await visibleAccounts(handle.db, operator)).map((account) => account.name)).toEqual(["Shop"]);
    expect((await rules.syncNow(contextFor(operator), shop?.id ?? "")).summary.ruleCount).toBe(1);
    const refused = await failureOf(
      rules.saveRule(contextFor(operator), news.id, "add", {
        kind: "B",
        prefix: "http://weixin.qq.com/q/x",
        appid: MINI_PROGRAM.appid,
        path: "pages/a/a",
      }),
    );
    expect(refused.code).toBe("NOT_FOUND");
    const logged = await listActivity(
      handle.db,
      admin,
      { operator: operator.id, outcome: "failure" },
      (key) => key,
    );
    expect(logged.rows).toMatchObject([{ operation: "rule.add", prefix: "http://weixin.qq.com/q/x" }]);

    // The last admin can be neither demoted nor disabled, by themself or anyone.
    expect(await failureOf(people.setOperatorDisabled(contextFor(admin), admin.id, true))).toMatchObject({
      code: "CONFLICT",
    });
    await people.updateOperator(contextFor(admin), {
      id: operator.id,
      name: "Op",
      role: "admin",
      accountIds: [],
    });
    // The log says whom the update was about and what changed, in the reader's language.
    const summaries = async (locale: "en" | "zh-CN") => {
      const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "activity" });
      const entries = await listActivity(
        handle.db,
        admin,
        { operation: "operator.update" },
        summaryTranslatorOf(t as unknown as Parameters<typeof summaryTranslatorOf>[0]),
      );
      return entries.rows[0]?.summary;
    };
    expect(await summaries("en")).toBe("op@example.com: role operator → admin; accounts given 1 → 0");
    expect(await summaries("zh-CN")).toBe("op@example.com：角色 操作员 → 管理员；分配的账号 1 → 0");
    const asSecondAdmin: CurrentOperator = { ...operator, role: "admin" };
    await people.setOperatorDisabled(contextFor(asSecondAdmin), admin.id, true);
    expect(
      await failureOf(
        people.updateOperator(contextFor(asSecondAdmin), {
          id: operator.id,
          name: "Op",
          role: "viewer",
          accountIds: [],
        }),
      ),
    ).toMatchObject({
      code: "CONFLICT",
    });
    await people.setOperatorDisabled(contextFor(asSecondAdmin), admin.id, false);
    expect(
      await failureOf(
        people.updateOperator(contextFor(admin), {
          id: admin.id,
          name: "Root",
          role: "viewer",
          accountIds: [],
        }),
      ),
    ).toMatchObject({
      code: "CONFLICT",
      message: MESSAGES.en.actionErrors.notYourself,
    });
  });
});

describe("the action wrapper", () => {
  // The wrapper, the grant check and the refusal record are the product's; only the request (who is
  // signed in, the language), which exists inside Next.js alone, is supplied here.
  const wrapperFor = (operator: CurrentOperator) =>
    createAuthAction({
      currentOperator: async () => operator,
      context: async (who) => contextFor(who),
      mayAccessAccount: async (who, accountId) => (await visibleAccount(handle.db, who, accountId)) !== null,
      recordRefusal: (refusal) => recordRefusal(handle.db, refusal),
      translators: async () => ({
        errors: (key) => MESSAGES.en.actionErrors[key as keyof typeof MESSAGES.en.actionErrors],
        validation: { has: () => false, t: (key) => key },
      }),
    });

  it("refuses a viewer's change, an operator's action on an account not given, and a non-admin's admin action, and logs each", async () => {
    const shop = (await visibleAccounts(handle.db, admin)).find(
      (account) => account.appid === MINI_PROGRAM.appid,
    );
    const news = (await visibleAccounts(handle.db, admin)).find(
      (account) => account.appid === SERVICE_ACCOUNT.appid,
    );
    await createOperatorIfAbsent(handle.db, {
      email: "watch@example.com",
      name: "Watch",
      role: "viewer",
      password: "viewer-password-1",
    });
    const [row] = await handle.db.select().from(operators).where(eq(operators.email, "watch@example.com"));
    const viewer: CurrentOperator = {
      id: row?.id ?? "",
      email: "watch@example.com",
      name: "Watch",
      role: "viewer",
    };
    const [opRow] = await handle.db.select().from(operators).where(eq(operators.email, "op@example.com"));
    const operator: CurrentOperator = {
      id: opRow?.id ?? "",
      email: "op@example.com",
      name: "Op",
      role: "operator",
    };
    await people.updateOperator(contextFor(admin), {
      id: operator.id,
      name: "Op",
      role: "operator",
      accountIds: [shop?.id ?? ""],
    });

    const handler = vi.fn(async () => "changed");
    const schema = z.object({ accountId: z.uuid() });
    const deleteRules = (who: CurrentOperator) =>
      wrapperFor(who)(
        { role: "operator", schema, name: "deleteRules", accountOf: (input) => input.accountId },
        handler,
      );
    const createAccount = (who: CurrentOperator) =>
      wrapperFor(who)({ role: "admin", schema: z.object({}), name: "createAccount" }, handler);

    expect(await deleteRules(viewer)({ accountId: shop?.id ?? "" })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await deleteRules(operator)({ accountId: news?.id ?? "" })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN", message: MESSAGES.en.actionErrors.accountForbidden },
    });
    expect(await createAccount(operator)({})).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(handler).not.toHaveBeenCalled();
    expect(await deleteRules(operator)({ accountId: shop?.id ?? "" })).toEqual({ ok: true, data: "changed" });

    // In words, in the reader's language, and under the account the request named.
    const t = createTranslator({ locale: "en", messages: MESSAGES.en, namespace: "activity" });
    const described = await listActivity(
      handle.db,
      admin,
      { operation: "action.refused" },
      summaryTranslatorOf(t as unknown as Parameters<typeof summaryTranslatorOf>[0]),
    );
    expect(described.rows.map((entry) => [entry.summary, entry.account?.name ?? null])).toEqual([
      ["Refused: add an account (the operator's role does not allow it)", null],
      ["Refused: deleteRules on an account not given to the operator", "News"],
      ["Refused: deleteRules (the operator's role does not allow it)", "Shop"],
    ]);
    const refusals = await listActivity(handle.db, admin, { operation: "action.refused" }, (key) => key);
    expect(refusals.rows.map((entry) => [entry.operator?.email, entry.summary])).toEqual([
      ["op@example.com", "refusedRole"],
      ["op@example.com", "refusedAccount"],
      ["watch@example.com", "refusedRole"],
    ]);
  });
});

describe("secrets at rest", () => {
  it("the embedded database's files hold no AppSecret and no access token in clear", async () => {
    const tokens = (await handle.db.select().from(wechatTokens)).map((row) => box.open(row.tokenSealed));
    expect(tokens.length).toBeGreaterThan(0);
    await handle.db.select().from(operators).where(eq(operators.email, "op@example.com"));
    await handle.close();
    const needles = [MINI_PROGRAM.secret, SERVICE_ACCOUNT.secret, ...tokens].map((text) => Buffer.from(text));
    const files: string[] = [];
    const walk = async (dir: string) => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else files.push(full);
      }
    };
    await walk(dataDir);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const bytes = await readFile(file);
      for (const needle of needles) expect(bytes.includes(needle), `${file} holds a secret`).toBe(false);
    }
    const everythingLogged = logged.join("\n");
    for (const needle of needles) expect(everythingLogged).not.toContain(needle.toString());
    handle = await openDatabase({ kind: "embedded", dataDir });
  });
});
