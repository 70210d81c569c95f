import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { freePort } from "../support/product";

/**
 * Demo mode publishes its admin password, so it must listen on loopback
 * unless HOST opens it up. The listening sockets are read from the kernel's
 * table (/proc/net/tcp, tcp6): no traffic leaves loopback in this test.
 */
const root = path.resolve(import.meta.dirname, "..", "..");
const built = existsSync(path.join(root, ".next", "BUILD_ID"));

interface Demo {
  child: ChildProcess;
  output: () => string;
  port: number;
  dataDir: string;
}

let running: Demo | null = null;

afterEach(async () => {
  if (!running) return;
  const { child, dataDir } = running;
  running = null;
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

async function startDemo(extra: Record<string, string>): Promise<Demo> {
  const [port, sandboxPort] = [await freePort(), await freePort()];
  const dataDir = await mkdtemp(path.join(tmpdir(), "qrjump-demo-listen-"));
  let output = "";
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/demo.ts", "--skip-build"],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        PORT: String(port),
        SANDBOX_PORT: String(sandboxPort),
        DATA_DIR: dataDir,
        AUTH_SECRET: "demo-listen-test-auth-secret-0123456789abcdef",
        SECRETS_KEY: "d".repeat(64),
        ...extra,
      },
      stdio: "pipe",
    },
  );
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  running = { child, output: () => output, port, dataDir };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`demo exited:\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`demo did not become healthy:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return running;
}

/** The local addresses of sockets listening on `port`, as the kernel lists them (hex, as in /proc/net). */
async function listeningAddresses(port: number): Promise<string[]> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const addresses: string[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const text = await readFile(table, "utf8").catch(() => "");
    for (const line of text.split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state === "0A" && local?.endsWith(`:${hexPort}`)) addresses.push(local.slice(0, -5));
    }
  }
  return addresses;
}

const LOOPBACK = new Set(["0100007F", "00000000000000000000000001000000"]);

describe.skipIf(!built || !existsSync("/proc/net/tcp"))("demo mode's listening address", () => {
  it("is loopback by default, and says so", async () => {
    const demo = await startDemo({});
    const addresses = await listeningAddresses(demo.port);
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(LOOPBACK.has(address), address).toBe(true);
    expect(demo.output()).toContain(`listening on 127.0.0.1:${demo.port}`);
    expect(demo.output()).not.toContain("WARNING");
  }, 120_000);

  it("opens up only when HOST says so, with a warning in the log", async () => {
    const demo = await startDemo({ HOST: "0.0.0.0" });
    const addresses = await listeningAddresses(demo.port);
    expect(addresses).toContain("00000000");
    expect(demo.output()).toMatch(/WARNING: 0\.0\.0\.0 is not a loopback address/);
  }, 120_000);
});
