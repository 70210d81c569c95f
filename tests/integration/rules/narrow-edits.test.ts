import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createAccountIfAbsent } from "@/server/accounts";
import { ActionFailure } from "@/server/actions/safe-action";
import { activityEntries, wechatAccounts, wechatRuleSyncs, wechatRules } from "@/server/db/schema";
import { readAddBudgets } from "@/server/wechat/add-budget";
import * as rules from "@/server/rules";
import type { RequestContext } from "@/server/request-context";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import { MINI_PROGRAM, SERVICE_ACCOUNT, SandboxHarness } from "@/tests/support/sandbox-client";
import { operatorContext, translate } from "@/tests/support/request-context";
import { testBox } from "@/tests/support/wechat";

// WeChat's narrow edits, as the sandbox models them by default (REFERENCE §2): `is_edit: 1` changes
// only the scope, the occupy flag and the test links of an unpublished type-A rule, and answers 40097
// for anything else. The product makes every other change as a replace.
const LINKED = "wx9999999999999999";
let sandbox: SandboxHarness;
let db: TestDatabase;
let context: RequestContext;
const ids: Record<"mp" | "oa", string> = { mp: "", oa: "" };

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
  db = await createTestDatabase();
  const box = testBox();
  await createAccountIfAbsent(db.db, box, { ...MINI_PROGRAM, name: "Shop" });
  await createAccountIfAbsent(db.db, box, {
    ...SERVICE_ACCOUNT,
    name: "News",
    linkedMiniPrograms: [LINKED, MINI_PROGRAM.appid],
  });
  for (const account of await db.db.select().from(wechatAccounts))
    ids[account.kind === "miniprogram" ? "mp" : "oa"] = account.id;
  context = await operatorContext(db, sandbox.url, {
    email: "root@example.com",
    name: "Root",
    role: "admin",
    password: "root-password-1",
  });
});
afterAll(async () => {
  await sandbox.close();
  await db.close();
});
beforeEach(async () => {
  await sandbox.reset({
    accounts: [
      { ...MINI_PROGRAM, edits: "narrow" },
      { ...SERVICE_ACCOUNT, linkedMiniPrograms: [LINKED, MINI_PROGRAM.appid], edits: "narrow" },
      { appid: LINKED, secret: "99999999999999999999999999999999", kind: "miniprogram" },
    ],
  });
  await db.db.delete(wechatRules);
  await db.db.delete(wechatRuleSyncs);
});

const typeA = (extra: Partial<rules.TypeAValues> = {}): rules.RuleValues => ({
  kind: "A",
  prefix: "https://shop.example.com/narrow/",
  permitSubRule: 1,
  path: "pages/index/index",
  openVersion: 3,
  debugUrls: ["https://shop.example.com/narrow/1"],
  ...extra,
});

async function callsDuring(run: () => Promise<unknown>) {
  const before = (await sandbox.state()).calls.length;
  await run();
  return (await sandbox.state()).calls
    .slice(before)
    .filter((call) => call.endpoint.startsWith("qrcodejump"))
    .map((call) => `${call.endpoint} ${call.errcode}`);
}

const sandboxAccount = async (appid: string) => {
  const account = (await sandbox.state()).accounts.find((candidate) => candidate.appid === appid);
  if (!account) throw new Error(`no sandbox account ${appid}`);
  return account;
};
const sandboxRule = async (appid: string) => (await sandboxAccount(appid)).rules;

it("edits a type-A rule's scope, occupy flag and test links in place with one call", async () => {
  await rules.saveRule(context, ids.mp, "add", typeA());
  const calls = await callsDuring(() =>
    rules.saveRule(
      context,
      ids.mp,
      "edit",
      typeA({ openVersion: 2, permitSubRule: 2, debugUrls: ["https://shop.example.com/narrow/2"] }),
    ),
  );
  expect(calls.filter((call) => !call.startsWith("qrcodejumpget"))).toEqual(["qrcodejumpadd 0"]);
  expect(await sandboxRule(MINI_PROGRAM.appid)).toMatchObject([
    { open_version: 2, permit_sub_rule: 2, debug_url: ["https://shop.example.com/narrow/2"], state: 1 },
  ]);
});

it("changes a type-A rule's page path as a replace, never meeting WeChat's 40097", async () => {
  await rules.saveRule(context, ids.mp, "add", typeA());
  const calls = await callsDuring(() =>
    rules.saveRule(context, ids.mp, "edit", typeA({ path: "pages/new/new" }), { confirmReplace: true }),
  );
  expect(calls.filter((call) => !call.startsWith("qrcodejumpget"))).toEqual([
    "qrcodejumpdelete 0",
    "qrcodejumpadd 0",
  ]);
  expect(await sandboxRule(MINI_PROGRAM.appid)).toMatchObject([{ path: "pages/new/new", state: 1 }]);
  expect((await rules.rulePage(context, ids.mp, {})).rows).toMatchObject([
    { path: "pages/new/new", state: 1 },
  ]);
  const [entry] = await db.db
    .select()
    .from(activityEntries)
    .where(eq(activityEntries.operation, "rule.replace"))
    .orderBy(desc(activityEntries.id))
    .limit(1);
  expect(entry).toMatchObject({ outcome: "success", result: { state: "replaced" } });
});

it("refuses a replace the operator did not confirm, before anything is sent", async () => {
  await rules.saveRule(context, ids.mp, "add", typeA());
  let refused: unknown;
  const calls = await callsDuring(() =>
    rules.saveRule(context, ids.mp, "edit", typeA({ path: "pages/new/new" })).catch((error: unknown) => {
      refused = error;
    }),
  );
  expect(refused).toMatchObject({
    error: { code: "CONFLICT", message: translate("replaceNotConfirmed") },
  });
  expect(calls.filter((call) => !call.startsWith("qrcodejumpget"))).toEqual([]);
  expect(await sandboxRule(MINI_PROGRAM.appid)).toMatchObject([{ path: "pages/index/index" }]);
});

it("changes a Service Account's rule as a replace too: it has nothing WeChat edits in place", async () => {
  const rule = {
    kind: "B" as const,
    prefix: "http://weixin.qq.com/q/narrow",
    appid: LINKED,
    path: "pages/a/a",
  };
  await rules.saveRule(context, ids.oa, "add", rule);
  const calls = await callsDuring(() =>
    rules.saveRule(context, ids.oa, "edit", { ...rule, path: "pages/b/b" }, { confirmReplace: true }),
  );
  expect(calls.filter((call) => !call.startsWith("qrcodejumpget"))).toEqual([
    "qrcodejumpdelete 0",
    "qrcodejumpadd 0",
  ]);
  expect(await sandboxRule(SERVICE_ACCOUNT.appid)).toMatchObject([{ path: "pages/b/b" }]);
});

it("moves a Service Account's rule to another Mini Program as a replace, spending one add of the new one's budget", async () => {
  const rule = {
    kind: "B" as const,
    prefix: "http://weixin.qq.com/q/moved",
    appid: LINKED,
    path: "pages/a/a",
  };
  await rules.saveRule(context, ids.oa, "add", rule);
  const [before] = await readAddBudgets(db.db, [MINI_PROGRAM.appid]);
  const saved = await rules.saveRule(
    context,
    ids.oa,
    "edit",
    { ...rule, appid: MINI_PROGRAM.appid },
    { confirmReplace: true, fromAppid: LINKED },
  );
  expect(saved.rule).toMatchObject({ targetAppid: MINI_PROGRAM.appid, path: "pages/a/a" });
  expect(await sandboxRule(SERVICE_ACCOUNT.appid)).toMatchObject([{ appid: MINI_PROGRAM.appid }]);
  expect((await rules.rulePage(context, ids.oa, {})).rows).toMatchObject([
    { prefix: rule.prefix, targetAppid: MINI_PROGRAM.appid },
  ]);
  const [after] = await readAddBudgets(db.db, [MINI_PROGRAM.appid]);
  expect((after?.spent ?? 0) - (before?.spent ?? 0)).toBe(1);
});

it("puts the previous rule back when the replacing add fails, and says so", async () => {
  await rules.saveRule(context, ids.mp, "add", typeA());
  await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "errcode", errcode: 85070, count: 1 });
  await expect(
    rules.saveRule(context, ids.mp, "edit", typeA({ path: "pages/new/new" }), { confirmReplace: true }),
  ).rejects.toMatchObject({
    error: { wechat: { errcode: 85070 } },
  });
  expect(await sandboxRule(MINI_PROGRAM.appid)).toMatchObject([{ path: "pages/index/index", state: 1 }]);
});

describe("replacing a published rule", () => {
  async function addPublished() {
    await rules.saveRule(context, ids.mp, "add", typeA());
    const published = await rules.publishRules(context, ids.mp, [{ prefix: typeA().prefix }]);
    expect(published.results).toEqual([{ prefix: typeA().prefix, ok: true }]);
  }
  const failureOf = async (run: Promise<unknown>) => {
    try {
      await run;
    } catch (error) {
      if (error instanceof ActionFailure) return error.error;
      throw error;
    }
    throw new Error("expected the replace to fail");
  };
  /** The latest replace's own entry, and its steps: entries of their own, grouped under its action id. */
  const lastReplace = async () => {
    const [entry] = await db.db
      .select()
      .from(activityEntries)
      .where(eq(activityEntries.operation, "rule.replace"))
      .orderBy(desc(activityEntries.id))
      .limit(1);
    if (!entry) throw new Error("no replace recorded");
    const steps = await db.db
      .select()
      .from(activityEntries)
      .where(eq(activityEntries.batchId, entry.actionId))
      .orderBy(activityEntries.id);
    return {
      entry,
      steps: steps.map((step) => `${step.summary?.key.slice("replaceStep.".length)} ${step.outcome}`),
    };
  };

  it("deletes, adds and publishes again: it ends published with the new values, each step in the log", async () => {
    await addPublished();
    const quota = (await sandboxAccount(MINI_PROGRAM.appid)).publishesLeft;
    const calls = await callsDuring(() =>
      rules.saveRule(context, ids.mp, "edit", typeA({ path: "pages/new/new", openVersion: 2 }), {
        confirmReplace: true,
      }),
    );
    expect(calls.filter((call) => !call.startsWith("qrcodejumpget"))).toEqual([
      "qrcodejumpdelete 0",
      "qrcodejumpadd 0",
      "qrcodejumppublish 0",
    ]);
    expect(await sandboxRule(MINI_PROGRAM.appid)).toMatchObject([
      { path: "pages/new/new", open_version: 2, state: 2 },
    ]);
    expect((await rules.rulePage(context, ids.mp, {})).rows).toMatchObject([
      { path: "pages/new/new", state: 2 },
    ]);
    expect((await sandboxAccount(MINI_PROGRAM.appid)).publishesLeft).toBe(quota - 1);
    const { entry, steps } = await lastReplace();
    expect(steps).toEqual(["delete success", "add success", "publish success"]);
    expect(entry).toMatchObject({ outcome: "success", summary: { key: "replaceState.replaced" } });
  });

  it("puts the previous rule back and publishes it again when the add fails", async () => {
    await addPublished();
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "errcode", errcode: 85070, count: 1 });
    const failure = await failureOf(
      rules.saveRule(context, ids.mp, "edit", typeA({ path: "pages/new/new" }), { confirmReplace: true }),
    );
    expect(failure.wechat).toMatchObject({ errcode: 85070 });
    expect(failure.message).toContain("The previous rule was put back and is published again");
    expect(await sandboxRule(MINI_PROGRAM.appid)).toMatchObject([{ path: "pages/index/index", state: 2 }]);
    expect((await rules.rulePage(context, ids.mp, {})).rows).toMatchObject([
      { path: "pages/index/index", state: 2 },
    ]);
    const { entry, steps } = await lastReplace();
    expect(steps).toEqual(["delete success", "add failure", "restore success", "restorePublish success"]);
    expect(entry).toMatchObject({ outcome: "failure", result: { state: "restoredPublished" } });
  });

  it("says the new rule is added but unpublished when publishing it again fails", async () => {
    await addPublished();
    await sandbox.fault({ endpoint: "qrcodejumppublish", mode: "errcode", errcode: 886000, count: 1 });
    const failure = await failureOf(
      rules.saveRule(context, ids.mp, "edit", typeA({ path: "pages/new/new" }), { confirmReplace: true }),
    );
    expect(failure.wechat).toMatchObject({ errcode: 886000 });
    expect(failure.message).toContain("The new rule is added but not published");
    expect(await sandboxRule(MINI_PROGRAM.appid)).toMatchObject([{ path: "pages/new/new", state: 1 }]);
    expect((await rules.rulePage(context, ids.mp, {})).rows).toMatchObject([
      { path: "pages/new/new", state: 1 },
    ]);
    expect((await lastReplace()).steps).toEqual(["delete success", "add success", "publish failure"]);
  });

  it("says the rule is gone, and what it was, when neither the add nor the restore goes through", async () => {
    await addPublished();
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "errcode", errcode: 85070, count: 2 });
    const failure = await failureOf(
      rules.saveRule(context, ids.mp, "edit", typeA({ path: "pages/new/new" }), { confirmReplace: true }),
    );
    expect(failure.message).toContain("the rule is gone from WeChat");
    expect(failure.message).toContain("page path pages/index/index");
    expect(failure.message).toContain("It was published.");
    expect(await sandboxRule(MINI_PROGRAM.appid)).toEqual([]);
    expect((await rules.rulePage(context, ids.mp, {})).total).toBe(0);
  });
});
