import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { and, eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type DatabaseConfig, openDatabase } from "@/server/db/client";
import { wechatCalls } from "@/server/db/schema";
import { WeChatCallError } from "@/server/wechat/errors";
import { crashRule } from "@/tests/support/crash-rules";
import { MINI_PROGRAM, SandboxHarness } from "@/tests/support/sandbox-client";
import { clientFor } from "@/tests/support/wechat";

// A process adding rules is killed (SIGKILL) while WeChat holds one of its adds; then the same list
// is sent again by a fresh client on the same database. Real pieces: a child process, the sandbox over
// HTTP, PostgreSQL (TEST_DATABASE_URL) or the embedded database's data directory on disk.
const COUNT = 16;
const KILL_AFTER = 6;
const root = path.resolve(import.meta.dirname, "..", "..", "..");

let sandbox: SandboxHarness;
let config: DatabaseConfig;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  sandbox = await SandboxHarness.start({ accounts: [MINI_PROGRAM] });
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `qrjump_crash_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    config = { kind: "postgres", url: url.toString() };
    cleanup = async () => {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    };
  } else {
    const dataDir = await mkdtemp(path.join(tmpdir(), "qrjump-crash-"));
    config = { kind: "embedded", dataDir };
    cleanup = () => rm(dataDir, { recursive: true, force: true });
  }
});
afterAll(async () => {
  await sandbox.close();
  await cleanup();
});

function startAdder(): { child: ChildProcess; output: () => string; progress: (n: number) => Promise<void> } {
  let output = "";
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/support/add-rules-child.ts"],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "test",
        CHILD_SANDBOX_URL: sandbox.url,
        CHILD_COUNT: String(COUNT),
        ...(config.kind === "postgres"
          ? { CHILD_DATABASE_URL: config.url }
          : { CHILD_DATA_DIR: config.dataDir ?? "" }),
      },
      stdio: "pipe",
    },
  );
  const added = () => Number(/added (\d+)\n(?![\s\S]*added)/.exec(output)?.[1] ?? 0);
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters.filter((w) => added() >= w.n)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return {
    child,
    output: () => output,
    progress: (n) =>
      new Promise<void>((resolve, reject) => {
        if (added() >= n) return resolve();
        waiters.push({ n, resolve });
        child.once("exit", (code) =>
          reject(new Error(`the adder exited (${code}) before adding ${n}:\n${output}`)),
        );
      }),
  };
}

describe("a crash in the middle of adds", () => {
  it("the same list sent again ends with every rule present once, no 85071 failure, and the lost call on record", async () => {
    const adder = startAdder();
    await adder.progress(KILL_AFTER);
    // The next add arrives at WeChat, takes effect, and is never answered before the kill.
    await sandbox.fault({ endpoint: "qrcodejumpadd", mode: "late", applyAfterMs: 0, delayMs: 60_000 });
    for (let waited = 0; ; waited += 20) {
      const { faults } = (await (await sandbox.control("GET", "faults")).json()) as { faults: unknown[] };
      if (faults.length === 0) break;
      if (waited > 20_000) throw new Error(`no add reached WeChat:\n${adder.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const exited = new Promise((resolve) => adder.child.once("exit", resolve));
    adder.child.kill("SIGKILL");
    await exited;
    const landed = (await sandbox.state()).accounts[0]?.ruleCount ?? 0;
    expect(landed).toBeGreaterThan(KILL_AFTER);
    expect(landed).toBeLessThan(COUNT);

    const handle = await openDatabase(config);
    try {
      await handle.migrate();
      const [inFlight] = await handle.db
        .select()
        .from(wechatCalls)
        .where(and(eq(wechatCalls.operation, "add"), eq(wechatCalls.outcome, "pending")));
      expect(inFlight?.prefix).toBe(crashRule(landed - 1).prefix);

      const account = clientFor(handle, sandbox.url, 5_000).forAccount({
        ...MINI_PROGRAM,
        tokenMode: "stable",
      });
      const failures: unknown[] = [];
      for (let n = 0; n < COUNT; n++) {
        await account
          .saveTypeA(crashRule(n), { edit: false })
          .catch((error: unknown) => failures.push(error));
      }
      expect(
        failures.map((error) => (error instanceof WeChatCallError ? error.message : String(error))),
      ).toEqual([]);

      const rules = (await sandbox.state()).accounts[0]?.rules ?? [];
      expect(rules.map((rule) => rule.prefix).sort()).toEqual(
        Array.from({ length: COUNT }, (_, n) => crashRule(n).prefix).sort(),
      );
      const resumed = await handle.db
        .select()
        .from(wechatCalls)
        .where(eq(wechatCalls.note, "already there, as sent"));
      expect(resumed).toHaveLength(landed);
      // The record of the call the crash cut off is still there, still saying its outcome is unknown.
      const [still] = await handle.db
        .select()
        .from(wechatCalls)
        .where(eq(wechatCalls.id, inFlight?.id ?? -1));
      expect(still?.outcome).toBe("pending");
    } finally {
      await handle.close();
    }
  }, 90_000);
});
