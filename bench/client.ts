/**
 * The WeChat client under WeChat's limit of 5 qrcodejump calls a second: 100
 * adds to one account, fired at once through the client, must finish within
 * 5% of the 20 s that the limit imposes, with no 44990 reaching the caller.
 * Beside it, the same 100 adds sent as a naive loop (no limiter, no retries)
 * show what the limit does to a plain script. Then 300 type-B adds to one
 * Service Account, whose rules also allow 200 calls a minute: the floor both
 * limits impose together (about 80 s) is computed and printed, and the client
 * must finish within 3% of it with no 44990 reaching the caller. Prints all;
 * exits non-zero when the client misses a mark.
 *
 *   npm run bench:client [-- --adds 100] [-- --type-b-adds 300]
 *
 * Real pieces: the WeChat API sandbox over HTTP, the embedded database on disk
 * (the rate ledger and token cache), the product's client.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { callFloorMs } from "@/lib/wechat/call-floor";
import { openDatabase } from "@/server/db/client";
import { createSecretBox } from "@/server/secret-box";
import { WeChatClient } from "@/server/wechat/client";
import { WeChatCallError } from "@/server/wechat/errors";
import { startSandbox } from "@/sandbox/server";

const { values } = parseArgs({
  options: { adds: { type: "string", default: "100" }, "type-b-adds": { type: "string", default: "300" } },
});
const adds = Math.min(1000, Math.max(10, Number(values.adds) || 100));
const typeBAdds = Math.min(2000, Math.max(0, Number(values["type-b-adds"]) || 0));

/** 5 calls a second: 20 s for 100. */
const floorMs = callFloorMs(adds, 5);
const markMs = floorMs * 1.05;

const MP = {
  appid: "wx1111111111111111",
  secret: "11111111111111111111111111111111",
  kind: "miniprogram" as const,
};
const SERVICE_ACCOUNT = {
  appid: "wx3333333333333333",
  secret: "33333333333333333333333333333333",
  kind: "officialaccount" as const,
};
const NAIVE = {
  appid: "wx2222222222222222",
  secret: "22222222222222222222222222222222",
  kind: "miniprogram" as const,
};

const sandbox = await startSandbox({ port: 0, fixture: "empty", quiet: true });
const dataDir = await mkdtemp(path.join(tmpdir(), "qrjump-bench-client-"));
const handle = await openDatabase({ kind: "embedded", dataDir });

const rule = (n: number) => ({
  prefix: `https://bench.example.com/r${n}/`,
  permitSubRule: 1 as const,
  path: "pages/index/index",
  openVersion: 3 as const,
  debugUrls: [],
});

async function sandboxCalls(appid: string, endpoint: string) {
  const state = (await (await fetch(`${sandbox.url}/__sandbox/state`)).json()) as {
    accounts: Array<{ appid: string; ruleCount: number }>;
    calls: Array<{ appid: string | null; endpoint: string; errcode: number | null }>;
  };
  return {
    rules: state.accounts.find((account) => account.appid === appid)?.ruleCount ?? 0,
    throttled: state.calls.filter(
      (call) => call.appid === appid && call.endpoint === endpoint && call.errcode === 44990,
    ).length,
  };
}

try {
  await handle.migrate();
  const reset = await fetch(`${sandbox.url}/__sandbox/reset`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      // Called with their own tokens, as the product's direct accounts are.
      accounts: [
        { ...MP, ruleLimit: adds + 10, ownToken: "accepted" },
        { ...NAIVE, ruleLimit: adds + 10, ownToken: "accepted" },
        { ...SERVICE_ACCOUNT, linkedMiniPrograms: [MP.appid] },
      ],
    }),
  });
  if (!reset.ok) throw new Error(`could not seed the sandbox: ${await reset.text()}`);

  const client = new WeChatClient({
    db: handle.db,
    box: createSecretBox(Buffer.alloc(32, 9)),
    baseUrl: sandbox.url,
    timeoutMs: 10_000,
  });
  const account = client.forAccount({ ...MP, tokenMode: "stable" });
  await client.tokens.get({ ...MP, tokenMode: "stable" }); // the token is not what is measured

  const started = performance.now();
  const outcomes = await Promise.allSettled(
    Array.from({ length: adds }, (_, n) => account.saveTypeA(rule(n), { edit: false })),
  );
  const clientMs = performance.now() - started;
  const failed = outcomes.filter((outcome) => outcome.status === "rejected");
  const surfaced44990 = failed.filter(
    (outcome) => outcome.reason instanceof WeChatCallError && outcome.reason.errcode === 44990,
  ).length;
  const clientSide = await sandboxCalls(MP.appid, "qrcodejumpadd");

  // The naive loop: what a script that ignores the limit gets.
  const token = (
    (await (
      await fetch(`${sandbox.url}/cgi-bin/stable_token`, {
        method: "POST",
        body: JSON.stringify({ grant_type: "client_credential", appid: NAIVE.appid, secret: NAIVE.secret }),
      })
    ).json()) as { access_token: string }
  ).access_token;
  const naiveStarted = performance.now();
  const naive = await Promise.all(
    Array.from({ length: adds }, async (_, n) => {
      const response = await fetch(`${sandbox.url}/cgi-bin/wxopen/qrcodejumpadd?access_token=${token}`, {
        method: "POST",
        body: JSON.stringify({
          prefix: rule(n).prefix.replace("bench.", "naive."),
          permit_sub_rule: 1,
          path: "pages/index/index",
          open_version: 3,
          debug_url: [],
          is_edit: 0,
        }),
      });
      return ((await response.json()) as { errcode: number }).errcode;
    }),
  );
  const naiveMs = performance.now() - naiveStarted;
  const naiveSide = await sandboxCalls(NAIVE.appid, "qrcodejumpadd");

  console.info(
    `${adds} adds to one account; WeChat's limit of 5 a second makes ${(floorMs / 1000).toFixed(1)} s the floor`,
  );
  console.info(
    `through the client:  ${(clientMs / 1000).toFixed(2)} s (${((clientMs / floorMs) * 100).toFixed(1)}% of the floor), ` +
      `${adds - failed.length} succeeded, ${failed.length} failed, ${surfaced44990} × 44990 reached the caller ` +
      `(${clientSide.throttled} answered by WeChat and retried), ${clientSide.rules} rules created`,
  );
  console.info(
    `naive loop:          ${(naiveMs / 1000).toFixed(2)} s, ${naive.filter((code) => code === 0).length} succeeded, ` +
      `${naive.filter((code) => code === 44990).length} refused with 44990, ${naiveSide.rules} rules created; answers: ${JSON.stringify(Object.fromEntries([...new Set(naive)].map((code) => [code, naive.filter((c) => c === code).length])))}`,
  );
  // Type B: 5 a second and 200 a minute together.
  let typeB: { ms: number; floorMs: number; failed: number; surfaced: number; answered44990: number } | null =
    null;
  if (typeBAdds > 0) {
    const serviceAccount = client.forAccount({ ...SERVICE_ACCOUNT, tokenMode: "stable" });
    await client.tokens.get({ ...SERVICE_ACCOUNT, tokenMode: "stable" });
    const typeBStarted = performance.now();
    const typeBOutcomes = await Promise.allSettled(
      Array.from({ length: typeBAdds }, (_, n) =>
        serviceAccount.saveTypeB(
          {
            prefix: `http://weixin.qq.com/q/bench${String(n).padStart(5, "0")}`,
            appid: MP.appid,
            path: "pages/index/index",
          },
          { edit: false },
        ),
      ),
    );
    const ms = performance.now() - typeBStarted;
    const rejected = typeBOutcomes.filter((outcome) => outcome.status === "rejected");
    typeB = {
      ms,
      floorMs: callFloorMs(typeBAdds, 5, 200),
      failed: rejected.length,
      surfaced: rejected.filter(
        (outcome) => outcome.reason instanceof WeChatCallError && outcome.reason.errcode === 44990,
      ).length,
      answered44990: (await sandboxCalls(SERVICE_ACCOUNT.appid, "qrcodejumpadd")).throttled,
    };
    console.info(
      `${typeBAdds} type-B adds to one Service Account; 5 a second and 200 a minute make ${(typeB.floorMs / 1000).toFixed(1)} s the floor`,
    );
    console.info(
      `through the client:  ${(ms / 1000).toFixed(2)} s (${((ms / typeB.floorMs) * 100).toFixed(1)}% of the floor), ` +
        `${typeBAdds - typeB.failed} succeeded, ${typeB.failed} failed, ${typeB.surfaced} × 44990 reached the caller ` +
        `(${typeB.answered44990} answered by WeChat and retried); type A above: ${(clientMs / 1000).toFixed(2)} s for ${adds}`,
    );
  }

  const problems = [
    typeB && typeB.ms > typeB.floorMs * 1.03
      ? `the type-B adds took ${(typeB.ms / 1000).toFixed(2)} s, more than 3% over their floor (${((typeB.floorMs * 1.03) / 1000).toFixed(2)} s)`
      : null,
    typeB && typeB.failed > 0 ? `${typeB.failed} type-B adds failed` : null,
    clientMs > markMs
      ? `the client took ${(clientMs / 1000).toFixed(2)} s, more than 5% over the floor (${(markMs / 1000).toFixed(2)} s)`
      : null,
    failed.length > 0 ? `${failed.length} adds failed` : null,
    clientSide.rules !== adds ? `${clientSide.rules} rules instead of ${adds}` : null,
  ].filter(Boolean);
  if (problems.length > 0) {
    console.error(`FAIL: ${problems.join("; ")}`);
    process.exitCode = 1;
  } else {
    console.info("OK: within the marks of the floors, every add succeeded once, no 44990 reached the caller");
  }
} finally {
  await handle.close();
  await sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
}
