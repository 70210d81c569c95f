import { afterAll, beforeAll, expect, it } from "vitest";

import { TYPE_B_ADD_BUDGET, readAddBudgets } from "@/server/wechat/add-budget";
import type { AccountCredentials } from "@/server/wechat/types";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import { MINI_PROGRAM, SERVICE_ACCOUNT, SandboxHarness } from "@/tests/support/sandbox-client";
import { clientFor } from "@/tests/support/wechat";

// The sandbox over HTTP, the real database and the product's client: the type-B add budget is
// counted from the calls the client makes, per Mini Program, whichever Service Account spends it.
const LINKED = "wx9999999999999999";
const OTHER_SERVICE_ACCOUNT = {
  appid: "wx3333333333333333",
  secret: "33333333333333333333333333333333",
  kind: "officialaccount",
} as const;

let sandbox: SandboxHarness;
let db: TestDatabase;

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
  db = await createTestDatabase();
  await sandbox.reset({
    accounts: [
      MINI_PROGRAM,
      { ...SERVICE_ACCOUNT, linkedMiniPrograms: [LINKED] },
      { ...OTHER_SERVICE_ACCOUNT, linkedMiniPrograms: [LINKED] },
    ],
  });
});
afterAll(async () => {
  await sandbox.close();
  await db.close();
});

const typeB = (n: number, path = "pages/index/index") => ({
  prefix: `http://weixin.qq.com/q/budget${n}`,
  appid: LINKED,
  path,
});

it("every add and edit of a type-B rule spends one of its Mini Program's budget, from any Service Account", async () => {
  const client = clientFor(db, sandbox.url);
  const first = client.forAccount({ ...SERVICE_ACCOUNT, tokenMode: "stable" } satisfies AccountCredentials);
  const second = client.forAccount({
    ...OTHER_SERVICE_ACCOUNT,
    tokenMode: "stable",
  } satisfies AccountCredentials);

  await first.saveTypeB(typeB(1), { edit: false });
  await first.saveTypeB(typeB(2), { edit: false });
  await second.saveTypeB(typeB(3), { edit: false });
  await first.saveTypeB(typeB(1, "pages/other/other"), { edit: true });
  // Refused by the rate limit: it never reached the rules, so it spends nothing; the retry spends one.
  await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "errcode", errcode: 44990, count: 1 });
  await first.saveTypeB(typeB(4), { edit: false });
  // Refused by WeChat's rules: WeChat does not say whether it spent, so it is counted as uncertain.
  await expect(first.saveTypeB(typeB(2), { edit: false, resume: false })).rejects.toMatchObject({
    errcode: 85071,
  });
  // Deletes and reads spend nothing.
  await first.deleteRule(typeB(4).prefix, LINKED);
  await first.listAllTypeB(LINKED);

  expect(await readAddBudgets(db.db, [LINKED, MINI_PROGRAM.appid])).toEqual([
    { miniProgramAppid: LINKED, limit: TYPE_B_ADD_BUDGET, spent: 5, uncertain: 1 },
    { miniProgramAppid: MINI_PROGRAM.appid, limit: TYPE_B_ADD_BUDGET, spent: 0, uncertain: 0 },
  ]);
});

it("type-A adds do not touch it", async () => {
  const client = clientFor(db, sandbox.url);
  await client.forAccount({ ...MINI_PROGRAM, tokenMode: "stable" }).saveTypeA(
    {
      prefix: "https://budget.example.com/a/",
      permitSubRule: 1,
      path: "pages/index/index",
      openVersion: 3,
      debugUrls: [],
    },
    { edit: false },
  );
  const [budget] = await readAddBudgets(db.db, [MINI_PROGRAM.appid]);
  expect(budget).toMatchObject({ spent: 0, uncertain: 0 });
});
