import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runProductUntilExit, signInOverHttp, startProduct } from "@/tests/support/product";

// The built product (`next start`) started as a user would, on an embedded database in a temporary DATA_DIR.
let dataDir: string;
const base = {
  AUTH_SECRET: "restart-test-auth-secret-0123456789abcdef",
  SECRETS_KEY: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  WECHAT_API_BASE: "http://127.0.0.1:9",
};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "qrjump-restart-"));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("the product across restarts", () => {
  it("keeps operators in DATA_DIR: the first admin is created once and signs in after a restart", async () => {
    const first = await startProduct({
      ...base,
      DATA_DIR: dataDir,
      ADMIN_EMAIL: "owner@example.com",
      ADMIN_PASSWORD: "first-password-1",
    });
    try {
      expect(await signInOverHttp(first.url, "owner@example.com", "first-password-1")).not.toBeNull();
      expect(first.output()).toContain("created the first admin owner@example.com");
    } finally {
      await first.stop();
    }
    expect(await readdir(path.join(dataDir, "pglite"))).not.toHaveLength(0);

    // A different ADMIN_PASSWORD on the second start must not replace the stored admin.
    const second = await startProduct({
      ...base,
      DATA_DIR: dataDir,
      ADMIN_EMAIL: "owner@example.com",
      ADMIN_PASSWORD: "second-password-2",
    });
    try {
      expect(await signInOverHttp(second.url, "owner@example.com", "first-password-1")).not.toBeNull();
      expect(await signInOverHttp(second.url, "owner@example.com", "second-password-2")).toBeNull();
      expect(second.output()).not.toContain("created the first admin");
    } finally {
      await second.stop();
    }
  }, 120_000);

  it("refuses to start without AUTH_SECRET, naming it", async () => {
    const { code, output } = await runProductUntilExit({ DATA_DIR: dataDir });
    expect(code).not.toBe(0);
    expect(output).toContain("AUTH_SECRET is required");
    expect(output).toContain("SECRETS_KEY is required");
  }, 60_000);

  it("refuses to start on an empty database without a first admin, naming ADMIN_EMAIL", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "qrjump-empty-"));
    try {
      const { code, output } = await runProductUntilExit({ ...base, DATA_DIR: empty });
      expect(code).not.toBe(0);
      expect(output).toContain("ADMIN_EMAIL");
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  }, 60_000);
});
