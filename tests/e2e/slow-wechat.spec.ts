import { type Page, expect, test } from "@playwright/test";

import { DEMO_SERVICE_ACCOUNT, clearFaults, delayCalls, sandboxRule } from "./sandbox";
import { expectSearchParam, hydrated, storageState } from "./support";

/**
 * When WeChat is slow, the operator is told what happens meanwhile instead of
 * watching a spinner: the product waits, and if WeChat does not answer in time
 * it checks WeChat's rules before anything is sent again. The sandbox answers
 * the publish late (still within the product's deadline), in both languages.
 */
test.use({ storageState: storageState("admin") });
test.afterEach(async () => {
  await clearFaults();
});

// Unpublished in the demo data (every fourth Service Account rule) and used by no other spec.
const PREFIXES = {
  en: "http://weixin.qq.com/q/02demo0297Xk9",
  "zh-CN": "http://weixin.qq.com/q/02demo0293Xk9",
};

async function publishSlowly(page: Page, prefix: string): Promise<void> {
  await page.goto("/rules");
  await hydrated(page);
  await page.getByRole("combobox", { name: /WeChat account|微信账号/ }).click();
  await page.getByRole("option", { name: new RegExp(DEMO_SERVICE_ACCOUNT.name) }).click();
  // The picker navigates: wait for the account's own page, hydrated, before typing into its search box.
  await expect(page.getByRole("heading", { level: 1, name: DEMO_SERVICE_ACCOUNT.name })).toBeVisible();
  await hydrated(page);
  await page.getByRole("searchbox").fill(prefix);
  await expectSearchParam(page, "q", prefix);
  await expect(page.getByTestId("rules-total")).toHaveText(/(^|\D)1(\D|$)/);
  await expect(page.getByRole("row").filter({ has: page.getByText(prefix, { exact: true }) })).toHaveCount(1);
  await page
    .getByRole("button", { name: new RegExp(`(Actions for |更多操作：)${prefix.replace(/[.?]/g, "\\$&")}$`) })
    .click();
  await page.getByRole("menuitem", { name: /^(Publish|发布)$/ }).click();
  await delayCalls("qrcodejumppublish", 7_000);
  const dialog = page.getByRole("alertdialog");
  await dialog.getByRole("button", { name: /^(Publish|发布)$/ }).click();
}

test("a slow publish says WeChat has not answered yet and that nothing will be sent twice", async ({
  page,
}) => {
  const prefix = PREFIXES.en;
  expect((await sandboxRule(DEMO_SERVICE_ACCOUNT.appid, prefix))?.state).toBe(1);
  await publishSlowly(page, prefix);
  const notice = page.getByRole("alertdialog").getByRole("status");
  await expect(notice).toHaveText(/WeChat has not answered yet\. .*never applied twice\./, {
    timeout: 6_500,
  });
  await expect(page.getByRole("alertdialog")).toBeHidden({ timeout: 20_000 });
  expect((await sandboxRule(DEMO_SERVICE_ACCOUNT.appid, prefix))?.state).toBe(2);
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "accept-language": "zh-CN,zh;q=0.9" } });
  test("the same notice in the operator's language", async ({ page }) => {
    await publishSlowly(page, PREFIXES["zh-CN"]);
    await expect(page.getByRole("alertdialog").getByRole("status")).toHaveText(
      /微信尚未响应.*绝不会重复执行/,
      {
        timeout: 6_500,
      },
    );
    await expect(page.getByRole("alertdialog")).toBeHidden({ timeout: 20_000 });
  });
});
