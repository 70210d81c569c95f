import { type Page, expect, test } from "@playwright/test";

import { DEMO_SERVICE_ACCOUNT, DEMO_SHOP, clearFaults, injectError } from "./sandbox";
import { hydrated, openAccount, storageState } from "./support";

/**
 * The activity log and error review against the product in demo mode and its
 * WeChat API sandbox: three add attempts meet 85068, 85071 and a 44990 that is
 * retried; each must be found, explained, looked up at WeChat, charted,
 * filtered and exported.
 */
test.use({ storageState: storageState("admin") });
test.afterEach(async () => {
  await clearFaults();
});

const tag = `act${Date.now()}`;
const prefixes = {
  invalidLink: `https://shop.example.com/${tag}-85068/`,
  duplicate: `https://shop.example.com/${tag}-85071/`,
  throttled: `https://shop.example.com/${tag}-44990/`,
};

async function addRule(page: Page, prefix: string): Promise<void> {
  await page.getByRole("button", { name: "Add rule" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Rule prefix").fill(prefix);
  await dialog.getByLabel("Page path").fill("pages/activity/index");
  await dialog.getByRole("button", { name: "Add test link" }).click();
  await dialog.getByLabel("Test link 1", { exact: true }).fill(`${prefix}1`);
  await dialog.getByRole("button", { name: "Add rule" }).click();
}

/** The log's row of an entry about `prefix` (the log filtered to it first). */
function logRow(page: Page, prefix: string) {
  return page.getByRole("row").filter({ has: page.getByText(prefix, { exact: true }) });
}

async function openEntry(page: Page, prefix: string) {
  await logRow(page, prefix)
    .getByRole("button", { name: /^Details of/ })
    .click();
  const sheet = page.getByTestId("activity-entry-sheet");
  await expect(sheet.getByTestId("activity-calls").getByTestId("activity-call").first()).toBeVisible();
  return sheet;
}

async function openLog(page: Page, query: string): Promise<void> {
  await page.goto(`/activity?view=log&${query}`);
  await hydrated(page);
}

test("errors met through the product are logged, explained in both languages, looked up, charted, filtered and exported", async ({
  page,
  context,
}) => {
  await page.goto("/rules");
  await hydrated(page);
  await page.getByRole("combobox", { name: "WeChat account" }).click();
  await page.getByRole("option", { name: new RegExp(DEMO_SHOP.name) }).click();
  await expect(page.getByRole("heading", { level: 1, name: DEMO_SHOP.name })).toBeVisible();

  // 85068 and 85071, forced at WeChat (the form itself would have caught a link outside the prefix).
  await injectError("qrcodejumpadd", 85068);
  await addRule(page, prefixes.invalidLink);
  await expect(page.getByRole("dialog")).toContainText("Test link not under the rule");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

  await injectError("qrcodejumpadd", 85071);
  await addRule(page, prefixes.duplicate);
  await expect(page.getByRole("dialog")).toContainText("Rule already exists");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

  // 44990 once: the client waits and retries; the operator sees a success.
  await injectError("qrcodejumpadd", 44990);
  await addRule(page, prefixes.throttled);
  await expect(page.getByRole("dialog")).toBeHidden();

  // The log: each attempt with operator, prefix and rid.
  await openLog(page, `q=${tag}`);
  // The log fits a 1280 px screen: no sideways scroll of the page or of the table.
  await page.setViewportSize({ width: 1280, height: 900 });
  const rowOf = (prefix: string) =>
    page.getByRole("row").filter({ has: page.getByText(prefix, { exact: true }) });
  // Measured with the entries drawn, not the skeleton before them.
  for (const prefix of Object.values(prefixes)) await expect(rowOf(prefix)).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(() => {
        const scroller = document.querySelector("table")?.parentElement;
        const root = document.documentElement;
        return {
          page: root.scrollWidth <= root.clientWidth,
          table: scroller ? scroller.scrollWidth <= scroller.clientWidth + 1 : false,
        };
      }),
    )
    .toEqual({ page: true, table: true });
  for (const [prefix, code] of [
    [prefixes.invalidLink, "85068"],
    [prefixes.duplicate, "85071"],
  ] as const) {
    await expect(rowOf(prefix)).toContainText(code);
    await expect(rowOf(prefix)).toContainText("admin@demo.local");
    await expect(rowOf(prefix)).toContainText(/[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}/);
  }
  await expect(rowOf(prefixes.throttled)).toContainText("Success");
  await expect(rowOf(prefixes.throttled).getByTestId("activity-retry-hint")).toContainText("44990");

  // The 44990 entry's detail keeps the throttled attempt with its rid.
  await rowOf(prefixes.throttled)
    .getByRole("button", { name: /^Details of/ })
    .click();
  const throttledSheet = page.getByRole("dialog");
  await expect(throttledSheet.getByTestId("activity-call").first()).toContainText("44990");
  await expect(throttledSheet.getByTestId("activity-call").first()).toContainText(
    /[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}/,
  );
  await throttledSheet.getByRole("button", { name: "Close" }).first().click();

  // The 85071 entry: the catalog's explanation, and what WeChat saw of the call.
  await rowOf(prefixes.duplicate)
    .getByRole("button", { name: /^Details of/ })
    .click();
  const sheet = page.getByRole("dialog");
  await expect(sheet.getByTestId("activity-explanation")).toContainText("Rule already exists");
  await expect(sheet.getByTestId("activity-explanation")).toContainText(
    "Find it in the rule list and edit it instead.",
  );
  await sheet.getByRole("button", { name: "Look up at WeChat" }).click();
  await expect(sheet.getByTestId("rid-lookup-result")).toContainText(prefixes.duplicate);
  await expect(sheet.getByTestId("rid-lookup-result")).toContainText('"errcode": 85071');
  // WeChat masks the token in what it shows.
  await expect(sheet.getByTestId("rid-lookup-result")).toContainText(/access_token=[\w-]{0,6}xxxx/);
  const detailUrl = page.url();

  // The same detail in Chinese.
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: page.url() }]);
  await page.goto(detailUrl);
  await expect(page.getByRole("dialog").getByTestId("activity-explanation")).toContainText("规则已存在");
  await expect(page.getByRole("dialog").getByTestId("activity-explanation")).toContainText(
    "在规则列表中找到它并编辑",
  );
  // A rid WeChat no longer has (76001): the catalog says why and what to do, in the operator's language.
  await injectError("rid_get", 76001);
  await page.getByRole("dialog").getByRole("button", { name: "在微信侧查询" }).click();
  await expect(page.getByRole("dialog").getByTestId("rid-lookup-error")).toContainText(
    "微信已查不到这个 rid",
  );
  await expect(page.getByRole("dialog").getByTestId("rid-lookup-error")).toContainText("只保存 7 天");
  await expect(page.getByRole("dialog").getByTestId("rid-lookup-error")).not.toContainText("rid not found");
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);

  // The overview charts the errors; the 85071 legend entry filters the log to it.
  await page.goto("/activity?range=24h");
  await hydrated(page);
  await expect(page.getByTestId("error-chart")).toHaveAttribute("aria-label", /85071 ×\d+/);
  await expect(page.getByTestId("error-chart")).toHaveAttribute("aria-label", /85068 ×\d+/);
  await expect(page.getByTestId("error-chart")).toHaveAttribute("aria-label", /44990 ×\d+/);
  // The throttled add went through all the same: its 44990 is listed apart, as recovered by the product.
  await expect(page.getByTestId("overview-recovered")).toContainText("44990");
  await page.getByRole("button", { name: "Show 85071 errors in the log" }).click();
  await expect(page).toHaveURL(/view=log/);
  await expect(page).toHaveURL(/errcode=85071/);
  await expect(rowOf(prefixes.duplicate)).toBeVisible();
  await expect(rowOf(prefixes.invalidLink)).toHaveCount(0);
  await expect(page.getByTestId("activity-errcode").filter({ hasNotText: "85071" })).toHaveCount(0);

  // Export: the filtered log as CSV with a byte-order mark.
  const exported = await page.request.get(`/api/activity/export?q=${tag}`);
  expect(exported.headers()["content-type"]).toContain("text/csv");
  const csv = (await exported.body()).toString("utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  for (const prefix of Object.values(prefixes)) expect(csv).toContain(prefix);
  expect(csv).toMatch(/85071,[^\r\n]*rid: [0-9a-f]{8}-/);

  // Nothing shown or exported carries an AppSecret or an access token.
  const list = await (await page.request.get(`/api/activity?q=${tag}`)).text();
  const html = await page.content();
  for (const text of [csv, list, html]) {
    for (const secret of [DEMO_SHOP.secret, DEMO_SERVICE_ACCOUNT.secret]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/access_token=[A-Za-z0-9_-]{20,}/);
  }
});

test("an add that met no fault says nothing of retries; one 44990 is told as one retry", async ({ page }) => {
  const plain = `https://shop.example.com/${tag}-plain/`;
  const once = `https://shop.example.com/${tag}-once/`;
  await openAccount(page, DEMO_SHOP.name);
  await addRule(page, plain);
  await expect(page.getByRole("dialog")).toBeHidden();
  await injectError("qrcodejumpadd", 44990);
  await addRule(page, once);
  await expect(page.getByRole("dialog")).toBeHidden();

  await openLog(page, `q=${tag}-`);
  await expect(logRow(page, plain)).toContainText("Success");
  await expect(logRow(page, plain).getByTestId("activity-retry-hint")).toHaveCount(0);
  // One busy answer, one retry: not counted twice, and the read that confirms the add is no retry.
  await expect(logRow(page, once).getByTestId("activity-retry-hint")).toHaveText("44990 ×1, retried");

  // The drawer of the plain add: the add as its one attempt, then the read that confirmed it.
  let sheet = await openEntry(page, plain);
  let calls = sheet.getByTestId("activity-call");
  await expect(calls).toHaveCount(2);
  await expect(calls.nth(0).locator("summary")).toContainText("Attempt 1 · Add rule (qrcodejumpadd)");
  await expect(calls.nth(0).locator("summary")).toContainText("Success");
  await expect(calls.nth(1).locator("summary")).toContainText("Confirming read · Read rules (qrcodejumpget)");
  await expect(sheet.getByTestId("activity-calls")).not.toContainText("Attempt 2");
  await expect(sheet.locator('[data-field="attempts"] dd')).toHaveText("1");
  await sheet.getByRole("button", { name: "Close" }).first().click();
  await expect(sheet).toBeHidden();

  // The drawer of the add that met 44990 once: two attempts of the add, then the confirming read.
  sheet = await openEntry(page, once);
  calls = sheet.getByTestId("activity-call");
  await expect(calls).toHaveCount(3);
  await expect(calls.nth(0).locator("summary")).toContainText("Attempt 1 · Add rule (qrcodejumpadd)");
  await expect(calls.nth(0).locator("summary")).toContainText("44990");
  await expect(calls.nth(1).locator("summary")).toContainText("Attempt 2 · Add rule (qrcodejumpadd)");
  await expect(calls.nth(1).locator("summary")).toContainText("Success");
  await expect(calls.nth(2).locator("summary")).toContainText("Confirming read · Read rules (qrcodejumpget)");
  await expect(sheet.locator('[data-field="attempts"] dd')).toHaveText("2");
  // Each call reads in words: no bare operation names.
  for (const summary of await calls.locator("summary").allTextContents())
    expect(summary).not.toMatch(/·\s*(add|get)\b/);
});

test("the overview lists a 40001 the product recovered from apart from an 85071 that needs someone", async ({
  page,
}) => {
  const recovered = `https://shop.example.com/${tag}-40001/`;
  const duplicate = `https://shop.example.com/${tag}-85071b/`;
  await openAccount(page, DEMO_SHOP.name);
  // A token WeChat no longer accepts: the client fetches a new one and the add goes through.
  await injectError("qrcodejumpadd", 40001);
  await addRule(page, recovered);
  await expect(page.getByRole("dialog")).toBeHidden();
  await injectError("qrcodejumpadd", 85071);
  await addRule(page, duplicate);
  await expect(page.getByRole("dialog")).toContainText("Rule already exists");

  await page.goto("/activity?range=24h");
  await hydrated(page);
  const mustAct = page.getByRole("table", { name: /^Most frequent errors over/ });
  const recoveredCard = page.getByTestId("overview-recovered");
  await expect(recoveredCard).toContainText("Recovered by the product");
  await expect(recoveredCard.getByRole("row").filter({ hasText: "40001" })).toHaveCount(1);
  await expect(recoveredCard.getByRole("row").filter({ hasText: "85071" })).toHaveCount(0);
  await expect(mustAct.getByRole("row").filter({ hasText: "85071" })).toHaveCount(1);
  await expect(mustAct.getByRole("row").filter({ hasText: "40001" })).toHaveCount(0);
});

test("an error's log entry links to its explanation", async ({ page, context }) => {
  const duplicate = `https://shop.example.com/${tag}-85071c/`;
  await openAccount(page, DEMO_SHOP.name);
  await injectError("qrcodejumpadd", 85071);
  await addRule(page, duplicate);
  await expect(page.getByRole("dialog")).toContainText("Rule already exists");

  await openLog(page, `q=${tag}-85071c`);
  const sheet = await openEntry(page, duplicate);
  const link = sheet.getByTestId("activity-explanation").getByTestId("explain-link");
  const [explain] = await Promise.all([context.waitForEvent("page"), link.click()]);
  await explain.waitForLoadState();
  await expect(explain.getByRole("heading", { level: 1, name: "Rule already exists" })).toBeVisible();
  const view = explain.getByTestId("explain");
  await expect(view).toContainText("WeChat's error code 85071");
  await expect(view).toContainText("Find it in the rule list and edit it instead.");
  await expect(view).toContainText(/[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}/);
});
