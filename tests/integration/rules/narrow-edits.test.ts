import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";

import { createAccountIfAbsent } from "@/server/accounts";
import { activityEntries, wechatAccounts, wechatRuleSyncs, wechatRules } from "@/server/db/schema";
import * as rules from "@/server/rules";
import type { RequestContext } from "@/server/request-context";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import { MINI_PROGRAM, SERVICE_ACCOUNT, SandboxHarness } from "@/tests/support/sandbox-client";
import { operatorContext } from "@/tests/support/request-context";
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
  await createAccountIfAbsent(db.db, box, { ...SERVICE_ACCOUNT, name: "News", linkedMiniPrograms: [LINKED] });
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
      { ...SERVICE_ACCOUNT, linkedMiniPrograms: [LINKED], edits: "narrow" },
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

const sandboxRule = async (appid: string) =>
  (await sandbox.state()).accounts.find((account) => account.appid === appid)?.rules ?? [];

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
    rules.saveRule(context, ids.mp, "edit", typeA({ path: "pages/new/new" })),
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
    .where(eq(activityEntries.operation, "rule.edit"))
    .orderBy(activityEntries.id);
  expect(entry).toMatchObject({ outcome: "success" });
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
    rules.saveRule(context, ids.oa, "edit", { ...rule, path: "pages/b/b" }),
  );
  expect(calls.filter((call) => !call.startsWith("qrcodejumpget"))).toEqual([
    "qrcodejumpdelete 0",
    "qrcodejumpadd 0",
  ]);
  expect(await sandboxRule(SERVICE_ACCOUNT.appid)).toMatchObject([{ path: "pages/b/b" }]);
});

it("puts the previous rule back when the replacing add fails, and says so", async () => {
  await rules.saveRule(context, ids.mp, "add", typeA());
  await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "errcode", errcode: 85070, count: 1 });
  await expect(
    rules.saveRule(context, ids.mp, "edit", typeA({ path: "pages/new/new" })),
  ).rejects.toMatchObject({
    error: { wechat: { errcode: 85070 } },
  });
  expect(await sandboxRule(MINI_PROGRAM.appid)).toMatchObject([{ path: "pages/index/index", state: 1 }]);
});
