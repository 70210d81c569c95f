import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createAccountIfAbsent } from "@/server/accounts";
import { applyChangeSet } from "@/server/changesets/control";
import { planImport } from "@/server/changesets/plan-change-set";
import { type JobQueue, start } from "@/server/changesets/queue";
import { runChangeSet } from "@/server/changesets/run";
import { readAllItems, readChangeSet } from "@/server/changesets/store";
import type { DatabaseHandle } from "@/server/db/client";
import { activityEntries, wechatAccounts } from "@/server/db/schema";
import type { RequestContext } from "@/server/request-context";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import { operatorContext } from "@/tests/support/request-context";
import { SERVICE_ACCOUNT, SandboxHarness } from "@/tests/support/sandbox-client";
import { clientFor, testBox } from "@/tests/support/wechat";

// Two instances of the product's job queue (pg-boss) on one database: on PostgreSQL
// (TEST_DATABASE_URL) each with its own connection pool, as two servers would have. A change set is
// run by whichever picks it up, never by both: every row is sent once.
const LINKED = "wx9999999999999999";
const ROWS = 30;
let sandbox: SandboxHarness;
let db: TestDatabase;
let other: DatabaseHandle;
let context: RequestContext;
const queues: JobQueue[] = [];

beforeAll(async () => {
  sandbox = await SandboxHarness.start({
    accounts: [
      { ...SERVICE_ACCOUNT, linkedMiniPrograms: [LINKED] },
      { appid: LINKED, secret: "99999999999999999999999999999999", kind: "miniprogram" },
    ],
  });
  db = await createTestDatabase();
  other = await db.openAnother();
  await createAccountIfAbsent(db.db, testBox(), {
    ...SERVICE_ACCOUNT,
    name: "News",
    linkedMiniPrograms: [LINKED],
  });
  context = await operatorContext(db, sandbox.url, {
    email: "root@example.com",
    name: "Root",
    role: "admin",
    password: "root-password-1",
  });
});
afterAll(async () => {
  for (const queue of queues) await queue.stop();
  await other.close();
  await sandbox.close();
  await db.close();
});

/** Plans and applies ROWS new published rules named `${name}${n}`; no queue runs them yet. */
async function appliedChangeSet(name: string): Promise<string> {
  const [account] = await db.db.select().from(wechatAccounts);
  const accountId = account?.id ?? "";
  const lines = ["Prefix,Mini Program AppID,Page path,Published"];
  for (let n = 0; n < ROWS; n++)
    lines.push(`http://weixin.qq.com/q/${name}${n},${LINKED},pages/${name}/${n},yes`);
  const { changeSetId } = await planImport(context, {
    accountId,
    fileName: `${name}.csv`,
    deleteMissing: false,
    content: Buffer.from(lines.join("\n")).toString("base64"),
  });
  await applyChangeSet(context, accountId, changeSetId);
  return changeSetId;
}

/** WeChat's answers since call number `from`: the adds and publishes made, and any 85071 (already added). */
const sentSince = async (from: number) => {
  const calls = (await sandbox.state()).calls.slice(from);
  const made = (endpoint: string) => calls.filter((call) => call.endpoint === endpoint && call.errcode === 0);
  return {
    adds: made("qrcodejumpadd").length,
    publishes: made("qrcodejumppublish").length,
    alreadyAdded: calls.filter((call) => call.errcode === 85071).length,
  };
};

describe("one instance", () => {
  it("runs a change set once when two of its workers are handed it at the same time", async () => {
    const changeSetId = await appliedChangeSet("one");
    const from = (await sandbox.state()).calls.length;
    const services = { db: db.db, box: testBox(), wechat: clientFor(db, sandbox.url) };
    const outcomes = await Promise.all([
      runChangeSet(services, changeSetId, "instance-1"),
      runChangeSet(services, changeSetId, "instance-1"),
    ]);
    expect(outcomes.sort()).toEqual(["busy", "finished"]);
    const items = await readAllItems(db.db, changeSetId);
    expect(items.filter((item) => item.state === "done")).toHaveLength(ROWS);
    expect(await sentSince(from)).toEqual({ adds: ROWS, publishes: ROWS, alreadyAdded: 0 });
  }, 120_000);
});

describe("two instances on one database", () => {
  it("run a change set once: whichever picks it up, never both", async () => {
    const changeSetId = await appliedChangeSet("two");
    const from = (await sandbox.state()).calls.length;

    for (const handle of [db, other]) {
      const services = { db: handle.db, box: testBox(), wechat: clientFor(handle, sandbox.url) };
      queues.push(await start(handle, services));
    }
    // Both are asked to run it, as a restart's reaper and the apply's own job might.
    await Promise.all(queues.map((queue) => queue.enqueue(changeSetId)));

    const deadline = Date.now() + 90_000;
    while ((await readChangeSet(db.db, changeSetId))?.status !== "done") {
      if (Date.now() > deadline) throw new Error("the change set did not finish");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const items = await readAllItems(db.db, changeSetId);
    expect(items.filter((item) => item.state === "done")).toHaveLength(ROWS);
    expect(await sentSince(from)).toEqual({ adds: ROWS, publishes: ROWS, alreadyAdded: 0 });
    // One activity entry per row under the job's, and the job's own once.
    const changeSet = await readChangeSet(db.db, changeSetId);
    const entries = await db.db
      .select()
      .from(activityEntries)
      .where(eq(activityEntries.batchId, changeSet?.actionId ?? ""));
    expect(entries.filter((entry) => entry.operation === "rule.add")).toHaveLength(ROWS);
    expect(entries.filter((entry) => entry.operation === "changes.finish")).toHaveLength(1);
  }, 120_000);
});
