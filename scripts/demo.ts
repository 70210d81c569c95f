/**
 * Demo mode: the WeChat API sandbox and the dashboard side by side, with an
 * embedded database and a seeded admin, so a fresh clone runs with no set-up.
 *
 *   npm run demo                 build, then start on http://localhost:3000 (loopback only)
 *   HOST=0.0.0.0 npm run demo    listen on every interface (others can reach the seeded admin)
 *   npm run demo -- --skip-build start the existing build
 *   npm run demo -- --fresh      start from an empty data directory
 *
 * Every variable of the README's configuration table may be set to override a default.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { isIP } from "node:net";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

import { DEMO_PLATFORM } from "../sandbox/fixtures/demo";
import { startSandbox } from "../sandbox/server";

export const DEMO_ADMIN = { email: "admin@demo.local", password: "admin-demo-2026" };

const args = new Set(process.argv.slice(2));
const root = path.resolve(import.meta.dirname, "..");
const port = process.env.PORT ?? "3000";
// The demo's admin password is published: by default nothing but this machine may reach it.
const host = process.env.HOST || "127.0.0.1";
const loopback = host === "localhost" || host === "::1" || (isIP(host) === 4 && host.startsWith("127."));
const dataDir = path.resolve(root, process.env.DATA_DIR ?? ".data");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

async function demoSecret(file: string, describe: string): Promise<string> {
  const location = path.join(dataDir, file);
  if (existsSync(location)) return (await readFile(location, "utf8")).trim();
  const secret = randomBytes(32).toString("base64");
  await writeFile(location, `${secret}\n`, { mode: 0o600 });
  console.warn(`[demo] generated ${describe} into ${location}; set it explicitly in production.`);
  return secret;
}

async function main(): Promise<void> {
  if (args.has("--fresh")) await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });

  if (!args.has("--skip-build") || !existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.info("[demo] building the dashboard (next build)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const sandbox = await startSandbox({
    port: Number(process.env.SANDBOX_PORT ?? 3100),
    host: "127.0.0.1",
    fixture: "demo",
  });
  console.info(`[demo] WeChat API sandbox on ${sandbox.url}`);

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: port,
    DATA_DIR: dataDir,
    DEMO_MODE: "true",
    // Everything demo mode runs, the sandbox included, is on 127.0.0.1: the preflight must reach it.
    PREFLIGHT_ALLOW_PRIVATE: process.env.PREFLIGHT_ALLOW_PRIVATE ?? "true",
    WECHAT_API_BASE: process.env.WECHAT_API_BASE ?? sandbox.url,
    WECHAT_AUTH_PAGE_BASE: process.env.WECHAT_AUTH_PAGE_BASE ?? sandbox.url,
    AUTH_SECRET: process.env.AUTH_SECRET ?? (await demoSecret("auth-secret", "AUTH_SECRET")),
    SECRETS_KEY:
      process.env.SECRETS_KEY ??
      (await demoSecret("secrets-key", "SECRETS_KEY (encrypts AppSecrets and tokens)")),
    ADMIN_EMAIL: process.env.ADMIN_EMAIL ?? DEMO_ADMIN.email,
    ADMIN_PASSWORD: process.env.ADMIN_PASSWORD ?? DEMO_ADMIN.password,
    AUTH_URL: process.env.AUTH_URL || `http://localhost:${port}`,
    // The demo hosts its Mini Programs' verification files itself, at its own address.
    PUBLIC_URL: process.env.PUBLIC_URL || process.env.AUTH_URL || `http://localhost:${port}`,
  };

  const next = spawn(process.execPath, [nextBin, "start", "-H", host, "-p", port], {
    cwd: root,
    env: childEnv,
    stdio: "inherit",
  });
  const address = isIP(host) === 6 ? `[${host}]` : host;
  console.info(
    `[demo] listening on ${address}:${port}; dashboard at ${childEnv.AUTH_URL} — sign in as ${childEnv.ADMIN_EMAIL}`,
  );
  if (!loopback) {
    console.warn(
      `[demo] WARNING: ${address} is not a loopback address: anyone who can reach this machine can sign in with the published demo password. ` +
        "Set AUTH_URL to the address they use.",
    );
  }

  void connectDemoPlatform(
    sandbox.url,
    `http://${isIP(host) === 6 ? `[${loopbackOf(host)}]` : loopbackOf(host)}:${port}`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    next.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  next.on("exit", (code) => {
    void sandbox.close().finally(() => process.exit(code ?? 0));
  });
}

/** Where this machine reaches the dashboard: its own address, or loopback when it listens on every address. */
function loopbackOf(listening: string): string {
  if (listening === "0.0.0.0") return "127.0.0.1";
  if (listening === "::") return "::1";
  return listening;
}

/**
 * Once the dashboard answers, points the demo platform's authorization-event URL at it and turns on the
 * sandbox's ticket pushes (one at once, then every 10 minutes), as WeChat does for a platform configured in
 * its console: the dashboard then holds a ticket and the platform's merchants work.
 */
async function connectDemoPlatform(sandboxUrl: string, dashboardUrl: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${dashboardUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  try {
    const response = await fetch(`${sandboxUrl}/__sandbox/platforms/${DEMO_PLATFORM.component_appid}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ eventUrl: `${dashboardUrl}/api/wechat/platform/events`, autoTicket: true }),
    });
    if (!response.ok) throw new Error(`the sandbox answered ${response.status}`);
    console.info("[demo] the demo third-party platform pushes its tickets to the dashboard");
  } catch (error) {
    console.warn(
      "[demo] could not connect the demo third-party platform:",
      error instanceof Error ? error.message : error,
    );
  }
}

main().catch((error: unknown) => {
  console.error("[demo] failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
