/**
 * The recheck of published Mini Program rules' verification files, with real pieces throughout: the
 * sandbox over HTTP stands in for WeChat (its rules reach the mirror through the product's sync, its file
 * through the product's download, which stores it), the database, and real HTTP and HTTPS servers on
 * 127.0.0.1 playing the merchant's sites, with self-signed certificates made here by openssl and trusted
 * through the preflight's `trustedCertificates` (as a private CA would be). Nothing is mocked.
 */
import { mkdtempSync, rmSync } from "node:fs";
import http, { type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import https from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createAccountIfAbsent } from "@/server/accounts";
import { verificationNotice } from "@/lib/verification/recheck";
import { RECHECK_QUEUE, start } from "@/server/changesets/queue";
import { ActionFailure } from "@/server/actions/safe-action";
import {
  type WeChatAccount,
  activityEntries,
  hostedVerificationFiles,
  operatorAccountGrants,
  verificationChecks,
  wechatAccounts,
} from "@/server/db/schema";
import { parseEnv } from "@/server/env";
import type { RequestContext } from "@/server/request-context";
import { syncNow, verificationFile } from "@/server/rules";
import {
  type RecheckPolicy,
  recheckAccount,
  recheckAllAccounts,
  recheckPolicyFromEnv,
  recheckVerificationNow,
} from "@/server/verification/recheck";
import { accountVerificationView, verificationOverview } from "@/server/verification/recheck-view";
import {
  type TestServer,
  closedPort,
  listen,
  makeCertificate,
} from "@/tests/integration/verification/support";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import { operatorContext } from "@/tests/support/request-context";
import { MINI_PROGRAM, SandboxHarness } from "@/tests/support/sandbox-client";
import { clientFor, testBox } from "@/tests/support/wechat";

/** What the merchant's sites serve: path → body; anything else is a 404. */
const files = new Map<string, string>();
const serve: RequestListener = (request: IncomingMessage, response: ServerResponse) => {
  const body = files.get(new URL(request.url ?? "/", "http://x").pathname);
  response.writeHead(body === undefined ? 404 : 200, { "content-type": "text/plain" });
  response.end(body ?? "not found");
};

let sandbox: SandboxHarness;
let db: TestDatabase;
let context: RequestContext;
let account: WeChatAccount;
let file: { fileName: string; fileContent: string };
let dir: string;
let plain: TestServer;
/** A certificate that ends in 5 days, and one that ends in 90. */
let shortLived: TestServer;
let longLived: TestServer;
let policy: RecheckPolicy;

/** The account's type-A rules at WeChat, as a sync then mirrors them: published unless `unpublished` says so. */
async function atWeChat(published: string[], unpublished: string[] = []) {
  await sandbox.reset({
    accounts: [
      {
        ...MINI_PROGRAM,
        rules: [
          ...published.map((prefix) => ({ prefix, path: "pages/index/index", state: 2 })),
          ...unpublished.map((prefix) => ({ prefix, path: "pages/index/index", state: 1 })),
        ],
      },
    ],
  });
  await syncNow(context, account.id);
}

const rows = () =>
  db.db.select().from(verificationChecks).where(eq(verificationChecks.accountId, account.id));
const rowOf = async (prefix: string) => (await rows()).find((row) => row.prefix === prefix);
const entriesFor = (prefix: string) =>
  db.db
    .select()
    .from(activityEntries)
    .where(and(eq(activityEntries.operation, "verification.recheck"), eq(activityEntries.prefix, prefix)))
    .orderBy(activityEntries.id);
const serveAt = (directory: string) => files.set(`${directory}${file.fileName}`, file.fileContent);

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
  db = await createTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), "recheck-"));
  const short = makeCertificate(dir, "short", 5);
  const long = makeCertificate(dir, "long", 90);
  plain = await listen(http.createServer(serve), "http");
  shortLived = await listen(
    https.createServer({ key: short.key, cert: short.cert }, serve),
    "https",
    "localhost",
  );
  longLived = await listen(
    https.createServer({ key: long.key, cert: long.cert }, serve),
    "https",
    "localhost",
  );
  policy = { allowPrivate: true, certWarnDays: 21, trustedCertificates: [short.cert, long.cert] };

  await createAccountIfAbsent(db.db, testBox(), { ...MINI_PROGRAM, name: "Shop" });
  [account] = (await db.db.select().from(wechatAccounts)) as [WeChatAccount];
  context = await operatorContext(db, sandbox.url, {
    email: "recheck@example.com",
    name: "Recheck",
    role: "operator",
    password: "operator-password",
  });
  await db.db
    .insert(operatorAccountGrants)
    .values({ operatorId: context.operator.id, accountId: account.id });
  await sandbox.reset({ accounts: [MINI_PROGRAM] });
  // The product's download of the file from WeChat, which stores it (as showing it in the rule form does).
  file = await verificationFile(context, account.id);
});

afterAll(async () => {
  await Promise.all([plain, shortLived, longLived].map((site) => site?.close()));
  await sandbox?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  files.clear();
  for (const site of [plain, shortLived, longLived]) site.hits.length = 0;
  await db.db.delete(verificationChecks);
  await db.db
    .insert(hostedVerificationFiles)
    .values({ accountId: account.id, fileName: file.fileName, fileContent: file.fileContent })
    .onConflictDoNothing();
});

describe("the recheck of published rules", () => {
  it("stores an ok row for a published rule whose file is served, and writes no activity entry", async () => {
    const prefix = `${plain.origin}/ok/`;
    serveAt("/ok/");
    await atWeChat([prefix]);

    const done = await recheckAccount(db.db, account, policy, null);
    expect(done).toMatchObject({ counts: { ok: 1, warning: 0, failed: 0 }, changes: 0 });
    expect(await rowOf(prefix)).toMatchObject({
      fileUrl: `${plain.origin}/ok/${file.fileName}`,
      fileKnown: true,
      outcome: "ok",
      // Plain http:// is noted, as the preflight notes it, without making the rule warn.
      problems: [{ code: "http_not_https" }],
      certNotAfter: null,
      daysLeft: null,
    });
    expect(plain.hits).toEqual([`GET /ok/${file.fileName}`]);
    expect(await entriesFor(prefix)).toEqual([]);
  });

  it("fails a rule whose file was removed, records it once, and records the recovery", async () => {
    const prefix = `${plain.origin}/gone/`;
    serveAt("/gone/");
    await atWeChat([prefix]);
    await recheckAccount(db.db, account, policy, null);

    files.clear();
    expect((await recheckAccount(db.db, account, policy, null)).changes).toBe(1);
    const row = await rowOf(prefix);
    expect(row).toMatchObject({ outcome: "failed" });
    expect(row?.problems).toContainEqual({ code: "status", status: 404 });
    const [entry] = await entriesFor(prefix);
    expect(entry).toMatchObject({
      operation: "verification.recheck",
      outcome: "failure",
      operatorId: null,
      accountId: account.id,
      appid: MINI_PROGRAM.appid,
      summary: { key: "verificationFailing", values: { url: `${plain.origin}/gone/${file.fileName}` } },
      result: expect.objectContaining({ previous: "ok", outcome: "failed", background: true }),
    });

    // Still failing: nothing new to say.
    expect((await recheckAccount(db.db, account, policy, null)).changes).toBe(0);
    expect(await entriesFor(prefix)).toHaveLength(1);

    serveAt("/gone/");
    await recheckAccount(db.db, account, policy, null);
    expect(await rowOf(prefix)).toMatchObject({ outcome: "ok" });
    const entries = await entriesFor(prefix);
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({
      outcome: "success",
      summary: { key: "verificationRecovered", values: { url: `${plain.origin}/gone/${file.fileName}` } },
    });
  });

  it("warns about a certificate that ends within VERIFICATION_CERT_WARN_DAYS, and only then", async () => {
    const soon = `${shortLived.origin}/promo/`;
    const later = `${longLived.origin}/promo/`;
    serveAt("/promo/");
    await atWeChat([soon, later]);

    await recheckAccount(db.db, account, policy, null);
    const warned = await rowOf(soon);
    expect(warned).toMatchObject({ outcome: "warning", fileUrl: `${soon}${file.fileName}` });
    expect(warned?.daysLeft).toBeGreaterThanOrEqual(3);
    expect(warned?.daysLeft).toBeLessThanOrEqual(5);
    expect(warned?.certNotAfter).toBeInstanceOf(Date);
    expect(warned?.problems).toEqual([
      { code: "cert_expiring", expiresAt: warned?.certNotAfter?.toISOString(), daysLeft: warned?.daysLeft },
    ]);
    const [entry] = await entriesFor(soon);
    expect(entry).toMatchObject({
      outcome: "failure",
      summary: { key: "verificationCertExpiring", values: { days: warned?.daysLeft } },
    });

    const fine = await rowOf(later);
    expect(fine).toMatchObject({ outcome: "ok", problems: [] });
    expect(fine?.daysLeft).toBeGreaterThanOrEqual(88);
    expect(await entriesFor(later)).toEqual([]);

    // A wider window (VERIFICATION_CERT_WARN_DAYS=120) catches the 90-day certificate too.
    await recheckAccount(db.db, account, { ...policy, certWarnDays: 120 }, null);
    expect(await rowOf(later)).toMatchObject({ outcome: "warning" });
  });

  it("deletes the rows of rules no longer published or gone from WeChat", async () => {
    const [kept, unpublished, deleted] = ["kept", "draft", "deleted"].map(
      (name) => `${plain.origin}/${name}/`,
    );
    for (const name of ["kept", "draft", "deleted"]) serveAt(`/${name}/`);
    await atWeChat([kept!, unpublished!, deleted!]);
    await recheckAccount(db.db, account, policy, null);
    expect((await rows()).map((row) => row.prefix).sort()).toEqual([deleted, unpublished, kept].sort());

    await atWeChat([kept!], [unpublished!]);
    await recheckAccount(db.db, account, policy, null);
    expect((await rows()).map((row) => row.prefix)).toEqual([kept]);
  });

  it("fetches a file once for every rule whose prefix puts it at the same address", async () => {
    serveAt("/shared/");
    await atWeChat([`${plain.origin}/shared/a`, `${plain.origin}/shared/b?x=1`, `${plain.origin}/shared/`]);
    await recheckAccount(db.db, account, { ...policy, concurrency: 2 }, null);
    expect(plain.hits).toEqual([`GET /shared/${file.fileName}`]);
    expect((await rows()).map((row) => row.outcome)).toEqual(["ok", "ok", "ok"]);
  });

  it("checks only the server when the account's file is not stored here", async () => {
    const prefix = `${shortLived.origin}/unknown/page`;
    await atWeChat([prefix]);
    await db.db.delete(hostedVerificationFiles).where(eq(hostedVerificationFiles.accountId, account.id));

    await recheckAccount(db.db, account, policy, null);
    // The directory answers 404, which says nothing without the file's name; the certificate still counts.
    expect(await rowOf(prefix)).toMatchObject({
      fileKnown: false,
      fileUrl: `${shortLived.origin}/unknown/`,
      outcome: "warning",
    });
    expect(shortLived.hits).toEqual(["GET /unknown/"]);

    const down = `http://127.0.0.1:${await closedPort()}/`;
    await atWeChat([down]);
    await recheckAccount(db.db, account, policy, null);
    const row = await rowOf(down);
    expect(row).toMatchObject({ fileKnown: false, outcome: "failed" });
    expect(row?.problems).toContainEqual({ code: "connect", errorCode: "ECONNREFUSED" });
  });
});

describe("the address policy", () => {
  it("refuses private addresses unless PREFLIGHT_ALLOW_PRIVATE allows them, without connecting", async () => {
    const prefix = `${plain.origin}/private/`;
    serveAt("/private/");
    await atWeChat([prefix]);
    const base = { AUTH_SECRET: "x".repeat(32), SECRETS_KEY: "ab".repeat(32) };

    await recheckAccount(db.db, account, recheckPolicyFromEnv(parseEnv(base)), null);
    const refused = await rowOf(prefix);
    expect(refused).toMatchObject({ outcome: "failed" });
    expect(refused?.problems).toContainEqual({
      code: "private_address",
      host: "127.0.0.1",
      addresses: ["127.0.0.1"],
    });
    expect(plain.hits).toEqual([]);

    const allowed = recheckPolicyFromEnv(parseEnv({ ...base, PREFLIGHT_ALLOW_PRIVATE: "true" }));
    await recheckAccount(db.db, account, allowed, null);
    expect(await rowOf(prefix)).toMatchObject({ outcome: "ok" });
    expect(plain.hits).toEqual([`GET /private/${file.fileName}`]);
  });
});

describe("what the rules page and the activity overview are sent", () => {
  it("tells published rules never checked, passing and failing apart, and no published rule at all", async () => {
    const prefix = `${plain.origin}/view/`;
    await atWeChat([prefix], [`${plain.origin}/draft/`]);
    const state = async () => (await verificationOverview(db.db, context.operator)).accounts;

    const unchecked = await accountVerificationView(db.db, account);
    expect(unchecked).toEqual({ lastCheckedAt: null, checked: 0, published: 1, attention: [] });
    expect(verificationNotice(unchecked)).toBe("unchecked");
    expect(await state()).toEqual([
      {
        id: account.id,
        name: "Shop",
        appid: MINI_PROGRAM.appid,
        checked: 0,
        lastCheckedAt: null,
        failed: 0,
        warning: 0,
      },
    ]);

    serveAt("/view/");
    await recheckAccount(db.db, account, policy, null);
    const passed = await accountVerificationView(db.db, account);
    expect(passed).toMatchObject({ checked: 1, published: 1, attention: [] });
    expect(verificationNotice(passed)).toBe("passed");
    expect(await state()).toEqual([
      expect.objectContaining({ checked: 1, lastCheckedAt: passed.lastCheckedAt, failed: 0, warning: 0 }),
    ]);

    files.clear();
    await recheckAccount(db.db, account, policy, null);
    const failing = await accountVerificationView(db.db, account);
    expect(verificationNotice(failing)).toBe("attention");
    expect(failing.attention).toEqual([expect.objectContaining({ prefix, outcome: "failed" })]);
    expect(await state()).toEqual([expect.objectContaining({ checked: 1, failed: 1, warning: 0 })]);

    await atWeChat([], [prefix]);
    await recheckAccount(db.db, account, policy, null);
    const none = await accountVerificationView(db.db, account);
    expect(none).toEqual({ lastCheckedAt: null, checked: 0, published: 0, attention: [] });
    expect(verificationNotice(none)).toBeNull();
  });

  it("shows an operator only the Mini Programs given to them", async () => {
    const other = await operatorContext(db, sandbox.url, {
      email: "other@example.com",
      name: "Other",
      role: "operator",
      password: "operator-password",
    });
    expect(await verificationOverview(db.db, other.operator)).toEqual({ accounts: [] });
  });
});

describe("Recheck now and the schedule", () => {
  it("rechecks the account for the operator, who is named in the entry, and answers what the page shows", async () => {
    const prefix = `${plain.origin}/now/`;
    await atWeChat([prefix]);

    const view = await recheckVerificationNow(context, account.id, policy);
    expect(view.checked).toBe(1);
    expect(view.lastCheckedAt).not.toBeNull();
    expect(view.attention).toEqual([
      expect.objectContaining({
        prefix,
        outcome: "failed",
        problems: [{ code: "http_not_https" }, { code: "status", status: 404 }],
      }),
    ]);
    const [entry] = await entriesFor(prefix);
    expect(entry).toMatchObject({ operatorId: context.operator.id, operatorEmail: "recheck@example.com" });
    expect(entry?.result).not.toHaveProperty("background");
  });

  it("refuses an account the operator was not given", async () => {
    const stranger = await operatorContext(db, sandbox.url, {
      email: "stranger@example.com",
      name: "Stranger",
      role: "operator",
      password: "operator-password",
    });
    await expect(recheckVerificationNow(stranger, account.id, policy)).rejects.toBeInstanceOf(ActionFailure);
  });

  it("checks every enabled Mini Program, and forgets those disabled since", async () => {
    const prefix = `${plain.origin}/scheduled/`;
    serveAt("/scheduled/");
    await atWeChat([prefix]);

    const done = await recheckAllAccounts(db.db, policy);
    expect(done).toEqual([{ accountId: account.id, counts: { ok: 1, warning: 0, failed: 0 }, changes: 0 }]);
    expect(await rows()).toHaveLength(1);

    await db.db.update(wechatAccounts).set({ disabled: true }).where(eq(wechatAccounts.id, account.id));
    try {
      expect(await recheckAllAccounts(db.db, policy)).toEqual([]);
      expect(await rows()).toEqual([]);
    } finally {
      await db.db.update(wechatAccounts).set({ disabled: false }).where(eq(wechatAccounts.id, account.id));
    }
  });

  it("is scheduled on the job queue, one run at a time across instances", async () => {
    const queue = await start(
      db,
      { db: db.db, box: testBox(), wechat: clientFor(db, sandbox.url) },
      { recheckCron: "17 3 * * *", onRecheck: async () => undefined },
    );
    try {
      const schedules = await db.executeSql("select name, cron from pgboss.schedule");
      expect(schedules.rows).toContainEqual({ name: RECHECK_QUEUE, cron: "17 3 * * *" });
      const queues = await db.executeSql("select name, policy from pgboss.queue");
      expect(queues.rows).toContainEqual({ name: RECHECK_QUEUE, policy: "singleton" });
    } finally {
      await queue.stop();
    }
  });
});
