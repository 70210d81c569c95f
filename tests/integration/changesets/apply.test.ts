import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { PlanSummary } from "@/lib/changesets/contract";
import { createAccountIfAbsent } from "@/server/accounts";
import { applyChangeSet, controlChangeSet } from "@/server/changesets/control";
import { exportRules } from "@/server/changesets/export-rules";
import { parseRulesFile } from "@/server/changesets/parse-file";
import { writeRulesFile } from "@/server/changesets/write-file";
import { planImport } from "@/server/changesets/plan-change-set";
import { runChangeSet } from "@/server/changesets/run";
import { readAllItems, readChangeSet } from "@/server/changesets/store";
import { activityEntries, changeSetItems, wechatAccounts } from "@/server/db/schema";
import type { RequestContext } from "@/server/request-context";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import { operatorContext } from "@/tests/support/request-context";
import { MINI_PROGRAM, SERVICE_ACCOUNT, SandboxHarness } from "@/tests/support/sandbox-client";
import { testBox } from "@/tests/support/wechat";

// Change sets end to end against the sandbox over HTTP and a real database: a file is planned
// against a fresh read, applied by the job runner (called here directly, as a queue worker
// would), and WeChat ends exactly as planned.
const LINKED = "wx9999999999999999";
let sandbox: SandboxHarness;
let db: TestDatabase;
let context: RequestContext;
const ids: Record<string, string> = {};

const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`).toString("base64");
const HEADER_A = "Prefix,Page path,Occupy prefix,Test scope,Test links,Published";
const services = () => ({ db: context.db, box: context.box, wechat: context.wechat });

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
  db = await createTestDatabase();
  const box = testBox();
  await createAccountIfAbsent(db.db, box, { ...MINI_PROGRAM, name: "Shop" });
  await createAccountIfAbsent(db.db, box, { ...SERVICE_ACCOUNT, name: "News", linkedMiniPrograms: [LINKED] });
  for (const account of await db.db.select().from(wechatAccounts)) ids[account.appid] = account.id;
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
      {
        ...MINI_PROGRAM,
        edits: "narrow",
        rules: [
          { prefix: "https://shop.example.com/a/", path: "pages/a/index", state: 2 },
          { prefix: "https://shop.example.com/b/", path: "pages/b/index", state: 1 },
          { prefix: "https://shop.example.com/gone/", path: "pages/gone/index", state: 1 },
          { prefix: "https://shop.example.com/same/", path: "pages/same/index", state: 2 },
        ],
      },
      { ...SERVICE_ACCOUNT, linkedMiniPrograms: [LINKED] },
      { appid: LINKED, secret: "99999999999999999999999999999999", kind: "miniprogram" },
    ],
  });
});

const rulesAt = async (appid: string) =>
  (await sandbox.state()).accounts.find((account) => account.appid === appid)?.rules ?? [];

describe("a change set from a CSV file", () => {
  it("plans each row's fate and its cost, then the job makes WeChat exactly as planned", async () => {
    const { changeSetId } = await planImport(context, {
      accountId: ids[MINI_PROGRAM.appid] ?? "",
      fileName: "rules.csv",
      deleteMissing: true,
      content: csv([
        HEADER_A,
        // Published, new path: a replace (delete, add, publish again).
        "https://shop.example.com/a/,pages/a2/index,no,release,,yes",
        // Unpublished, same path, a test link added: an edit in place.
        "https://shop.example.com/b/,pages/b/index,no,trial,https://shop.example.com/b/1,no",
        // New and published.
        "https://shop.example.com/c/,pages/c/index,yes,develop,https://shop.example.com/c/x,yes",
        "https://shop.example.com/same/,pages/same/index,no,release,,yes",
        // A test link the prefix does not cover (85068), and a bad prefix.
        "https://shop.example.com/d/,pages/d/index,no,release,https://other.example.com/d,no",
        "ftp://shop.example.com/e/,pages/e/index,no,release,,no",
      ]),
    });
    const changeSet = await readChangeSet(context.db, changeSetId);
    const summary = changeSet?.summary as PlanSummary;
    expect(summary.counts).toMatchObject({
      replace: 1,
      edit: 1,
      add: 1,
      unchanged: 1,
      invalid: 2,
      delete: 1,
    });
    // delete 1 + replace 3 + edit 1 + add 2.
    expect(summary.cost).toMatchObject({ calls: 7, publishes: 2, ruleCount: { after: 4, limit: 100 } });
    expect(summary.cost.seconds).toBeGreaterThanOrEqual(2);
    const items = await readAllItems(context.db, changeSetId);
    const byPrefix = (prefix: string) => items.find((item) => item.prefix === prefix);
    expect(byPrefix("https://shop.example.com/d/")?.problems).toEqual([
      { field: "debugUrls", key: "validation.rule.debugUrl.host", values: { index: "1" } },
    ]);
    expect(byPrefix("ftp://shop.example.com/e/")?.problems[0]).toMatchObject({
      field: "prefix",
      key: "validation.rule.prefix.scheme",
    });
    expect(byPrefix("https://shop.example.com/gone/")).toMatchObject({ action: "delete", sourceRow: null });

    const before = await rulesAt(MINI_PROGRAM.appid);
    expect(before).toHaveLength(4);
    await applyChangeSet(context, ids[MINI_PROGRAM.appid] ?? "", changeSetId);
    expect(await runChangeSet(services(), changeSetId, "test-runner")).toBe("finished");

    const after = await rulesAt(MINI_PROGRAM.appid);
    const shape = after
      .map((rule) => ({
        prefix: rule.prefix,
        path: rule.path,
        state: rule.state,
        open_version: rule.open_version,
        permit_sub_rule: rule.permit_sub_rule,
        debug_url: rule.debug_url,
      }))
      .sort((a, b) => String(a.prefix).localeCompare(String(b.prefix)));
    expect(shape).toEqual([
      {
        prefix: "https://shop.example.com/a/",
        path: "pages/a2/index",
        state: 2,
        open_version: 3,
        permit_sub_rule: 1,
        debug_url: [],
      },
      {
        prefix: "https://shop.example.com/b/",
        path: "pages/b/index",
        state: 1,
        open_version: 2,
        permit_sub_rule: 1,
        debug_url: ["https://shop.example.com/b/1"],
      },
      {
        prefix: "https://shop.example.com/c/",
        path: "pages/c/index",
        state: 2,
        open_version: 1,
        permit_sub_rule: 2,
        debug_url: ["https://shop.example.com/c/x"],
      },
      {
        prefix: "https://shop.example.com/same/",
        path: "pages/same/index",
        state: 2,
        open_version: 3,
        permit_sub_rule: 1,
        debug_url: [],
      },
    ]);
    const finished = await readChangeSet(context.db, changeSetId);
    expect(finished?.status).toBe("done");
    const states = (await readAllItems(context.db, changeSetId)).map((item) => [item.action, item.state]);
    expect(states).toEqual(
      expect.arrayContaining([
        ["delete", "done"],
        ["replace", "done"],
        ["edit", "done"],
        ["add", "done"],
        ["unchanged", "skipped"],
        ["invalid", "skipped"],
      ]),
    );
    // The job's entry, and one entry per row with WeChat steps under it.
    const entries = await context.db
      .select()
      .from(activityEntries)
      .where(eq(activityEntries.batchId, finished?.actionId ?? ""));
    expect(entries.map((entry) => entry.operation).sort()).toEqual(
      ["changes.apply", "changes.finish", "rule.add", "rule.delete", "rule.edit", "rule.replace"].sort(),
    );
    // Exported now and imported again, unedited, the file plans nothing.
    const exported = await exportRules(context, ids[MINI_PROGRAM.appid] ?? "", "csv", false);
    const again = await planImport(context, {
      accountId: ids[MINI_PROGRAM.appid] ?? "",
      fileName: "again.csv",
      deleteMissing: true,
      content: Buffer.from(exported.body).toString("base64"),
    });
    const replanned = (await readChangeSet(context.db, again.changeSetId))?.summary as PlanSummary;
    expect(replanned.counts).toMatchObject({
      unchanged: 4,
      add: 0,
      edit: 0,
      replace: 0,
      delete: 0,
      invalid: 0,
    });
  }, 60_000);

  it("resumes a row whose step was in flight when its process died, settling it by reading WeChat", async () => {
    const accountId = ids[MINI_PROGRAM.appid] ?? "";
    const { changeSetId } = await planImport(context, {
      accountId,
      fileName: "rules.csv",
      deleteMissing: false,
      content: csv([HEADER_A, "https://shop.example.com/n/,pages/n/index,no,release,,yes"]),
    });
    await applyChangeSet(context, accountId, changeSetId);
    // What a runner that died after WeChat took the add, before it wrote the answer down, leaves.
    const token = await sandbox.token(MINI_PROGRAM);
    const added = await sandbox.call("qrcodejumpadd", token, {
      prefix: "https://shop.example.com/n/",
      permit_sub_rule: 1,
      path: "pages/n/index",
      open_version: 3,
      debug_url: [],
      is_edit: 0,
    });
    expect(added.errcode).toBe(0);
    await context.db
      .update(changeSetItems)
      .set({ state: "running", inFlight: true })
      .where(and(eq(changeSetItems.changeSetId, changeSetId), eq(changeSetItems.action, "add")));
    const callsBefore = (await sandbox.state()).calls.length;
    expect(await runChangeSet(services(), changeSetId, "second-runner")).toBe("finished");
    const calls = (await sandbox.state()).calls.slice(callsBefore).map((call) => call.endpoint);
    // Read, found it added, published it: no second add.
    expect(calls.filter((endpoint) => endpoint === "qrcodejumpadd")).toHaveLength(0);
    expect(calls.filter((endpoint) => endpoint === "qrcodejumppublish")).toHaveLength(1);
    const [item] = (await readAllItems(context.db, changeSetId)).filter((row) => row.action === "add");
    expect(item).toMatchObject({ state: "done", settled: true, doneSteps: 2 });
    expect(
      (await rulesAt(MINI_PROGRAM.appid)).find((rule) => rule.prefix === "https://shop.example.com/n/"),
    ).toMatchObject({
      state: 2,
    });
  }, 60_000);

  it("stops a cancelled change set after the rows in flight and says what was done", async () => {
    const accountId = ids[SERVICE_ACCOUNT.appid] ?? "";
    const lines = ["Prefix,Mini Program AppID,Page path,Published"];
    for (let n = 0; n < 40; n++) lines.push(`http://weixin.qq.com/q/cancel${n},${LINKED},pages/q/${n},no`);
    const { changeSetId } = await planImport(context, {
      accountId,
      fileName: "b.csv",
      deleteMissing: false,
      content: csv(lines),
    });
    await applyChangeSet(context, accountId, changeSetId);
    const running = runChangeSet(services(), changeSetId, "runner");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await controlChangeSet(context, { accountId, changeSetId, command: "cancel" });
    expect(await running).toBe("cancelled");
    const items = await readAllItems(context.db, changeSetId);
    const done = items.filter((item) => item.state === "done").length;
    const cancelled = items.filter((item) => item.state === "cancelled").length;
    expect(done).toBeGreaterThan(0);
    expect(cancelled).toBeGreaterThan(0);
    expect(done + cancelled).toBe(40);
    // WeChat holds exactly the rows reported done.
    expect((await rulesAt(SERVICE_ACCOUNT.appid)).length).toBe(done);
    expect((await readChangeSet(context.db, changeSetId))?.status).toBe("cancelled");
  }, 60_000);

  it("pauses after the rows in flight, and resumes where it stopped", async () => {
    const accountId = ids[SERVICE_ACCOUNT.appid] ?? "";
    const lines = ["Prefix,Mini Program AppID,Page path,Published"];
    for (let n = 0; n < 30; n++) lines.push(`http://weixin.qq.com/q/pause${n},${LINKED},pages/q/${n},no`);
    const { changeSetId } = await planImport(context, {
      accountId,
      fileName: "p.csv",
      deleteMissing: false,
      content: csv(lines),
    });
    await applyChangeSet(context, accountId, changeSetId);
    const running = runChangeSet(services(), changeSetId, "runner");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await controlChangeSet(context, { accountId, changeSetId, command: "pause" });
    expect(await running).toBe("paused");
    const paused = await readAllItems(context.db, changeSetId);
    const done = paused.filter((item) => item.state === "done").length;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(30);
    expect((await rulesAt(SERVICE_ACCOUNT.appid)).length).toBe(done);
    expect((await readChangeSet(context.db, changeSetId))?.status).toBe("paused");
    await controlChangeSet(context, { accountId, changeSetId, command: "resume" });
    expect(await runChangeSet(services(), changeSetId, "another-runner")).toBe("finished");
    expect((await readAllItems(context.db, changeSetId)).every((item) => item.state === "done")).toBe(true);
    expect((await rulesAt(SERVICE_ACCOUNT.appid)).length).toBe(30);
  }, 60_000);

  it("reads back the XLSX and JSON it writes, and refuses a formula in a workbook", async () => {
    const rules = [
      {
        kind: "A" as const,
        prefix: "https://a.example.com/x/",
        path: "pages/x",
        permitSubRule: 2 as const,
        openVersion: 2 as const,
        debugUrls: ["https://a.example.com/x/1", "https://a.example.com/x/2"],
        published: true,
      },
      {
        kind: "A" as const,
        prefix: "https://a.example.com/y/",
        path: "pages/y",
        permitSubRule: 1 as const,
        openVersion: 3 as const,
        debugUrls: [],
        published: false,
      },
    ];
    for (const format of ["xlsx", "json"] as const) {
      for (const locale of ["en", "zh-CN"] as const) {
        const bytes = await writeRulesFile("A", format, rules, locale, { appid: MINI_PROGRAM.appid });
        const raw = await parseRulesFile("A", format, bytes);
        const { readRow } = await import("@/lib/changesets/rows");
        expect(raw.map((row) => readRow("A", row, MINI_PROGRAM.appid))).toMatchObject(
          rules.map((rule) => ({ ok: true, rule })),
        );
      }
    }
    const ExcelJS = (await import("exceljs")).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("rules");
    sheet.addRow(["Prefix", "Page path"]);
    sheet.addRow(["https://a.example.com/z/", { formula: 'CONCAT("pages/","z")', result: "pages/z" }]);
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    await expect(parseRulesFile("A", "xlsx", bytes)).rejects.toMatchObject({
      problem: { key: "formula", row: 2, column: "B" },
    });
  });

  it("refuses a file that is not a clean rules file, naming the row and column", async () => {
    const accountId = ids[MINI_PROGRAM.appid] ?? "";
    const gbk = Buffer.from([0xb9, 0xe6, 0xd4, 0xf2, 0x2c, 0x70, 0x61, 0x74, 0x68, 0x0d, 0x0a]).toString(
      "base64",
    );
    await expect(
      planImport(context, { accountId, fileName: "r.csv", deleteMissing: false, content: gbk }),
    ).rejects.toMatchObject({
      error: { code: "INVALID_INPUT", fieldErrors: { content: [expect.stringContaining("UTF-8")] } },
    });
    await expect(
      planImport(context, {
        accountId,
        fileName: "r.csv",
        deleteMissing: false,
        content: csv(["Prefix,Published", "https://a.example.com/,no"]),
      }),
    ).rejects.toMatchObject({ error: { message: expect.stringContaining("Page path") } });
    await expect(
      planImport(context, {
        accountId,
        fileName: "r.csv",
        deleteMissing: false,
        content: csv([HEADER_A, 'https://a.example.com/,=HYPERLINK("x"),no,release,,no']),
      }),
    ).rejects.toMatchObject({ error: { message: expect.stringMatching(/^Row 2, column B: .*formula/) } });
  });
});
