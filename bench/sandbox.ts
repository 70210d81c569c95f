/**
 * How many requests a second the WeChat API sandbox answers on loopback, so it
 * is never the bottleneck of a product test or demo. Floor: 2,000 req/s; exits
 * non-zero below it, or on any unexpected answer.
 *
 *   npm run bench:sandbox [-- --seconds 5 --clients 8 --max-requests 100000]
 *
 * The sandbox runs as its own process, as in demo mode, so this client does not
 * compete with it inside one event loop. The traffic is a mix a busy product
 * sends: rule lists of both kinds, token requests, and adds that fail (85068),
 * which exercise the error path with its rid. It is spread over many accounts
 * so WeChat's own limit of 5 calls a second per account is not what gets
 * measured.
 */
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";

const FLOOR = 2_000;
const MINI_PROGRAMS = 1000;
const SERVICE_ACCOUNTS = 500;
const TYPE_B_RULES = 40;

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    clients: { type: "string", default: "8" },
    "max-requests": { type: "string", default: "100000" },
  },
});
const seconds = Math.min(30, Math.max(1, Number(values.seconds) || 5));
const clients = Math.min(64, Math.max(1, Number(values.clients) || 8));
const maxRequests = Math.min(1_000_000, Math.max(1000, Number(values["max-requests"]) || 100_000));

const root = path.resolve(import.meta.dirname, "..");
const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "sandbox", "main.ts")], {
  cwd: root,
  env: {
    ...process.env,
    SANDBOX_HOST: "127.0.0.1",
    SANDBOX_PORT: "0",
    SANDBOX_FIXTURE: "empty",
    SANDBOX_VERBOSE: "false",
  },
  stdio: ["ignore", "pipe", "inherit"],
});
const stopChild = () => {
  if (child.exitCode === null) child.kill("SIGTERM");
};
process.on("exit", stopChild);

const baseUrl = await new Promise<string>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("the sandbox did not start within 30 s")), 30_000);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
    if (match?.[1]) {
      clearTimeout(timer);
      resolve(match[1]);
    }
  });
  child.once("exit", (code) => reject(new Error(`the sandbox exited with ${code}`)));
});

const agent = new Agent({ keepAlive: true, maxSockets: clients });

function post(pathAndQuery: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}${pathAndQuery}`,
      { method: "POST", agent, headers: { "content-type": "application/json" } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve(text));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
const SECRET = "0123456789abcdef0123456789abcdef";
const miniPrograms = Array.from({ length: MINI_PROGRAMS }, (_, i) => `wx${hex(0xa000_0000 + i, 16)}`);
const serviceAccounts = Array.from({ length: SERVICE_ACCOUNTS }, (_, i) => `wx${hex(0xb000_0000 + i, 16)}`);

const seed = {
  accounts: [
    ...miniPrograms.map((appid) => ({
      appid,
      secret: SECRET,
      kind: "miniprogram",
      // Called with its own token, as the product's direct accounts are.
      ownToken: "accepted",
      rules: Array.from({ length: 8 }, (_, r) => ({
        prefix: `https://shop${r}.example.com/p/`,
        state: (r % 2) + 1,
      })),
    })),
    ...serviceAccounts.map((appid, i) => ({
      appid,
      secret: SECRET,
      kind: "officialaccount",
      linkedMiniPrograms: [miniPrograms[i] ?? ""],
      rules: Array.from({ length: TYPE_B_RULES }, (_, r) => ({
        prefix: `http://weixin.qq.com/q/bench${i}x${r}`,
        appid: miniPrograms[i] ?? "",
        path: "pages/index/index",
      })),
    })),
  ],
};

async function tokenOf(appid: string): Promise<string> {
  const text = await post(
    "/cgi-bin/stable_token",
    JSON.stringify({ grant_type: "client_credential", appid, secret: SECRET }),
  );
  const token = (JSON.parse(text) as { access_token?: string }).access_token;
  if (!token) throw new Error(`no token for ${appid}: ${text}`);
  return token;
}

let exitCode = 1;
try {
  await post("/__sandbox/reset", JSON.stringify(seed));
  const miniTokens: string[] = [];
  for (const appid of miniPrograms) miniTokens.push(await tokenOf(appid));
  const serviceTokens: string[] = [];
  for (const appid of serviceAccounts) serviceTokens.push(await tokenOf(appid));

  const failingAdd = JSON.stringify({
    prefix: "https://bench.example.com/a/",
    permit_sub_rule: 1,
    path: "pages/index/index",
    open_version: 1,
    debug_url: ["https://bench.example.com/b/1"],
    is_edit: 0,
  });

  // Each request picks the next account in turn, so every account sees only a few calls a second.
  let sequence = 0;
  function nextCall(): { path: string; body: string; expected: number } {
    const n = sequence++;
    const kind = n % 5;
    if (kind === 0 || kind === 1) {
      const token = miniTokens[Math.floor(n / 5) % MINI_PROGRAMS] ?? "";
      return { path: `/cgi-bin/wxopen/qrcodejumpget?access_token=${token}`, body: "{}", expected: 0 };
    }
    if (kind === 2) {
      const i = Math.floor(n / 5) % SERVICE_ACCOUNTS;
      const body = JSON.stringify({
        appid: miniPrograms[i],
        get_type: 2,
        // Both pages of its 40 rules: a page past the last one is an error (sandbox/README.md).
        page_num: (n % 2) + 1,
        page_size: 20,
      });
      return {
        path: `/cgi-bin/wxopen/qrcodejumpget?access_token=${serviceTokens[i] ?? ""}`,
        body,
        expected: 0,
      };
    }
    if (kind === 3) {
      const appid = miniPrograms[(Math.floor(n / 5) + 500) % MINI_PROGRAMS] ?? "";
      return {
        path: "/cgi-bin/stable_token",
        body: JSON.stringify({ grant_type: "client_credential", appid, secret: SECRET }),
        expected: 0,
      };
    }
    const token = miniTokens[(Math.floor(n / 5) + 250) % MINI_PROGRAMS] ?? "";
    return { path: `/cgi-bin/wxopen/qrcodejumpadd?access_token=${token}`, body: failingAdd, expected: 85068 };
  }

  let completed = 0;
  let throttled = 0;
  const unexpected = new Map<string, number>();
  const started = performance.now();
  const deadline = started + seconds * 1000;

  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline && sequence < maxRequests) {
        const call = nextCall();
        const text = await post(call.path, call.body);
        const errcode = (JSON.parse(text) as { errcode?: number }).errcode ?? 0;
        if (errcode === 44990) throttled += 1;
        else if (errcode !== call.expected)
          unexpected.set(String(errcode), (unexpected.get(String(errcode)) ?? 0) + 1);
        completed += 1;
      }
    }),
  );

  const elapsed = (performance.now() - started) / 1000;
  const rate = Math.round(completed / elapsed);
  console.info(
    `sandbox: ${completed} requests in ${elapsed.toFixed(2)} s with ${clients} concurrent clients on loopback → ${rate} req/s (floor ${FLOOR})`,
  );
  if (throttled > 0)
    console.info(
      `  ${throttled} answered 44990 (an account's limits: 5 calls a second, and a Service Account's 200 a minute)`,
    );
  if (unexpected.size > 0)
    console.error(`  unexpected errcodes: ${JSON.stringify(Object.fromEntries(unexpected))}`);
  exitCode = rate >= FLOOR && unexpected.size === 0 ? 0 : 1;
} catch (error) {
  console.error("benchmark failed:", error instanceof Error ? error.message : error);
} finally {
  agent.destroy();
  stopChild();
}
process.exit(exitCode);
