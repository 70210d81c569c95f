import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createAccountIfAbsent, credentialsFor, listAccounts } from "@/server/accounts";
import type { DatabaseHandle } from "@/server/db/client";
import { wechatAccounts } from "@/server/db/schema";
import { createTestDatabase } from "@/tests/support/db";
import { testBox } from "@/tests/support/wechat";

let handle: DatabaseHandle;
const box = testBox();

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

describe("WeChat accounts", () => {
  it("stores the AppSecret sealed and shows only its last 4 characters", async () => {
    const secret = "5f2c9e1a7b3d4c6e8f0a1b2c3d4e5f60";
    expect(
      await createAccountIfAbsent(handle.db, box, {
        appid: "wx3a6f1c2d8e9b0a41",
        kind: "miniprogram",
        name: "Demo Shop",
        secret,
      }),
    ).toBe(true);
    expect(
      await createAccountIfAbsent(handle.db, box, {
        appid: "wx7b2e4d6f8a0c1e35",
        kind: "officialaccount",
        name: "Demo Service Account",
        secret: "a1b2c3d4e5f60718293a4b5c6d7e8f90",
        linkedMiniPrograms: ["wx3a6f1c2d8e9b0a41"],
      }),
    ).toBe(true);
    expect(
      await createAccountIfAbsent(handle.db, box, {
        appid: "wx3a6f1c2d8e9b0a41",
        kind: "miniprogram",
        name: "Again",
        secret: "x",
      }),
    ).toBe(false);

    const rows = await handle.db.select().from(wechatAccounts);
    expect(JSON.stringify(rows)).not.toContain(secret);

    const summaries = await listAccounts(handle.db, box);
    expect(
      summaries.map((account) => [account.name, account.secretHint, account.linkedMiniPrograms]),
    ).toEqual([
      ["Demo Service Account", "8f90", ["wx3a6f1c2d8e9b0a41"]],
      ["Demo Shop", "5f60", []],
    ]);
    expect(JSON.stringify(summaries)).not.toContain(secret);

    const shop = summaries.find((account) => account.kind === "miniprogram");
    expect(await credentialsFor(handle.db, box, shop?.id ?? "")).toEqual({
      appid: "wx3a6f1c2d8e9b0a41",
      kind: "miniprogram",
      tokenMode: "stable",
      secret,
    });
  });
});
