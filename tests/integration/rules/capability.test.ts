import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createAccountIfAbsent } from "@/server/accounts";
import * as accounts from "@/server/admin/accounts";
import { activityEntries, wechatAccounts } from "@/server/db/schema";
import * as rules from "@/server/rules";
import type { RequestContext } from "@/server/request-context";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import { MINI_PROGRAM, SERVICE_ACCOUNT, SandboxHarness } from "@/tests/support/sandbox-client";
import { operatorContext } from "@/tests/support/request-context";
import { testBox } from "@/tests/support/wechat";

// The capability check over HTTP against the sandbox, with the real database and client. WeChat's
// refusals that depend on how an account is connected (48001, 61007) are injected as the sandbox's
// errcode faults on the probe calls.
const LINKED = "wx9999999999999999";
const LONELY = {
  appid: "wx4444444444444444",
  secret: "44444444444444444444444444444444",
  kind: "officialaccount",
} as const;

let sandbox: SandboxHarness;
let db: TestDatabase;
let context: RequestContext;
const ids: Record<string, string> = {};

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
  db = await createTestDatabase();
  const box = testBox();
  await createAccountIfAbsent(db.db, box, { ...MINI_PROGRAM, name: "Shop" });
  await createAccountIfAbsent(db.db, box, { ...SERVICE_ACCOUNT, name: "News", linkedMiniPrograms: [LINKED] });
  await createAccountIfAbsent(db.db, box, { ...LONELY, name: "Lonely" });
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
      MINI_PROGRAM,
      { ...SERVICE_ACCOUNT, linkedMiniPrograms: [LINKED] },
      LONELY,
      { appid: LINKED, secret: "99999999999999999999999999999999", kind: "miniprogram" },
    ],
  });
});

const check = (appid: string) => rules.checkCapability(context, ids[appid] ?? "");

describe("the capability check", () => {
  it("finds a Mini Program and a Service Account ready, from a get (and a download), and keeps the verdict", async () => {
    const before = (await sandbox.state()).calls.length;
    expect(await check(MINI_PROGRAM.appid)).toMatchObject({ status: "ready", errcode: null });
    expect((await sandbox.state()).calls.slice(before).map((call) => call.endpoint)).toEqual(
      expect.arrayContaining(["qrcodejumpget", "qrcodejumpdownload"]),
    );
    expect(await check(SERVICE_ACCOUNT.appid)).toMatchObject({ status: "ready" });
    const listed = await rules.readCapabilities(db.db, [
      ids[MINI_PROGRAM.appid] ?? "",
      ids[SERVICE_ACCOUNT.appid] ?? "",
    ]);
    expect([...listed.values()].map((capability) => capability.status)).toEqual(["ready", "ready"]);
    // Nothing was changed at WeChat.
    const after = (await sandbox.state()).calls.slice(before);
    expect(
      after.filter(
        (call) => !["qrcodejumpget", "qrcodejumpdownload", "stable_token"].includes(call.endpoint),
      ),
    ).toEqual([]);
  });

  it("says a token of the wrong kind on 48001, and which permission set on 61007", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "errcode", errcode: 48001, count: 1 });
    expect(await check(MINI_PROGRAM.appid)).toMatchObject({ status: "wrong-token", errcode: 48001 });
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "errcode", errcode: 61007, count: 1 });
    expect(await check(MINI_PROGRAM.appid)).toMatchObject({ status: "missing-permission", missingSet: 18 });
    await sandbox.fault({ endpoint: "qrcodejumpget", mode: "errcode", errcode: 61007, count: 1 });
    expect(await check(SERVICE_ACCOUNT.appid)).toMatchObject({ status: "missing-permission", missingSet: 3 });
  });

  it("finds a personal Mini Program from its download, and a Service Account with nothing linked", async () => {
    await sandbox.fault({ endpoint: "qrcodejumpdownload", mode: "errcode", errcode: 85075, count: 1 });
    expect(await check(MINI_PROGRAM.appid)).toMatchObject({ status: "personal", errcode: 85075 });
    expect(await check(LONELY.appid)).toMatchObject({ status: "no-linked-mini-program" });
  });

  it("leaves an activity entry for each check", async () => {
    await check(MINI_PROGRAM.appid);
    const entries = await db.db
      .select()
      .from(activityEntries)
      .where(eq(activityEntries.operation, "account.check"));
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.at(-1)).toMatchObject({ outcome: "success", accountId: ids[MINI_PROGRAM.appid] });
  });
});

describe("adding an account", () => {
  it("checks it at once and shows the verdict on the Accounts page", async () => {
    // A Mini Program whose own token WeChat accepts for these calls.
    await sandbox.reset({
      accounts: [
        {
          appid: LINKED,
          secret: "99999999999999999999999999999999",
          kind: "miniprogram",
          ownToken: "accepted",
        },
      ],
    });
    await db.db.delete(wechatAccounts).where(eq(wechatAccounts.appid, LINKED));
    const { account } = await accounts.createAccount(context, {
      appid: LINKED,
      kind: "miniprogram",
      secret: "99999999999999999999999999999999",
      name: "Linked",
      tokenMode: "stable",
      linkedMiniPrograms: [],
    });
    expect(account.capability).toMatchObject({ status: "ready" });
  });

  it("still adds a self-developed Mini Program WeChat refuses with its own token, and says to connect it through a platform", async () => {
    // As WeChat does by default (REFERENCE §1): a Mini Program's own token gets 48001 for these calls.
    await db.db.delete(wechatAccounts).where(eq(wechatAccounts.appid, LINKED));
    const { account } = await accounts.createAccount(context, {
      appid: LINKED,
      kind: "miniprogram",
      secret: "99999999999999999999999999999999",
      name: "Linked",
      tokenMode: "stable",
      linkedMiniPrograms: [],
    });
    expect(account).toMatchObject({ appid: LINKED, capability: { status: "wrong-token", errcode: 48001 } });
  });
});
