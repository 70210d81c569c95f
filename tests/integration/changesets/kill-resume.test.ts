import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { PlanSummary } from "@/lib/changesets/contract";
import { createAccountIfAbsent } from "@/server/accounts";
import { applyChangeSet } from "@/server/changesets/control";
import { planImport } from "@/server/changesets/plan-change-set";
import { readAllItems, readChangeSet } from "@/server/changesets/store";
import { type DatabaseConfig, openDatabase } from "@/server/db/client";
import { wechatAccounts } from "@/server/db/schema";
import { type RunningProduct, startProduct } from "@/tests/support/product";
import { operatorContext } from "@/tests/support/request-context";
import { SERVICE_ACCOUNT, SandboxHarness } from "@/tests/support/sandbox-client";
import { TEST_SECRETS_KEY, testBox } from "@/tests/support/wechat";

// The built product (`next start`) applies a 300-row change set of a Service Account as its background job and is killed
// (SIGKILL) half-way; started again, it resumes from its journal. WeChat must end exactly as
// planned: no rule missing, none added twice, no publish spent twice, every row's outcome recorded.
// Real pieces: two product processes one after the other, the sandbox over HTTP, PostgreSQL
// (TEST_DATABASE_URL) or the embedded database's data directory on disk.
const ROWS = 300;
const PUBLISHED = 20;
const LINKED = "wx9999999999999999";
const HEADER = "Prefix,Mini Program AppID,Page path,Published";
const prefix = (n: number) => `http://weixin.qq.com/q/kill${n}`;

let sandbox: SandboxHarness;

async function freshDatabase(): Promise<{
  config: DatabaseConfig;
  env: Record<string, string>;
  drop: () => Promise<void>;
}> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dataDir = await mkdtemp(path.join(tmpdir(), "qrjump-kill-"));
    return {
      config: { kind: "embedded", dataDir },
      env: { DATA_DIR: dataDir },
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `qrjump_kill_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: "postgres", url: url.toString() },
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/** Plans and queues the 300 rows with the product's own code, then closes the database for the product. */
async function queueChangeSet(config: DatabaseConfig): Promise<string> {
  const handle = await openDatabase(config);
  try {
    await handle.migrate();
    await createAccountIfAbsent(handle.db, testBox(), {
      ...SERVICE_ACCOUNT,
      name: "News",
      linkedMiniPrograms: [LINKED],
    });
    const [account] = await handle.db.select().from(wechatAccounts);
    const context = await operatorContext(handle, sandbox.url, {
      email: "root@example.com",
      name: "Root",
      role: "admin",
      password: "root-password-1",
    });
    const lines = [HEADER];
    for (let n = 0; n < ROWS; n++)
      lines.push(`${prefix(n)},${LINKED},pages/k/${n},${n < PUBLISHED ? "yes" : "no"}`);
    const { changeSetId } = await planImport(context, {
      accountId: account?.id ?? "",
      fileName: "kill.csv",
      deleteMissing: false,
      content: Buffer.from(lines.join("\n")).toString("base64"),
    });
    expect(((await readChangeSet(handle.db, changeSetId))?.summary as PlanSummary).counts.add).toBe(ROWS);
    await applyChangeSet(context, account?.id ?? "", changeSetId);
    return changeSetId;
  } finally {
    await handle.close();
  }
}

const product = (env: Record<string, string>) =>
  startProduct({
    ...env,
    AUTH_SECRET: "kill-test-auth-secret-0123456789abcdef0123",
    SECRETS_KEY: TEST_SECRETS_KEY,
    WECHAT_API_BASE: sandbox.url,
    WECHAT_TIMEOUT_MS: "1500",
    WECHAT_SETTLE_MS: "1000",
    DRIFT_CHECK_CRON: "off",
  });

const rulesAtWeChat = async () =>
  (await sandbox.state()).accounts.find((a) => a.appid === SERVICE_ACCOUNT.appid)?.rules ?? [];

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}:\n${output().slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
});
afterAll(async () => {
  await sandbox.close();
});

async function killAndResume(faults: Record<string, unknown>[]): Promise<void> {
  await sandbox.reset({
    accounts: [
      { ...SERVICE_ACCOUNT, linkedMiniPrograms: [LINKED], publishQuota: 100 },
      { appid: LINKED, secret: "99999999999999999999999999999999", kind: "miniprogram" },
    ],
  });
  const database = await freshDatabase();
  let running: RunningProduct | null = null;
  try {
    const changeSetId = await queueChangeSet(database.config);
    for (const fault of faults) await sandbox.fault(fault);

    running = await product(database.env);
    const first = running;
    await waitFor(
      "a third of the rows are at WeChat",
      async () => (await rulesAtWeChat()).length >= ROWS / 3,
      120_000,
      first.output,
    );
    await first.kill();
    const atKill = (await rulesAtWeChat()).length;
    expect(atKill).toBeLessThan(ROWS);

    running = await product(database.env);
    const second = running;
    await waitFor(
      "the resumed job has finished",
      async () =>
        (await rulesAtWeChat()).filter((rule) => rule.state === 2).length >= PUBLISHED &&
        (await rulesAtWeChat()).length >= ROWS,
      180_000,
      second.output,
    );
    // Let the job write its last rows down before the product is stopped.
    await waitFor(
      "the job reports its end",
      async () => second.output().includes(`change set ${changeSetId}: finished`),
      60_000,
      second.output,
    );
    await second.stop();
    running = null;

    // WeChat: exactly the planned rules, the planned ones published, publishes spent once each.
    const rules = await rulesAtWeChat();
    expect(rules.map((rule) => rule.prefix).sort()).toEqual(
      Array.from({ length: ROWS }, (_, n) => prefix(n)).sort(),
    );
    expect(
      rules
        .filter((rule) => rule.state === 2)
        .map((rule) => rule.prefix)
        .sort(),
    ).toEqual(Array.from({ length: PUBLISHED }, (_, n) => prefix(n)).sort());
    const state = await sandbox.state();
    expect(state.accounts.find((a) => a.appid === SERVICE_ACCOUNT.appid)?.publishesLeft).toBe(
      100 - PUBLISHED,
    );
    const published = state.calls.filter(
      (call) => call.endpoint === "qrcodejumppublish" && call.errcode === 0,
    );
    expect(published).toHaveLength(PUBLISHED);
    // Each rule was added once: a second add of a rule WeChat holds would have met 85071. (A call the
    // kill cut off, or a late answer, may not be logged as answered: at most one success per rule.)
    const adds = state.calls.filter((call) => call.endpoint === "qrcodejumpadd");
    expect(adds.filter((call) => call.errcode === 0).length).toBeLessThanOrEqual(ROWS);
    expect(adds.filter((call) => call.errcode === 85071)).toEqual([]);

    // The journal: every row done, its outcome recorded, none left in flight.
    const handle = await openDatabase(database.config);
    try {
      const items = await readAllItems(handle.db, changeSetId);
      expect(items).toHaveLength(ROWS);
      expect(items.filter((item) => item.state !== "done")).toEqual([]);
      expect(items.every((item) => item.doneSteps === item.steps.length && item.finishedAt !== null)).toBe(
        true,
      );
      expect((await readChangeSet(handle.db, changeSetId))?.status).toBe("done");
    } finally {
      await handle.close();
    }
  } finally {
    await running?.kill();
    await database.drop();
  }
}

describe("a change set applied by the product, killed mid-way and started again", () => {
  it("ends with WeChat exactly as planned", async () => {
    await killAndResume([]);
  }, 420_000);

  it("ends with WeChat exactly as planned when 20% of WeChat's answers are busy, dropped or late", async () => {
    await killAndResume([
      { endpoint: "qrcodejumpadd", mode: "late", rate: 0.2, applyAfterMs: 100, delayMs: 2_500 },
      { endpoint: "qrcodejumppublish", mode: "errcode", errcode: -1, rate: 0.2 },
      { endpoint: "qrcodejumpget", mode: "drop", rate: 0.2 },
    ]);
  }, 600_000);
});
