import { expect, test } from "@playwright/test";

import { DEMO_SHOP, clearFaults, injectError } from "./sandbox";
import { hydrated, keepScreenshot, storageState } from "./support";

/**
 * The "explain this error" view, reached from a form's error and from a toast: what happened, why, what
 * to do, who can do it, and a link to where the fix is made.
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

test("a WeChat error reported in a toast opens its explanation from the toast", async ({ page, context }) => {
  // The drift check compares WeChat's rules with the desired ones, which a first applied change set sets.
  const prefix = `https://shop.example.com/explain-toast-${Date.now()}/`;
  const openChanges = async () => {
    await page.goto("/rules");
    await hydrated(page);
    await page.getByRole("combobox", { name: /WeChat account/ }).click();
    await page.getByRole("option", { name: new RegExp(DEMO_SHOP.name) }).click();
    await expect(page.getByRole("heading", { level: 1, name: DEMO_SHOP.name })).toBeVisible();
    await page.getByTestId("rules-bulk-changes").click();
    await expect(
      page.getByRole("heading", { level: 1, name: `Bulk changes: ${DEMO_SHOP.name}` }),
    ).toBeVisible();
    await hydrated(page);
  };
  await openChanges();
  await page.getByLabel("Rules file").setInputFiles({
    name: "one-rule.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      `\uFEFFPrefix,Page path,Occupy prefix,Test scope,Test links,Published\r\n${prefix},pages/e2e/index,no,release,,no\r\n`,
    ),
  });
  await page.getByTestId("import-submit").click();
  await expect(page).toHaveURL(/\/changes\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await hydrated(page);
  await page.getByTestId("change-set-apply").click();
  await expect(page.getByTestId("change-set-status")).toHaveAttribute("data-status", "done", {
    timeout: 30_000,
  });

  await openChanges();
  await injectError("qrcodejumpget", 40164);
  await page.getByTestId("drift-check").click();
  const toast = page
    .getByRole("region", { name: /^Notifications/ })
    .getByRole("listitem")
    .filter({ hasText: "Server IP not whitelisted" });
  await expect(toast).toBeVisible();
  const [explain] = await Promise.all([
    context.waitForEvent("page"),
    toast.getByRole("button", { name: "Explain this error" }).click(),
  ]);
  await explain.waitForLoadState();
  await expect(explain.getByRole("heading", { level: 1, name: "Server IP not whitelisted" })).toBeVisible();
  const view = explain.getByTestId("explain");
  await expect(view).toContainText("WeChat's error code 40164");
  await expect(view).toContainText("Add this server's egress IP to the account's IP whitelist");
});
