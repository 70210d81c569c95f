import { spawn } from "node:child_process";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { DEMO_SHOP } from "@/sandbox/fixtures/demo";
import { startSandbox } from "@/sandbox/server";

const root = path.resolve(import.meta.dirname, "../../..");

describe("startSandbox", () => {
  it("starts on a free port with port 0, side by side with another, and frees it on close", async () => {
    const first = await startSandbox({ port: 0, fixture: "empty", quiet: true });
    const second = await startSandbox({ quiet: true });
    try {
      expect(first.port).toBeGreaterThan(0);
      expect(second.port).not.toBe(first.port);
      expect(first.url).toBe(`http://127.0.0.1:${first.port}`);
      // The demo fixture is the default.
      const state = (await (await fetch(`${second.url}/__sandbox/state`)).json()) as {
        accounts: Array<{ appid: string }>;
      };
      expect(state.accounts.map((account) => account.appid)).toContain(DEMO_SHOP.appid);
      const empty = (await (await fetch(`${first.url}/__sandbox/state`)).json()) as { accounts: unknown[] };
      expect(empty.accounts).toEqual([]);
    } finally {
      await first.close();
      await second.close();
    }
    await expect(fetch(`${first.url}/__sandbox/health`)).rejects.toThrow();
  });

  it("closes promptly even with keep-alive connections and a call still waiting on a delay fault", async () => {
    const sandbox = await startSandbox({ fixture: "empty", quiet: true });
    await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ endpoint: "*", mode: "delay", delayMs: 60_000 }),
    });
    const pending = fetch(`${sandbox.url}/cgi-bin/token`).catch(() => "closed");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await sandbox.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await pending).toBe("closed");
  });

  it("refuses a port already taken", async () => {
    const sandbox = await startSandbox({ fixture: "empty", quiet: true });
    try {
      await expect(startSandbox({ port: sandbox.port, quiet: true })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await sandbox.close();
    }
  });
});

describe("npm run sandbox (sandbox/main.ts)", () => {
  it("logs its URL once, serves the demo fixture, and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "sandbox", "main.ts")], {
      cwd: root,
      env: { ...process.env, SANDBOX_PORT: "0", SANDBOX_HOST: "127.0.0.1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL logged: ${output}`)), 20_000);
        child.stdout.on("data", () => {
          const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      const query = new URLSearchParams({
        grant_type: "client_credential",
        appid: DEMO_SHOP.appid,
        secret: DEMO_SHOP.secret,
      });
      const token = (await (await fetch(`${url}/cgi-bin/token?${query}`)).json()) as {
        access_token?: string;
      };
      expect(token.access_token).toBeTruthy();
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(
        output
          .trim()
          .split("\n")
          .filter((line) => line.startsWith("[sandbox]")),
      ).toHaveLength(1);
      expect(output).not.toContain(DEMO_SHOP.secret);
      expect(output).not.toContain(token.access_token);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("refuses to start with an invalid SANDBOX_PORT, naming it", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "sandbox", "main.ts")], {
      cwd: root,
      env: { ...process.env, SANDBOX_PORT: "not-a-port" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(output).toContain("SANDBOX_PORT");
  });
});
