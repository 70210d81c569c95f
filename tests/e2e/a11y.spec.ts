import AxeBuilder from "@axe-core/playwright";
import { type Browser, type Page, expect, test } from "@playwright/test";

import { DEMO_SERVICE_ACCOUNT, DEMO_SHOP } from "./sandbox";
import { hydrated, openAccount, storageState } from "./support";

/**
 * Every page, and the dialogs and drawers people work in, checked by axe
 * against WCAG 2.1 A and AA: no violation allowed, in English and in Chinese.
 * On failure each violation is listed with the elements it was found on.
 */
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function expectNoViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const readable = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? "?"}): ${violation.help}\n` +
      violation.nodes
        .slice(0, 5)
        .map(
          (node) =>
            `    ${node.target.join(" ")}\n      ${node.failureSummary?.replace(/\n/g, "\n      ") ?? ""}`,
        )
        .join("\n"),
  );
  expect(readable, `axe violations on ${what}`).toEqual([]);
}

async function anonymousPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

test.describe("signed out", () => {
  test("sign-in", async ({ browser }) => {
    const page = await anonymousPage(browser);
    await page.goto("/login");
    await hydrated(page);
    await expectNoViolations(page, "the sign-in page");
  });

  test("set-password with a bad token", async ({ browser }) => {
    const page = await anonymousPage(browser);
    await page.goto("/set-password?token=not-a-real-token");
    await hydrated(page);
    await expectNoViolations(page, "the set-password page");
  });
});

test.describe("signed in as admin", () => {
  test.use({ storageState: storageState("admin") });

  test("rules of a Mini Program, and its add-rule dialog", async ({ page }) => {
    await openAccount(page, DEMO_SHOP.name, { withRows: true });
    await expectNoViolations(page, "the rules page of a Mini Program");
    await page.getByRole("button", { name: "Add rule" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Add test link" }).click();
    await expect(dialog.getByLabel("Test link 1", { exact: true })).toBeVisible();
    await expectNoViolations(page, "the add-rule dialog of a Mini Program");
  });

  test("rules of a Service Account, and its add-rule dialog", async ({ page }) => {
    await openAccount(page, DEMO_SERVICE_ACCOUNT.name, { withRows: true });
    await expectNoViolations(page, "the rules page of a Service Account");
    await page.getByRole("button", { name: "Add rule" }).click();
    await expect(page.getByRole("dialog").getByLabel("Rule prefix")).toBeVisible();
    await expectNoViolations(page, "the add-rule dialog of a Service Account");
  });

  test("bulk changes of an account, and a plan", async ({ page }) => {
    await openAccount(page, DEMO_SHOP.name, { withRows: true });
    await page.getByTestId("rules-bulk-changes").click();
    await expect(
      page.getByRole("heading", { level: 1, name: `Bulk changes: ${DEMO_SHOP.name}` }),
    ).toBeVisible();
    await hydrated(page);
    await expectNoViolations(page, "the bulk changes page");
    await page.getByLabel("Rules file").setInputFiles({
      name: "a11y.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("Prefix,Page path\nftp://shop.example.com/a11y/,pages/a11y\n"),
    });
    await page.getByTestId("import-submit").click();
    await expect(page.getByTestId("change-set-status")).toHaveAttribute("data-status", "planned", {
      timeout: 30_000,
    });
    await expect(page.getByTestId("plan-row")).toHaveCount(1);
    await hydrated(page);
    await expectNoViolations(page, "a change set's plan");
    await page.getByTestId("change-set-discard").click();
    await expect(page.getByTestId("change-set-status")).toHaveAttribute("data-status", "discarded");
  });

  test("activity overview, log and an entry's drawer", async ({ page }) => {
    await page.goto("/activity");
    await hydrated(page);
    await expect(page.getByTestId("error-chart")).toBeVisible();
    await expectNoViolations(page, "the activity overview");

    await page.goto("/activity?view=log");
    await hydrated(page);
    const details = page.getByRole("button", { name: /^Details of/ }).first();
    await expect(details).toBeVisible();
    await expectNoViolations(page, "the activity log");

    await details.click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expectNoViolations(page, "an activity entry's drawer");
  });

  for (const [path, heading] of [
    ["/accounts", "Accounts"],
    ["/operators", "Operators"],
    ["/settings", "Settings"],
    ["/simulate", "Scan check"],
    ["/explain/85069?rid=0a1b2c3d-0a1b2c3d-0a1b2c3d", "Verification file check failed"],
  ] as const) {
    test(heading.toLowerCase(), async ({ page }) => {
      await page.goto(path);
      await hydrated(page);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expectNoViolations(page, `the ${heading} page`);
    });
  }

  test("a page that does not exist", async ({ page }) => {
    await page.goto("/no-such-page");
    await expectNoViolations(page, "the 404 page");
  });

  test.describe("in Chinese", () => {
    test.use({ locale: "zh-CN", extraHTTPHeaders: { "accept-language": "zh-CN,zh;q=0.9" } });

    test("rules of a Mini Program and its add-rule dialog", async ({ page }) => {
      await openAccount(page, DEMO_SHOP.name, { withRows: true });
      await expectNoViolations(page, "the rules page in Chinese");
      await page.getByRole("button", { name: "添加规则" }).click();
      await expect(page.getByRole("dialog").getByLabel("规则前缀")).toBeVisible();
      await expectNoViolations(page, "the add-rule dialog in Chinese");
    });

    test("activity overview", async ({ page }) => {
      await page.goto("/activity");
      await hydrated(page);
      await expect(page.getByTestId("error-chart")).toBeVisible();
      await expectNoViolations(page, "the activity overview in Chinese");
    });
  });
});
