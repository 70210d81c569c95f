import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { MESSAGES } from "@/lib/i18n/messages";
import { RID_PATTERN } from "@/lib/wechat/ids";
import { createAccountIfAbsent } from "@/server/accounts";
import { ActionFailure } from "@/server/actions/safe-action";
import {
  activityEntries,
  operatorAccountGrants,
  operators,
  wechatAccounts,
  wechatRuleSyncs,
  wechatRules,
} from "@/server/db/schema";
import { createOperatorIfAbsent } from "@/server/operators";
import * as rules from "@/server/rules";
import type { RequestContext, RequestMessages } from "@/server/request-context";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import { MINI_PROGRAM, SERVICE_ACCOUNT, SandboxHarness } from "@/tests/support/sandbox-client";
import { clientFor, testBox } from "@/tests/support/wechat";

// Real pieces throughout: the sandbox over HTTP, the database, the WeChat client.
const LINKED = "wx9999999999999999";
const OTHER_MP = {
  appid: "wx3333333333333333",
  secret: "33333333333333333333333333333333",
  kind: "miniprogram",
} as const;

let sandbox: SandboxHarness;
let db: TestDatabase;
let context: RequestContext;
const ids: Record<"mp" | "oa", string> = { mp: "", oa: "" };

const translate: RequestMessages = (key, values) => {
  let text: string = MESSAGES.en.actionErrors[key];
  for (const [name, value] of Object.entries(values ?? {})) text = text.replace(`{${name}}`, value);
  return text;
};

const typeA = (n: number | string, extra: Partial<rules.TypeAValues> = {}): rules.RuleValues => ({
  kind: "A",
  prefix: `https://shop.example.com/r${n}/`,
  permitSubRule: 1,
  path: "pages/index/index",
  openVersion: 3,
  debugUrls: [`https://shop.example.com/r${n}/1`],
  ...extra,
});

async function sandboxRules(appid: string): Promise<Array<Record<string, unknown>>> {
  const state = await sandbox.state();
  return state.accounts.find((account) => account.appid === appid)?.rules ?? [];
}

async function failureOf(promise: Promise<unknown>): Promise<ActionFailure["error"]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ActionFailure) return error.error;
    throw error;
  }
  throw new Error("expected the operation to fail");
}

async function reset(
  seedRules: { mp?: Array<Record<string, unknown>>; oa?: Array<Record<string, unknown>> } = {},
) {
  await sandbox.reset({
    accounts: [
      { ...MINI_PROGRAM, ruleLimit: 5, rules: seedRules.mp ?? [] },
      {
        ...OTHER_MP,
        rules: [{ prefix: "https://occupied.example.com/", permit_sub_rule: 2, path: "pages/a/a" }],
      },
      { ...SERVICE_ACCOUNT, linkedMiniPrograms: [MINI_PROGRAM.appid, LINKED], rules: seedRules.oa ?? [] },
      { appid: LINKED, secret: "99999999999999999999999999999999", kind: "miniprogram" },
    ],
  });
  await db.db.delete(wechatRules);
  await db.db.delete(wechatRuleSyncs);
}

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
  db = await createTestDatabase();
  const box = testBox();
  await createAccountIfAbsent(db.db, box, { ...MINI_PROGRAM, name: "Shop" });
  await createAccountIfAbsent(db.db, box, {
    ...SERVICE_ACCOUNT,
    name: "News",
    linkedMiniPrograms: [MINI_PROGRAM.appid, LINKED],
  });
  for (const account of await db.db.select().from(wechatAccounts))
    ids[account.kind === "miniprogram" ? "mp" : "oa"] = account.id;
  await createOperatorIfAbsent(db.db, {
    email: "op@example.com",
    name: "Op",
    role: "operator",
    password: "operator-password",
  });
  const [operator] = await db.db.select().from(operators).where(eq(operators.email, "op@example.com"));
  if (!operator) throw new Error("no operator");
  // An operator acts only on the accounts given to them.
  await db.db
    .insert(operatorAccountGrants)
    .values([ids.mp, ids.oa].map((accountId) => ({ operatorId: operator.id, accountId })));
  context = {
    db: db.db,
    box,
    wechat: clientFor(db, sandbox.url, 3_000),
    operator: { id: operator.id, email: operator.email, name: operator.name, role: "operator" },
    locale: "en",
    t: translate,
  };
});
afterAll(async () => {
  await sandbox.close();
  await db.close();
});
beforeEach(() => reset());

describe("the local mirror", () => {
  it("syncs a Mini Program's rules and answers searches, filters, sorting and paging from the database", async () => {
    await reset({
      mp: [
        { prefix: "https://shop.example.com/a/", path: "pages/a/a", state: 2 },
        { prefix: "https://shop.example.com/b/", path: "pages/b/b" },
        {
          prefix: "https://www.example.com/c/",
          path: "pages/c/c",
          debug_url: ["https://www.example.com/c/1"],
        },
      ],
    });
    const { summary } = await rules.syncNow(context, ids.mp);
    expect(summary).toMatchObject({
      kind: "miniprogram",
      ruleCount: 3,
      ruleLimit: 100,
      publishQuota: 100,
      featureOpen: true,
      syncing: false,
      syncError: null,
    });
    expect(Date.parse(summary.syncedAt ?? "")).toBeGreaterThan(Date.now() - 60_000);

    const all = await rules.rulePage(context, ids.mp, {});
    expect(all.rows.map((rule) => rule.prefix)).toEqual([
      "https://shop.example.com/a/",
      "https://shop.example.com/b/",
      "https://www.example.com/c/",
    ]);
    expect(all.rows[2]).toMatchObject({
      path: "pages/c/c",
      state: 1,
      debugUrls: ["https://www.example.com/c/1"],
      openVersion: 3,
      permitSubRule: 1,
    });

    expect((await rules.rulePage(context, ids.mp, { q: "SHOP.example" })).total).toBe(2);
    expect((await rules.rulePage(context, ids.mp, { q: "%" })).total).toBe(0);
    expect((await rules.rulePage(context, ids.mp, { state: 2 })).rows.map((rule) => rule.prefix)).toEqual([
      "https://shop.example.com/a/",
    ]);
    expect((await rules.rulePage(context, ids.mp, { sort: "path", dir: "desc" })).rows[0]?.path).toBe(
      "pages/c/c",
    );
    const second = await rules.rulePage(context, ids.mp, { pageSize: 2, page: 2 });
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(second.rows.map((rule) => rule.prefix)).toEqual(["https://www.example.com/c/"]);
  });

  it("refreshes a never-synced mirror in the background while the page answers at once", async () => {
    await reset({ mp: [{ prefix: "https://shop.example.com/bg/", path: "pages/a/a" }] });
    const first = await rules.rulePage(context, ids.mp, {});
    expect(first.summary.syncing).toBe(true);
    await expect
      .poll(async () => (await rules.rulePage(context, ids.mp, {})).total, { timeout: 10_000 })
      .toBe(1);
    expect((await rules.rulePage(context, ids.mp, {})).summary.syncing).toBe(false);
  });

  it("syncs every linked Mini Program of a Service Account, walking all pages", async () => {
    const many = Array.from({ length: 450 }, (_, n) => ({
      prefix: `http://weixin.qq.com/q/m${String(n).padStart(4, "0")}`,
      appid: MINI_PROGRAM.appid,
      path: "pages/a/a",
    }));
    await reset({
      oa: [...many, { prefix: "http://weixin.qq.com/q/linked", appid: LINKED, path: "pages/l/l", state: 2 }],
    });
    expect((await rules.syncNow(context, ids.oa)).summary).toMatchObject({ ruleCount: 451, ruleLimit: null });
    expect((await rules.rulePage(context, ids.oa, { target: LINKED })).rows).toMatchObject([
      { prefix: "http://weixin.qq.com/q/linked", targetAppid: LINKED, state: 2, permitSubRule: null },
    ]);
    expect((await rules.rulePage(context, ids.oa, { q: "q/m04" })).total).toBe(50);
  });
});

describe("changing rules", () => {
  it("adds, edits, publishes, replaces a published rule only once confirmed, and deletes it", async () => {
    const added = await rules.saveRule(context, ids.mp, "add", typeA(1));
    expect(added.rule).toMatchObject({ prefix: "https://shop.example.com/r1/", state: 1 });
    expect(await sandboxRules(MINI_PROGRAM.appid)).toMatchObject([
      { prefix: "https://shop.example.com/r1/", path: "pages/index/index" },
    ]);

    await rules.saveRule(context, ids.mp, "edit", typeA(1, { path: "pages/edited/edited" }), {
      confirmReplace: true,
    });
    expect((await rules.rulePage(context, ids.mp, {})).rows).toMatchObject([
      { path: "pages/edited/edited", state: 1 },
    ]);

    const published = await rules.publishRules(context, ids.mp, [{ prefix: "https://shop.example.com/r1/" }]);
    expect(published).toEqual({
      results: [{ prefix: "https://shop.example.com/r1/", ok: true }],
      publishQuota: 99,
    });
    expect((await rules.rulePage(context, ids.mp, {})).rows[0]?.state).toBe(2);

    // A change to a published rule is a replace: refused, with nothing sent, until the operator confirms it.
    const callsBefore = (await sandbox.state()).calls.length;
    const refused = await failureOf(rules.saveRule(context, ids.mp, "edit", typeA(1, { path: "pages/x/x" })));
    expect(refused).toMatchObject({
      code: "CONFLICT",
      message: MESSAGES.en.actionErrors.replaceNotConfirmed,
    });
    expect(
      (await sandbox.state()).calls.slice(callsBefore).filter((call) => call.endpoint !== "qrcodejumpget"),
    ).toEqual([]);

    const replaced = await rules.saveRule(
      context,
      ids.mp,
      "edit",
      typeA(1, { path: "pages/replaced/replaced" }),
      { confirmReplace: true },
    );
    expect(replaced.rule).toMatchObject({ path: "pages/replaced/replaced", state: 2 });
    expect(await sandboxRules(MINI_PROGRAM.appid)).toMatchObject([
      { path: "pages/replaced/replaced", state: 2 },
    ]);

    const deleted = await rules.deleteRules(context, ids.mp, [{ prefix: "https://shop.example.com/r1/" }]);
    expect(deleted.results).toEqual([{ prefix: "https://shop.example.com/r1/", ok: true }]);
    expect(await sandboxRules(MINI_PROGRAM.appid)).toEqual([]);
    expect((await rules.rulePage(context, ids.mp, {})).total).toBe(0);
  });

  it("puts the previous rule back, published again, when the add of a replace fails", async () => {
    await reset({ mp: [{ prefix: "https://shop.example.com/keep/", path: "pages/old/old", state: 2 }] });
    await rules.syncNow(context, ids.mp);
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "errcode", errcode: 85076, count: 1 });
    const failure = await failureOf(
      rules.saveRule(
        context,
        ids.mp,
        "edit",
        typeA("x", { prefix: "https://shop.example.com/keep/", path: "pages/new/new", debugUrls: [] }),
        { confirmReplace: true },
      ),
    );
    expect(failure.code).toBe("WECHAT");
    expect(failure.message).toContain("The previous rule was put back and is published again");
    expect(failure.wechat).toMatchObject({ errcode: 85076 });
    expect(await sandboxRules(MINI_PROGRAM.appid)).toMatchObject([
      { prefix: "https://shop.example.com/keep/", path: "pages/old/old", state: 2 },
    ]);
  });

  it("puts WeChat's refusals on the field to blame, with the catalog's words and the rid", async () => {
    const notUnder = await failureOf(
      rules.saveRule(
        context,
        ids.mp,
        "add",
        typeA(2, { debugUrls: ["https://shop.example.com/r2/ok", "https://other.example.com/r2/"] }),
      ),
    );
    expect(notUnder).toMatchObject({
      code: "WECHAT",
      message: "Test link not under the rule",
      wechat: { errcode: 85068 },
    });
    expect(Object.keys(notUnder.fieldErrors ?? {})).toEqual(["debugUrls.1"]);
    expect(notUnder.wechat?.rid).toMatch(RID_PATTERN);

    await rules.saveRule(context, ids.mp, "add", typeA(3));
    const duplicate = await failureOf(rules.saveRule(context, ids.mp, "add", typeA(3)));
    expect(duplicate.wechat?.errcode).toBe(85071);
    expect(duplicate.fieldErrors?.prefix?.[0]).toBe(
      "Rule already exists: There is already a rule with this prefix. Find it in the rule list and edit it instead.",
    );

    const occupied = await failureOf(
      rules.saveRule(
        context,
        ids.mp,
        "add",
        typeA(4, { prefix: "https://occupied.example.com/x/", debugUrls: [] }),
      ),
    );
    expect(occupied.wechat?.errcode).toBe(85072);
    expect(Object.keys(occupied.fieldErrors ?? {})).toEqual(["prefix"]);

    for (const n of [5, 6, 7, 8]) await rules.saveRule(context, ids.mp, "add", typeA(n));
    const full = await failureOf(rules.saveRule(context, ids.mp, "add", typeA(9)));
    expect(full).toMatchObject({ code: "WECHAT", message: "Rule limit reached", wechat: { errcode: 85073 } });
    expect(full.fieldErrors).toBeUndefined();
  });

  it("reports each row of a bulk delete, and only the failed rows fail", async () => {
    const prefixes = Array.from({ length: 10 }, (_, n) => `http://weixin.qq.com/q/bulk${n}`);
    await reset({ oa: prefixes.slice(0, 9).map((prefix) => ({ prefix, appid: LINKED, path: "pages/a/a" })) });
    await rules.syncNow(context, ids.oa);
    const result = await rules.deleteRules(
      context,
      ids.oa,
      prefixes.map((prefix) => ({ prefix, targetAppid: LINKED })),
    );
    expect(result.results.slice(0, 9)).toEqual(
      prefixes.slice(0, 9).map((prefix) => ({ prefix, targetAppid: LINKED, ok: true })),
    );
    expect(result.results[9]).toMatchObject({
      prefix: prefixes[9],
      ok: false,
      error: { code: "WECHAT", wechat: { errcode: 40097 } },
    });
    expect(await sandboxRules(SERVICE_ACCOUNT.appid)).toEqual([]);
    expect((await rules.rulePage(context, ids.oa, {})).total).toBe(0);
  });

  it("adds a type-B rule only for a linked Mini Program", async () => {
    const added = await rules.saveRule(context, ids.oa, "add", {
      kind: "B",
      prefix: "http://weixin.qq.com/q/new",
      appid: LINKED,
      path: "pages/b/b",
    });
    expect(added.rule).toMatchObject({ targetAppid: LINKED, state: 1 });
    const unlinked = await failureOf(
      rules.saveRule(context, ids.oa, "add", {
        kind: "B",
        prefix: "http://weixin.qq.com/q/x",
        appid: OTHER_MP.appid,
        path: "pages/b/b",
      }),
    );
    expect(unlinked).toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { appid: [MESSAGES.en.actionErrors.linkNotLinked] },
    });
  });

  it("refuses an account that does not exist, or that was not given to the operator", async () => {
    const missing = await failureOf(rules.rulePage(context, "00000000-0000-4000-8000-000000000000", {}));
    expect(missing).toMatchObject({ code: "NOT_FOUND", message: MESSAGES.en.actionErrors.accountNotFound });

    await db.db.delete(operatorAccountGrants).where(eq(operatorAccountGrants.accountId, ids.oa));
    try {
      const refused = await failureOf(
        rules.saveRule(context, ids.oa, "add", {
          kind: "B",
          prefix: "http://weixin.qq.com/q/nope",
          appid: LINKED,
          path: "pages/b/b",
        }),
      );
      expect(refused).toMatchObject({ code: "NOT_FOUND", message: MESSAGES.en.actionErrors.accountNotFound });
      expect(await sandboxRules(SERVICE_ACCOUNT.appid)).toEqual([]);
      expect((await failureOf(rules.rulePage(context, ids.oa, {}))).code).toBe("NOT_FOUND");
    } finally {
      await db.db
        .insert(operatorAccountGrants)
        .values({ operatorId: context.operator.id, accountId: ids.oa });
    }
  });
});

describe("an outcome WeChat leaves unknown", () => {
  it("is reported and logged as unknown, not as a failure that changed nothing, and is not sent again", async () => {
    const quick: RequestContext = { ...context, wechat: clientFor(db, sandbox.url, 300, 400) };
    await rules.saveRule(quick, ids.mp, "add", typeA(9));
    // WeChat makes the publish after the client's deadline, and every read afterwards is dropped.
    await sandbox.fault({ endpoint: "qrcodejumppublish", mode: "late", applyAfterMs: 500, delayMs: 900 });
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "drop", count: 50 });
    const { results } = await rules.publishRules(quick, ids.mp, [{ prefix: "https://shop.example.com/r9/" }]);
    await sandbox.control("DELETE", "faults");

    expect(results[0]).toMatchObject({
      ok: false,
      error: { code: "WECHAT", message: expect.stringMatching(/Outcome unknown/) },
    });
    const [entry] = await db.db
      .select()
      .from(activityEntries)
      .where(
        and(
          eq(activityEntries.operation, "rule.publish"),
          eq(activityEntries.prefix, "https://shop.example.com/r9/"),
        ),
      );
    expect(entry?.outcome).toBe("unknown");
    const published = (await sandboxRules(MINI_PROGRAM.appid)).find(
      (rule) => rule.prefix === "https://shop.example.com/r9/",
    );
    expect(published?.state).toBe(2);
    expect(
      (await sandbox.state()).accounts.find((account) => account.appid === MINI_PROGRAM.appid),
    ).toMatchObject({
      publishesLeft: 99,
    });
  }, 30_000);
});
