import { type Page, expect, test } from "@playwright/test";

import { DEMO_SERVICE_ACCOUNT } from "./sandbox";
import { expectSearchParam, hydrated, openAccount, storageState } from "./support";

/**
 * The server-paged tables (an account's rules, the activity log) keep their query in the URL: paging,
 * order, page size and filters can be shared and reloaded; any change but paging starts again from the
 * first page; a page past the end moves to the last one. The demo Service Account has 300 rules.
 */
test.use({ storageState: storageState("admin") });

const pager = (page: Page, name: string) => page.getByRole("navigation", { name });
const firstPrefix = (page: Page) => page.getByTestId("rule-prefix").first();
/** Waits until the table shows the answer to its current query (while the next page loads, it is busy). */
const settled = (page: Page) => expect(page.locator("[aria-busy=true]")).toHaveCount(0);

test("the rules table: paging, order, page size and filters live in the URL", async ({ page }) => {
  const path = await openAccount(page, DEMO_SERVICE_ACCOUNT.name);
  await expect(page).toHaveURL(/\/rules\/[0-9a-f-]{36}$/);
  const pages = pager(page, "Rule pages");
  await expect(pages).toContainText(/Page 1 of \d+/);

  await pages.getByRole("button", { name: "Next page" }).click();
  await expectSearchParam(page, "page", "2");
  await expect(pages).toContainText(/Page 2 of/);

  // Ordering starts again from the first page.
  const prefixHeader = page.getByRole("columnheader", { name: "Prefix" });
  await prefixHeader.getByRole("button").click();
  await expectSearchParam(page, "sort", "prefix");
  await expectSearchParam(page, "dir", "asc");
  await expectSearchParam(page, "page", null);
  await expect(prefixHeader).toHaveAttribute("aria-sort", "ascending");
  await prefixHeader.getByRole("button").click();
  await expectSearchParam(page, "dir", "desc");
  await expect(prefixHeader).toHaveAttribute("aria-sort", "descending");
  await settled(page);
  const lastFirst = await firstPrefix(page).textContent();

  // Reloaded, the same page in the same order.
  await pages.getByRole("button", { name: "Next page" }).click();
  await expectSearchParam(page, "page", "2");
  await page.reload();
  await hydrated(page);
  await expect(pages).toContainText(/Page 2 of/);
  await expect(prefixHeader).toHaveAttribute("aria-sort", "descending");

  // A filter starts again from the first page and keeps the order.
  await page.getByTestId("rules-state-filter").click();
  await page.getByRole("option", { name: "Unpublished" }).click();
  await expectSearchParam(page, "state", "1");
  await expectSearchParam(page, "page", null);
  await expectSearchParam(page, "sort", "prefix");

  // A page size of 20: more pages.
  await pages.getByLabel("Rules per page").click();
  await page.getByRole("option", { name: "20", exact: true }).click();
  await expectSearchParam(page, "pageSize", "20");
  await expect(page.getByTestId("rule-prefix")).toHaveCount(20);

  // "Clear filters" clears the filters, not the order or the page size.
  await page.getByTestId("rules-clear-filters").click();
  await expectSearchParam(page, "state", null);
  await expectSearchParam(page, "pageSize", "20");
  await expect(prefixHeader).toHaveAttribute("aria-sort", "descending");
  await expect(firstPrefix(page)).toHaveText(lastFirst ?? "");

  // A shared link past the last page shows the last page.
  await page.goto(`${path}?page=999`);
  await hydrated(page);
  const position = pages.getByText(/^Page \d+ of \d+$/);
  await expect(position).toHaveText(/^Page (\d+) of \1$/);
  const count = /of (\d+)/.exec((await position.textContent()) ?? "")?.[1];
  await expectSearchParam(page, "page", count === "1" ? null : (count ?? null));
});

test("rows out of view are as tall as those in view, so the page does not grow as it is scrolled", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openAccount(page, DEMO_SERVICE_ACCOUNT.name, { withRows: true });
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(rows).toHaveCount(50);
  // A row first drawn as it is scrolled to must keep the height it was given before.
  const heights = () => rows.evaluateAll((all) => all.map((row) => row.getBoundingClientRect().height));
  const before = await heights();
  const height = () => page.evaluate(() => document.documentElement.scrollHeight);
  const pageHeight = await height();
  await expect(page.getByTestId("rule-prefix").nth(49)).toBeVisible();
  await page.mouse.move(640, 500);
  for (let y = 0; y < pageHeight; y += 600) {
    await page.mouse.wheel(0, 600);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  }
  await expect(rows.last()).toBeInViewport();
  const after = await heights();
  const moved = after.map((value, index) => Math.abs(value - (before[index] ?? 0)));
  expect(Math.max(...moved)).toBeLessThan(1);
  expect(Math.abs((await height()) - pageHeight)).toBeLessThan(2);
});

test("the activity log: its page survives opening an entry, not a new filter", async ({ page }) => {
  // Past the end at first: the log moves to its last page.
  await page.goto("/activity?view=log&pageSize=20&page=999");
  await hydrated(page);
  const position = pager(page, "Pages of the log").getByText(/^Page \d+ of \d+$/);
  await expect(position).toHaveText(/^Page (\d+) of \1$/);
  const count = /of (\d+)/.exec((await position.textContent()) ?? "")?.[1];
  const lastPage = count === "1" ? null : (count ?? null);
  await expectSearchParam(page, "page", lastPage);

  await page
    .getByRole("button", { name: /^Details of/ })
    .first()
    .click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get("entry")).toMatch(/^\d+$/);
  await expectSearchParam(page, "page", lastPage);
  await page.getByRole("dialog").getByRole("button", { name: "Close" }).first().click();
  await expectSearchParam(page, "entry", null);
  await expectSearchParam(page, "page", lastPage);

  await page.getByTestId("activity-outcome-filter").click();
  await page.getByRole("option", { name: "Success" }).click();
  await expectSearchParam(page, "outcome", "success");
  await expectSearchParam(page, "page", null);
  await expectSearchParam(page, "pageSize", "20");

  // The search box writes the URL once typing pauses; clearing the filters empties it again.
  await page.getByTestId("activity-search").fill("  shop  ");
  await expectSearchParam(page, "q", "shop");
  await page.getByTestId("activity-clear-filters").click();
  await expectSearchParam(page, "q", null);
  await expectSearchParam(page, "outcome", null);
  await expect(page.getByTestId("activity-search")).toHaveValue("");
});
