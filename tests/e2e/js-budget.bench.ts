import { gzipSync } from "node:zlib";

import { type Browser, type Page, expect, test } from "@playwright/test";

import { DEMO_SERVICE_ACCOUNT, DEMO_SHOP } from "./sandbox";
import { DEMO, hydrated, storageState } from "./support";

/**
 * The JavaScript each page makes a first-time visitor download before it is
 * usable: every script requested until the page has loaded and React has
 * hydrated it, gzip'd. Charts, QR codes, dialogs and forms are meant to arrive
 * when first needed (a chart beside the figures it draws, the rest on first
 * use), so they stay out of this figure; what a page fetches after hydration,
 * until the network is quiet, is printed beside it. A page over the budget
 * fails the end-to-end suite (`npx playwright test`, so `npm test`), and the
 * benchmark that runs this test alone (`npm run bench:js`).
 */
const BUDGET_KB = 200;

interface Script {
  url: string;
  kB: number;
  afterHydration: boolean;
}

interface Measured {
  kB: number;
  laterKB: number;
  scripts: Script[];
}

/** Gzip'd here rather than read from the response, so the figure does not depend on the server's compression or on caching. */
function gzipKB(body: Buffer): number {
  return gzipSync(body).length / 1024;
}

async function measure(
  browser: Browser,
  path: string,
  ready: (page: Page) => Promise<void>,
  who: "admin" | null = "admin",
): Promise<Measured> {
  const context = await browser.newContext({
    storageState: who ? storageState(who) : { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  // The moment React marked the page hydrated, on the page's own clock, to compare with each script's start.
  await page.addInitScript(() => {
    // Observes the document rather than <html>, which may not exist yet when this runs.
    new MutationObserver(() => {
      const root = document.documentElement;
      if (root.dataset.hydrated && root.dataset.hydratedAt === undefined)
        root.dataset.hydratedAt = String(performance.now());
    }).observe(document, { attributes: true, attributeFilter: ["data-hydrated"], subtree: true });
  });
  const bodies = new Map<string, Promise<number>>();
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script" || bodies.has(response.url())) return;
    bodies.set(
      response.url(),
      response.body().then(gzipKB, () => 0),
    );
  });
  await page.goto(path, { waitUntil: "load" });
  await hydrated(page);
  await ready(page);
  await page.waitForLoadState("networkidle");
  const { hydratedAt, starts } = await page.evaluate(() => ({
    hydratedAt: Number(document.documentElement.dataset.hydratedAt ?? Infinity),
    starts: performance
      .getEntriesByType("resource")
      .map((entry) => [entry.name, entry.startTime] as [string, number]),
  }));
  const startOf = new Map(starts);
  const scripts = await Promise.all(
    [...bodies].map(async ([url, size]) => ({
      url: new URL(url).pathname,
      kB: await size,
      afterHydration: (startOf.get(url) ?? Infinity) > hydratedAt,
    })),
  );
  await context.close();
  scripts.sort((a, b) => b.kB - a.kB);
  const sum = (list: Script[]) => list.reduce((total, script) => total + script.kB, 0);
  return {
    kB: sum(scripts.filter((script) => !script.afterHydration)),
    laterKB: sum(scripts.filter((script) => script.afterHydration)),
    scripts,
  };
}

function report(name: string, measured: Measured): void {
  const first = measured.scripts.filter((script) => !script.afterHydration).length;
  console.info(
    `[js-budget] ${name}: ${measured.kB.toFixed(1)} kB gzip in ${first} scripts (budget ${BUDGET_KB} kB)` +
      (measured.laterKB > 0 ? `; then ${measured.laterKB.toFixed(1)} kB on demand` : ""),
  );
  if (process.env.JS_BUDGET_VERBOSE) {
    for (const script of measured.scripts) {
      console.info(
        `  ${script.kB.toFixed(1).padStart(7)} kB  ${script.url}${script.afterHydration ? "  (after hydration)" : ""}`,
      );
    }
  }
}

/** The id of a demo account, read from the account picker's options. */
async function accountPath(browser: Browser, name: string): Promise<string> {
  const context = await browser.newContext({ storageState: storageState("admin") });
  const page = await context.newPage();
  await page.goto("/rules");
  await hydrated(page);
  await page.getByRole("combobox", { name: "WeChat account" }).click();
  await page.getByRole("option", { name: new RegExp(name) }).click();
  await expect(page).toHaveURL(/\/rules\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const path = new URL(page.url()).pathname;
  await context.close();
  return path;
}

/** Other specs add rules to the demo accounts: a page is ready once it shows rows, a full page when asked. */
const rulesShown = (count?: number) => async (page: Page) => {
  const prefixes = page.locator("[data-testid=rule-prefix]");
  if (count === undefined) await expect(prefixes.first()).toBeVisible({ timeout: 30_000 });
  else await expect(prefixes).toHaveCount(count, { timeout: 30_000 });
};

test("every page loads at most 200 kB of gzip'd JavaScript", async ({ browser }) => {
  test.setTimeout(180_000);
  const shop = await accountPath(browser, DEMO_SHOP.name);
  const serviceAccount = await accountPath(browser, DEMO_SERVICE_ACCOUNT.name);

  const pages: { name: string; path: string; ready: (page: Page) => Promise<void>; who?: null }[] = [
    { name: "sign-in", path: "/login", ready: async () => {}, who: null },
    { name: "rules (Mini Program)", path: shop, ready: rulesShown() },
    { name: "rules (Service Account, 50 rows)", path: serviceAccount, ready: rulesShown(50) },
    {
      name: "bulk changes (Mini Program)",
      path: `${shop}/changes`,
      ready: async (page) => {
        await expect(
          page.getByRole("heading", { level: 1, name: `Bulk changes: ${DEMO_SHOP.name}` }),
        ).toBeVisible();
      },
    },
    {
      name: "activity overview",
      path: "/activity",
      ready: async (page) => {
        await expect(page.getByRole("tab", { name: "Overview", selected: true })).toBeVisible();
      },
    },
    {
      name: "activity log",
      path: "/activity?view=log",
      ready: async (page) => {
        await expect(page.getByRole("tab", { name: "Log", selected: true })).toBeVisible();
        await expect(page.getByRole("row").nth(1)).toBeVisible();
      },
    },
    {
      name: "accounts",
      path: "/accounts",
      ready: async (page) => {
        await expect(page.getByRole("row", { name: new RegExp(DEMO_SHOP.name) })).toBeVisible();
      },
    },
    {
      name: "operators",
      path: "/operators",
      ready: async (page) => {
        await expect(page.getByRole("row").filter({ hasText: DEMO.admin.email })).toBeVisible();
      },
    },
    {
      name: "scan check",
      path: "/simulate",
      ready: async (page) => {
        await expect(page.getByRole("heading", { level: 1, name: "Scan check" })).toBeVisible();
      },
    },
    {
      name: "settings",
      path: "/settings",
      ready: async (page) => {
        await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
      },
    },
  ];

  const over: string[] = [];
  for (const { name, path, ready, who } of pages) {
    const measured = await measure(browser, path, ready, who === null ? null : "admin");
    report(name, measured);
    if (measured.kB > BUDGET_KB) over.push(`${name}: ${measured.kB.toFixed(1)} kB`);
  }
  expect(over, `pages over the ${BUDGET_KB} kB budget`).toEqual([]);
});
