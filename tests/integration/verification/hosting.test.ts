/**
 * The product hosts each Mini Program's verification file and WeChat's check passes against it.
 * Real pieces throughout: the sandbox over HTTP (its 85069 check fetches the file over plain HTTP),
 * the database, the WeChat client, and the route handler answering real HTTP requests on 127.0.0.1.
 * What the proxy does in the product, mapping `/<prefix>/<appid>/…/<file>` to the route, the local
 * server does with the same function (`hostedPathOf`), since the proxy needs the built product.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { type HostingLocation, hostedPathOf } from "@/lib/verification/hosting";
import { createAccountIfAbsent } from "@/server/accounts";
import { ActionFailure } from "@/server/actions/safe-action";
import {
  activityEntries,
  hostedVerificationFiles,
  operatorAccountGrants,
  wechatAccounts,
  wechatCalls,
  wechatRules,
} from "@/server/db/schema";
import type { RequestContext } from "@/server/request-context";
import { saveRule } from "@/server/rules";
import { hostVerificationFile } from "@/server/verification/host-verification-file";
import { verificationHosting } from "@/server/verification/hosting-view";
import { preflightVerificationFile } from "@/server/verification/preflight";
import { preflightPrefix } from "@/server/verification/preflight-prefix";
import { hostedFileRoute } from "@/server/verification/serve-hosted-file";
import { type TestDatabase, createTestDatabase } from "@/tests/support/db";
import { operatorContext } from "@/tests/support/request-context";
import { MINI_PROGRAM, SandboxHarness } from "@/tests/support/sandbox-client";
import { testBox } from "@/tests/support/wechat";

const HOSTING: HostingLocation = { publicUrl: "https://qr.example.com", pathPrefix: "wxverify" };

let sandbox: SandboxHarness;
let db: TestDatabase;
let context: RequestContext;
let accountId: string;
let site: { origin: string; close(): Promise<void> };
let file: { file_name: string; file_content: string };

const route = hostedFileRoute({ db: async () => db.db, hosting: () => HOSTING });
const routeOff = hostedFileRoute({ db: async () => db.db, hosting: () => null });
const call = (handler: typeof route.GET, appid: string, fileName: string) =>
  handler(new Request(`http://127.0.0.1/wxverify/${appid}/${fileName}`), {
    params: Promise.resolve({ appid, fileName }),
  });

/** The product as the internet reaches it: every path under the prefix goes to the route handler. */
async function startSite(): Promise<typeof site> {
  const server = http.createServer((request, response) => {
    void (async () => {
      const target = hostedPathOf(new URL(request.url ?? "/", "http://x").pathname, HOSTING.pathPrefix);
      const handler = request.method === "HEAD" ? route.HEAD : route.GET;
      const answer =
        target && target !== "other"
          ? await handler(new Request(`http://127.0.0.1${request.url}`, { method: request.method }), {
              params: Promise.resolve(target),
            })
          : new Response("Not found", { status: 404 });
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      response.end(Buffer.from(await answer.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function failureOf(promise: Promise<unknown>): Promise<ActionFailure["error"]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ActionFailure) return error.error;
    throw error;
  }
  throw new Error("expected the operation to fail");
}

const typeA = (prefix: string) => ({
  kind: "A" as const,
  prefix,
  permitSubRule: 1 as const,
  path: "pages/index/index",
  openVersion: 3 as const,
  debugUrls: [`${prefix}1`],
});

beforeAll(async () => {
  sandbox = await SandboxHarness.start();
  db = await createTestDatabase();
  site = await startSite();
  await createAccountIfAbsent(db.db, testBox(), { ...MINI_PROGRAM, name: "Shop" });
  const [account] = await db.db.select().from(wechatAccounts);
  accountId = account?.id ?? "";
  context = await operatorContext(db, sandbox.url, {
    email: "host@example.com",
    name: "Host",
    role: "operator",
    password: "operator-password",
  });
  await db.db.insert(operatorAccountGrants).values({ operatorId: context.operator.id, accountId });
});
afterAll(async () => {
  await site?.close();
  await sandbox?.close();
  await db?.close();
});
beforeEach(async () => {
  await sandbox.reset({ accounts: [MINI_PROGRAM], verification: "http", verificationOrigin: site.origin });
  const state = await sandbox.state();
  file = state.accounts.find((account) => account.appid === MINI_PROGRAM.appid)?.verificationFile ?? file;
  await db.db.delete(hostedVerificationFiles);
  await db.db.delete(wechatRules);
});

describe("hosting the verification file", () => {
  it("stores what WeChat gives and serves exactly those bytes as plain text, without a redirect", async () => {
    const hosted = await hostVerificationFile(context, accountId, HOSTING);
    const directory = `https://qr.example.com/wxverify/${MINI_PROGRAM.appid}/`;
    expect(hosted).toEqual({
      url: `${directory}${file.file_name}`,
      directoryPrefix: directory,
      fileName: file.file_name,
    });

    const answer = await call(route.GET, MINI_PROGRAM.appid, file.file_name);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(answer.headers.get("location")).toBeNull();
    expect(answer.headers.get("cache-control")).toMatch(/max-age=\d{1,3}\b|no-store/);
    expect(Buffer.from(await answer.arrayBuffer())).toEqual(Buffer.from(file.file_content, "utf8"));

    const head = await call(route.HEAD, MINI_PROGRAM.appid, file.file_name);
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(Buffer.byteLength(file.file_content)));
    expect(await head.text()).toBe("");

    // Over HTTP, as a plain client (not a browser) gets it.
    const overHttp = await fetch(`${site.origin}/wxverify/${MINI_PROGRAM.appid}/${file.file_name}`, {
      redirect: "manual",
    });
    expect(overHttp.status).toBe(200);
    expect(await overHttp.text()).toBe(file.file_content);
  });

  it("answers 404 for a file name of another case, another name, an unknown account, and while off", async () => {
    await hostVerificationFile(context, accountId, HOSTING);
    const other = (name: string) => name.replace(/[a-z]/, (letter) => letter.toUpperCase());
    const wrongCase = /[a-z]/.test(file.file_name) ? other(file.file_name) : file.file_name.toLowerCase();
    expect(wrongCase).not.toBe(file.file_name);
    expect((await call(route.GET, MINI_PROGRAM.appid, wrongCase)).status).toBe(404);
    expect((await call(route.GET, MINI_PROGRAM.appid, `${file.file_name}.bak`)).status).toBe(404);
    expect((await call(route.GET, "wx9999999999999999", file.file_name)).status).toBe(404);
    expect((await call(route.HEAD, "wx9999999999999999", file.file_name)).status).toBe(404);
    expect((await call(routeOff.GET, MINI_PROGRAM.appid, file.file_name)).status).toBe(404);
  });

  it("refuses to host while PUBLIC_URL is unset, and says where hosting stands", async () => {
    expect(await failureOf(hostVerificationFile(context, accountId, null))).toMatchObject({
      code: "CONFLICT",
    });
    expect(await verificationHosting(context, accountId, null)).toMatchObject({
      configured: false,
      directoryPrefix: null,
      url: null,
    });
    const directory = `https://qr.example.com/wxverify/${MINI_PROGRAM.appid}/`;
    expect(await verificationHosting(context, accountId, HOSTING)).toMatchObject({
      configured: true,
      directoryPrefix: directory,
      url: null,
    });
    await hostVerificationFile(context, accountId, HOSTING);
    expect(await verificationHosting(context, accountId, HOSTING)).toMatchObject({
      url: `${directory}${file.file_name}`,
      fileName: file.file_name,
    });
  });

  it("records the host action in the activity log with its WeChat call", async () => {
    await hostVerificationFile(context, accountId, HOSTING);
    const entries = await db.db
      .select()
      .from(activityEntries)
      .where(eq(activityEntries.operation, "verification.host"));
    const entry = entries.at(-1);
    expect(entry).toMatchObject({
      outcome: "success",
      accountId,
      appid: MINI_PROGRAM.appid,
      attempts: 1,
      summary: {
        key: "verificationHosted",
        values: { url: `https://qr.example.com/wxverify/${MINI_PROGRAM.appid}/${file.file_name}` },
      },
    });
    const calls = await db.db
      .select()
      .from(wechatCalls)
      .where(eq(wechatCalls.actionId, entry?.actionId ?? ""));
    expect(calls.map((row) => row.operation)).toEqual(["download"]);
  });
});

describe("WeChat's verification check (85069) against the hosted file", () => {
  it("refuses a rule under the offered directory until the file is hosted, then accepts it", async () => {
    const { directoryPrefix } = await verificationHosting(context, accountId, HOSTING);
    expect(directoryPrefix).not.toBeNull();
    const prefix = directoryPrefix ?? "";

    const refused = await failureOf(saveRule(context, accountId, "add", typeA(prefix)));
    expect(refused).toMatchObject({ code: "WECHAT", wechat: { errcode: 85069 } });

    const hosted = await hostVerificationFile(context, accountId, HOSTING);
    expect(hosted.directoryPrefix).toBe(prefix);
    const { rule } = await saveRule(context, accountId, "add", typeA(prefix));
    expect(rule.prefix).toBe(prefix);
    // A directory below it passes too: each rule of the merchant can have a prefix of its own.
    await saveRule(context, accountId, "add", typeA(`${prefix}spring/`));

    const state = await sandbox.state();
    const rules = state.accounts.find((account) => account.appid === MINI_PROGRAM.appid)?.rules ?? [];
    expect(rules.map((entry) => entry.prefix).sort()).toEqual([prefix, `${prefix}spring/`]);
  });

  it("the preflight agrees: the hosted address passes, an unhosted directory does not", async () => {
    const reachable: HostingLocation = { publicUrl: site.origin, pathPrefix: HOSTING.pathPrefix };
    const prefix = `${site.origin}/wxverify/${MINI_PROGRAM.appid}/`;
    const local = (input: Parameters<typeof preflightVerificationFile>[0]) =>
      preflightVerificationFile({ ...input, allowPrivate: true });

    // The download the preflight makes stores the file, so it is served at once.
    const report = await preflightPrefix(context, accountId, prefix, local);
    expect(report).toMatchObject({ ok: true, status: 200, url: `${prefix}${file.file_name}` });
    expect(report.problems.map((problem) => problem.code)).toEqual(["http_not_https"]);
    expect((await verificationHosting(context, accountId, reachable)).url).toBe(`${prefix}${file.file_name}`);

    const elsewhere = await preflightPrefix(context, accountId, `${site.origin}/other/`, local);
    expect(elsewhere).toMatchObject({ ok: false, status: 404 });
  });
});
