import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests in Debian's Chromium against the built product in demo
 * mode (sandbox + embedded database, or PostgreSQL when DATABASE_URL is set),
 * on ports of their own so a running demo is left alone.
 */
const PORT = Number(process.env.E2E_PORT ?? 3210);
const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 3211);
export const baseURL = `http://localhost:${PORT}`;
export const sandboxURL = `http://127.0.0.1:${SANDBOX_PORT}`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  // One worker: specs inject faults into the one WeChat API sandbox, and a fault must meet the call it is meant for.
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  outputDir: "test-results",
  use: {
    baseURL,
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Without these, Chromium keeps trying to reach Google's hosts from a machine with no network.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    {
      name: "chromium",
      // The specs, and the JavaScript budget of every page (js-budget.bench.ts, also `npm run bench:js` alone).
      testMatch: [/.*\.spec\.ts/, /js-budget\.bench\.ts/],
      use: { ...devices["Desktop Chrome"], channel: undefined },
      dependencies: ["setup"],
    },
  ],
  webServer: {
    command: "npx tsx scripts/demo.ts --skip-build --fresh",
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      SANDBOX_PORT: String(SANDBOX_PORT),
      DATA_DIR: process.env.E2E_DATA_DIR ?? ".data-e2e",
      AUTH_SECRET: "e2e-only-auth-secret-0123456789abcdef0123456789",
      SECRETS_KEY: "e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0",
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    },
  },
});
