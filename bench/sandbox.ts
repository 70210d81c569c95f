/**
 * How many requests a second the WeChat API sandbox answers on loopback, so it
 * is never the bottleneck of a product benchmark. Floor: 2,000 req/s.
 *
 *   npm run bench:sandbox [-- --seconds 5 --clients 8]
 */
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { createServer } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";

const FLOOR = 2_000;
const { values } = parseArgs({
  options: { seconds: { type: "string", default: "5" }, clients: { type: "string", default: "8" } },
});
const seconds = Math.min(30, Number(values.seconds));
const clients = Math.min(64, Number(values.clients));

// The sandbox runs as its own process, as in demo mode, so this client does not compete with it for a core.
const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const address = probe.address();
    probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
  });
});
const root = path.resolve(import.meta.dirname, "..");
const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "sandbox", "main.ts")], {
  cwd: root,
  env: { ...process.env, SANDBOX_PORT: String(port), SANDBOX_FIXTURE: "empty" },
  stdio: ["ignore", "pipe", "inherit"],
});
await new Promise<void>((resolve, reject) => {
  child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("sandbox on") && resolve());
  child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
});
const sandbox = { url: `http://127.0.0.1:${port}` };

const appids = Array.from({ length: clients }, (_, i) => `wx${String(i).padStart(16, "0")}`);

const agent = new Agent({ keepAlive: true, maxSockets: clients });

function post(path: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${sandbox.url}${path}`, { method: "POST", agent }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

// One account per client: WeChat's own limit of 5 calls a second per account would otherwise answer
// almost everything with 44990, which is fast but not what is measured here.
await post(
  "/__sandbox/reset",
  JSON.stringify({ accounts: appids.map((appid) => ({ appid, secret: "s".repeat(32), kind: "miniprogram" })) }),
);

const tokens = await Promise.all(
  appids.map(async (appid) => {
    const { text } = await post("/cgi-bin/stable_token", JSON.stringify({ grant_type: "client_credential", appid, secret: "s".repeat(32) }));
    return (JSON.parse(text) as { access_token: string }).access_token;
  }),
);

let completed = 0;
let wechatErrors = 0;
const deadline = Date.now() + seconds * 1000;
const started = Date.now();

// Each client alternates the rule listing (throttled per account) with a token fetch (not throttled),
// so the measured path includes JSON parsing, token checks, rate limiting and error answers with rids.
await Promise.all(
  tokens.map(async (token, client) => {
    let n = 0;
    while (Date.now() < deadline) {
      const { text } =
        n++ % 2 === 0
          ? await post(`/cgi-bin/wxopen/qrcodejumpget?access_token=${token}`, "{}")
          : await post("/cgi-bin/stable_token", JSON.stringify({ grant_type: "client_credential", appid: appids[client], secret: "s".repeat(32) }));
      const errcode = (JSON.parse(text) as { errcode?: number }).errcode ?? 0;
      if (errcode !== 0 && errcode !== 44990) wechatErrors += 1;
      completed += 1;
    }
  }),
);

const elapsed = (Date.now() - started) / 1000;
const rate = Math.round(completed / elapsed);
agent.destroy();
child.kill("SIGTERM");

console.info(`sandbox: ${completed} requests in ${elapsed.toFixed(1)} s with ${clients} clients → ${rate} req/s (floor ${FLOOR})`);
if (wechatErrors > 0) console.error(`unexpected WeChat errors: ${wechatErrors}`);
process.exit(rate >= FLOOR && wechatErrors === 0 ? 0 : 1);
