import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { toCsv } from "@/lib/activity/csv";
import { MESSAGES } from "@/lib/i18n/messages";
import { createAccountIfAbsent } from "@/server/accounts";
import { ActionFailure } from "@/server/actions/failure";
import { errorOverview, exportActivity, getActivityDetail, listActivity } from "@/server/activity/queries";
import { pruneActivity } from "@/server/activity/record";
import { authenticate } from "@/server/auth/authenticate";
import { rowsOf } from "@/server/db/rows";
import type { CurrentOperator } from "@/server/auth/session";
import { activityEntries, operators, wechatAccounts, wechatCalls, wechatTokens } from "@/server/db/schema";
import { createOperatorIfAbsent } from "@/server/operators";
import * as rules from "@/server/rules";
import type { RequestContext, RequestMessages } from "@/server/request-context";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import { MINI_PROGRAM, SandboxHarness } from "@/tests/support/sandbox-client";
import { clientFor, testBox } from "@/tests/support/wechat";

// Real pieces: the sandbox over HTTP, the database (with its append-only trigger), the WeChat client.
let sandbox: SandboxHarness;
let db: TestDatabase;
let context: RequestContext;
let admin: CurrentOperator;
let viewer: CurrentOperator;
let accountId = "";
const identity = (key: string) => key;

const translate: RequestMessages = (key, values) => {
  let text: string = MESSAGES.en.actionErrors[key];
  for (const [name, value] of Object.entries(values ?? {})) text = text.replace(`{${name}}`, value);
  return text;
};

const rule = (n: string, extra: Partial<rules.TypeAValues> = {}): rules.RuleValues => ({
  kind: "A",
  prefix: `https://log.example.com/${n}/`,
  permitSubRule: 1,
  path: "pages/index/index",
  openVersion: 3,
  debugUrls: [`https://log.example.com/${n}/1`],
  ...extra,
});

async function operatorNamed(email: string, role: CurrentOperator["role"]): Promise<CurrentOperator> {
  await createOperatorIfAbsent(db.db, {
    email,
    name: email.split("@")[0] ?? email,
    role,
    password: `${role}-password-123`,
  });
  const [row] = await db.db.select().from(operators).where(eq(operators.email, email));
  if (!row) throw new Error("no operator");
  return { id: row.id, email: row.email, name: row.name, role };
}

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
  sandbox = await SandboxHarness.start({ accounts: [{ ...MINI_PROGRAM }] });
  db = await createTestDatabase();
  await createAccountIfAbsent(db.db, testBox(), { ...MINI_PROGRAM, name: "Log Shop" });
  const [account] = await db.db.select().from(wechatAccounts);
  accountId = account?.id ?? "";
  admin = await operatorNamed("admin@example.com", "admin");
  viewer = await operatorNamed("viewer@example.com", "viewer");
  context = {
    db: db.db,
    box: testBox(),
    wechat: clientFor(db, sandbox.url, 3_000),
    operator: admin,
    locale: "en",
    t: translate,
  };
});
afterAll(async () => {
  await sandbox.close();
  await db.close();
});

describe("the activity record", () => {
  it("records a refused add with its operator, prefix, errcode and rid, and its WeChat call underneath", async () => {
    const failure = await failureOf(
      rules.saveRule(
        context,
        accountId,
        "add",
        rule("bad", { debugUrls: ["https://elsewhere.example.com/1"] }),
      ),
    );
    expect(failure.wechat?.errcode).toBe(85068);

    const page = await listActivity(db.db, admin, { errcode: 85068 }, identity);
    expect(page.total).toBe(1);
    const [entry] = page.rows;
    expect(entry).toMatchObject({
      operation: "rule.add",
      outcome: "failure",
      prefix: "https://log.example.com/bad/",
      errcode: 85068,
      rid: failure.wechat?.rid,
      operator: { id: admin.id, email: "admin@example.com" },
      account: { id: accountId, appid: MINI_PROGRAM.appid, name: "Log Shop" },
      attempts: 1,
      errcodesSeen: [85068],
    });
    expect(entry?.errmsg).toMatch(/rid: /);

    const detail = await getActivityDetail(db.db, admin, Number(entry?.id), identity);
    expect(detail?.request).toMatchObject({
      prefix: "https://log.example.com/bad/",
      debugUrls: ["https://elsewhere.example.com/1"],
    });
    expect(detail?.calls).toMatchObject([
      {
        operation: "add",
        errcode: 85068,
        outcome: "failed",
        requestBody: { prefix: "https://log.example.com/bad/" },
      },
    ]);
  });

  it("counts an add WeChat answered at once as one attempt, its confirming read apart", async () => {
    await rules.saveRule(context, accountId, "add", rule("once"));
    const [entry] = (await listActivity(db.db, admin, { q: "log.example.com/once/" }, identity)).rows;
    expect(entry).toMatchObject({ operation: "rule.add", outcome: "success", attempts: 1 });
    const detail = await getActivityDetail(db.db, admin, Number(entry?.id), identity);
    expect(detail?.calls.map((call) => [call.operation, call.attempt])).toEqual([
      ["add", 1],
      ["get", 1],
    ]);
  });

  it("shows a 44990 that was retried to success under the entry that met it", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "errcode", errcode: 44990, count: 1 });
    await rules.saveRule(context, accountId, "add", rule("busy"));
    const page = await listActivity(db.db, admin, { errcode: 44990 }, identity);
    // Three calls: the throttled add, the add again, and the read-back of the rules. Attempts count the
    // sends of the add only; the read that confirms it is no retry.
    expect(page.rows).toMatchObject([
      {
        operation: "rule.add",
        outcome: "success",
        prefix: "https://log.example.com/busy/",
        errcode: null,
        errcodesSeen: [44990],
        attempts: 2,
      },
    ]);
    expect((await listActivity(db.db, admin, { q: "busy", outcome: "failure" }, identity)).total).toBe(0);
  });

  it("counts the errors by code in the overview, with success rate and latency per account", async () => {
    const overview = await errorOverview(db.db, admin, "24h", undefined);
    expect(overview.buckets).toHaveLength(24);
    const counts = overview.buckets.reduce<Record<string, number>>((sum, bucket) => {
      for (const [code, n] of Object.entries(bucket.counts)) sum[code] = (sum[code] ?? 0) + n;
      return sum;
    }, {});
    expect(counts).toMatchObject({ "85068": 1, "44990": 1 });
    expect(overview.top.map((item) => item.errcode).sort()).toEqual([44990, 85068]);
    expect(overview.top[0]?.accounts).toEqual([{ id: accountId, name: "Log Shop", count: 1 }]);
    // The 44990 was retried to success: recovered, and ranked after the 85068 an operator must fix.
    expect(overview.top.map((item) => [item.errcode, item.recovered])).toEqual([
      [85068, 0],
      [44990, 1],
    ]);
    const [perAccount] = overview.perAccount;
    expect(perAccount?.calls).toBeGreaterThanOrEqual(2);
    expect(perAccount?.successRate).toBeGreaterThan(0);
    expect(perAccount?.successRate).toBeLessThan(1);
    expect(perAccount?.medianLatencyMs).toBeGreaterThanOrEqual(0);
  });

  it("is append-only: entries cannot be changed or deleted, except by pruning, which says so", async () => {
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => "accepted",
        (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
      );
    expect(await refusal(db.db.update(activityEntries).set({ outcome: "success" }))).toMatch(
      /append-only \(UPDATE refused\)/,
    );
    expect(await refusal(db.db.delete(activityEntries))).toMatch(/append-only \(DELETE refused\)/);

    const before = (await listActivity(db.db, admin, {}, identity)).total;
    expect(await pruneActivity(db.db, 180)).toBe(0);
    const future = new Date(Date.now() + 200 * 86_400_000);
    expect(await pruneActivity(db.db, 180, future)).toBe(before);
    const after = await listActivity(db.db, admin, {}, identity);
    expect(after.rows).toMatchObject([{ operation: "activity.prune", operator: null, summary: "pruned" }]);
    expect(after.total).toBe(1);
  });

  it("lets only admins see other operators' sign-ins", async () => {
    await authenticate(db.db, {
      email: "admin@example.com",
      password: "wrong password here",
      ip: "127.0.0.1",
    });
    await authenticate(db.db, {
      email: "admin@example.com",
      password: "admin-password-123",
      ip: "127.0.0.1",
    });
    await authenticate(db.db, {
      email: "viewer@example.com",
      password: "viewer-password-123",
      ip: "127.0.0.1",
    });
    const asAdmin = await listActivity(db.db, admin, { operation: "auth.signInFailed" }, identity);
    expect(asAdmin.rows).toMatchObject([{ operator: { email: "admin@example.com" }, outcome: "failure" }]);
    expect((await listActivity(db.db, viewer, { operation: "auth.signInFailed" }, identity)).total).toBe(0);
    const viewerSignIns = await listActivity(db.db, viewer, { operation: "auth.signIn" }, identity);
    expect(viewerSignIns.rows.map((row) => row.operator?.email)).toEqual(["viewer@example.com"]);
  });

  it("never holds an access token or AppSecret, in entries, call records or the export", async () => {
    const tokens = (await db.db.select().from(wechatTokens)).map((row) => testBox().open(row.tokenSealed));
    expect(tokens.length).toBeGreaterThan(0);
    const secrets = [MINI_PROGRAM.secret, ...tokens];
    const stored = JSON.stringify([
      ...rowsOf(await db.db.execute(sql`select * from activity_entries`)),
      ...(await db.db.select().from(wechatCalls)),
    ]);
    const exported = toCsv(
      (await exportActivity(db.db, admin, {}, identity)).map((entry) => [
        entry.errmsg ?? "",
        JSON.stringify(entry),
      ]),
    );
    for (const secret of secrets) {
      expect(stored).not.toContain(secret);
      expect(exported).not.toContain(secret);
    }
  });
});

describe("CSV", () => {
  it("starts with a byte-order mark, quotes what needs it and defuses formulas", () => {
    const csv = toCsv([
      ["a", "b,c"],
      ['say "hi"', "=HYPERLINK()", "规则"],
    ]);
    expect(csv).toBe('\uFEFFa,"b,c"\r\n"say ""hi""",\'=HYPERLINK(),规则\r\n');
  });
});
