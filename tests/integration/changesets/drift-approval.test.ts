import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { PlanSummary } from "@/lib/changesets/contract";
import { createAccountIfAbsent } from "@/server/accounts";
import {
  applyChangeSet,
  decideChangeSet,
  requestApproval,
  setChangeApproval,
} from "@/server/changesets/control";
import { adoptDrift, checkDrift } from "@/server/changesets/drift";
import { planImport, planRevert } from "@/server/changesets/plan-change-set";
import { runChangeSet } from "@/server/changesets/run";
import { readChangeSet } from "@/server/changesets/store";
import { operatorAccountGrants, wechatAccounts } from "@/server/db/schema";
import type { RequestContext } from "@/server/request-context";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import { operatorContext } from "@/tests/support/request-context";
import { MINI_PROGRAM, SandboxHarness } from "@/tests/support/sandbox-client";
import { testBox } from "@/tests/support/wechat";

// Drift (WeChat changed behind the product's back, against the last change set's result) and the
// per-account approval of operators' change sets, against the sandbox over HTTP and a real database.
let sandbox: SandboxHarness;
let db: TestDatabase;
let admin: RequestContext;
let operator: RequestContext;
let accountId = "";

const HEADER = "Prefix,Page path,Occupy prefix,Test scope,Test links,Published";
const file = (lines: string[]) => Buffer.from([HEADER, ...lines].join("\n")).toString("base64");
const services = () => ({ db: admin.db, box: admin.box, wechat: admin.wechat });

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
  db = await createTestDatabase();
  await createAccountIfAbsent(db.db, testBox(), { ...MINI_PROGRAM, name: "Shop" });
  accountId = (await db.db.select().from(wechatAccounts))[0]?.id ?? "";
  admin = await operatorContext(db, sandbox.url, {
    email: "root@example.com",
    name: "Root",
    role: "admin",
    password: "root-password-1",
  });
  operator = await operatorContext(db, sandbox.url, {
    email: "op@example.com",
    name: "Op",
    role: "operator",
    password: "op-password-1",
  });
  await db.db.insert(operatorAccountGrants).values({ operatorId: operator.operator.id, accountId });
});
afterAll(async () => {
  await sandbox.close();
  await db.close();
});
beforeEach(async () => {
  await sandbox.reset({ accounts: [{ ...MINI_PROGRAM, edits: "narrow" }] });
});

async function applied(context: RequestContext, lines: string[]): Promise<string> {
  const { changeSetId } = await planImport(context, {
    accountId,
    fileName: "r.csv",
    deleteMissing: true,
    content: file(lines),
  });
  await applyChangeSet(context, accountId, changeSetId);
  expect(await runChangeSet(services(), changeSetId, "test")).toBe("finished");
  return changeSetId;
}

describe("drift", () => {
  it("lists rules changed in WeChat's console since the last change set, adopts them, or plans a revert", async () => {
    expect((await checkDrift(admin, accountId)).noDesiredState).toBe(true);
    await applied(admin, [
      "https://shop.example.com/keep/,pages/keep,no,release,,yes",
      "https://shop.example.com/gone/,pages/gone,no,release,,no",
    ]);
    expect(await checkDrift(admin, accountId)).toMatchObject({ noDesiredState: false, total: 0 });

    // Behind the product's back (once the product's last second of calls is over): one deleted, one added.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const token = await sandbox.token(MINI_PROGRAM);
    expect(
      (await sandbox.call("qrcodejumpdelete", token, { prefix: "https://shop.example.com/gone/" })).errcode,
    ).toBe(0);
    const added = await sandbox.call("qrcodejumpadd", token, {
      prefix: "https://shop.example.com/console/",
      permit_sub_rule: 1,
      path: "pages/console",
      open_version: 3,
      debug_url: [],
      is_edit: 0,
    });
    expect(added.errcode).toBe(0);
    const drift = await checkDrift(admin, accountId);
    expect(drift.items.map((item) => [item.kind, item.prefix]).sort()).toEqual([
      ["added", "https://shop.example.com/console/"],
      ["deleted", "https://shop.example.com/gone/"],
    ]);

    // A revert deletes what was added elsewhere and adds back what was deleted.
    const { changeSetId } = await planRevert(admin, accountId);
    const summary = (await readChangeSet(admin.db, changeSetId))?.summary as PlanSummary;
    expect(summary.counts).toMatchObject({ add: 1, delete: 1, unchanged: 1 });

    // Adopting instead takes WeChat as it is: no drift left.
    expect(await adoptDrift(admin, accountId)).toMatchObject({ total: 0, noDesiredState: false });
    expect((await checkDrift(admin, accountId)).total).toBe(0);
  }, 60_000);
});

describe("approval", () => {
  it("makes an operator's change set wait for an admin, who applies or rejects it with a note", async () => {
    await setChangeApproval(admin, accountId, true);
    const { changeSetId } = await planImport(operator, {
      accountId,
      fileName: "r.csv",
      deleteMissing: false,
      content: file(["https://shop.example.com/ok/,pages/ok,no,release,,no"]),
    });
    await expect(applyChangeSet(operator, accountId, changeSetId)).rejects.toMatchObject({
      error: { code: "CONFLICT", message: expect.stringContaining("approval") },
    });
    await requestApproval(operator, accountId, changeSetId);
    expect((await readChangeSet(admin.db, changeSetId))?.status).toBe("awaiting_approval");
    await decideChangeSet(admin, { accountId, changeSetId, approve: true, note: "Looks right" });
    const approved = await readChangeSet(admin.db, changeSetId);
    expect(approved).toMatchObject({
      status: "queued",
      decisionNote: "Looks right",
      appliedBy: admin.operator.id,
    });

    const second = await planImport(operator, {
      accountId,
      fileName: "r.csv",
      deleteMissing: false,
      content: file(["https://shop.example.com/no/,pages/no,no,release,,no"]),
    });
    await requestApproval(operator, accountId, second.changeSetId);
    await decideChangeSet(admin, {
      accountId,
      changeSetId: second.changeSetId,
      approve: false,
      note: "Not this week",
    });
    expect(await readChangeSet(admin.db, second.changeSetId)).toMatchObject({
      status: "rejected",
      decisionNote: "Not this week",
    });
    // One active change set per account: a second cannot be queued while the first waits.
    await setChangeApproval(admin, accountId, false);
    const third = await planImport(operator, {
      accountId,
      fileName: "r.csv",
      deleteMissing: false,
      content: file(["https://shop.example.com/third/,pages/third,no,release,,no"]),
    });
    await expect(applyChangeSet(operator, accountId, third.changeSetId)).rejects.toMatchObject({
      error: { code: "CONFLICT", message: expect.stringContaining("Another change set") },
    });
    expect(await runChangeSet(services(), changeSetId, "test")).toBe("finished");
    await applyChangeSet(operator, accountId, third.changeSetId);
    expect(await runChangeSet(services(), third.changeSetId, "test")).toBe("finished");
  }, 60_000);
});
