import { expect, test } from "@playwright/test";

import { DEMO_SHOP, clearFaults, injectError } from "./sandbox";
import { hydrated, keepScreenshot, storageState } from "./support";

/**
 * The "explain this error" view, reached from a form's error: what happened, why, what to do, who can
 * do it, and a link to where the fix is made.
 */
test.use({ storageState: storageState("admin") });
test.afterEach(async () => {
  await clearFaults();
});

test("a WeChat error in the rule form links to its explanation, which says who fixes it and where", async ({
  page,
  context,
}, testInfo) => {
  await page.goto("/rules");
  await hydrated(page);
  await page.getByRole("combobox", { name: /WeChat account/ }).click();
  await page.getByRole("option", { name: new RegExp(DEMO_SHOP.name) }).click();
  await expect(page.getByRole("heading", { level: 1, name: DEMO_SHOP.name })).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: "Add rule" }).click();
  const form = page.getByRole("dialog");
  await form.getByLabel("Rule prefix").fill(`https://shop.example.com/explain-${Date.now()}/`);
  await form.getByLabel("Page path").fill("pages/e2e/index");
  await injectError("qrcodejumpadd", 85069);
  await form.getByRole("button", { name: "Add rule" }).click();
  const alert = form.getByTestId("form-error");
  await expect(alert).toContainText("Verification file check failed");

  // The link opens in a new tab, so the form keeps what was typed.
  const [explain] = await Promise.all([
    context.waitForEvent("page"),
    alert.getByTestId("explain-link").click(),
  ]);
  await explain.waitForLoadState();
  const view = explain.getByTestId("explain");
  await expect(view).toContainText(/[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}/);
  await expect(
    explain.getByRole("heading", { level: 1, name: "Verification file check failed" }),
  ).toBeVisible();
  await expect(view).toContainText("WeChat's error code 85069");
  await expect(view).toContainText("serve it from the prefix's last directory");
  await expect(view.getByTestId("explain-who")).toHaveText(
    "You, or anyone who edits rules here (operator or admin).",
  );
  await keepScreenshot(explain, testInfo, "explain", "explain-view");
  await explain.getByRole("link", { name: "Go to the account's rules" }).click();
  await expect(explain).toHaveURL(/\/rules(\/[0-9a-f-]{36})?$/);
  await expect(form.getByLabel("Page path")).toHaveValue("pages/e2e/index");
});
