import { expect, test } from "@playwright/test";

import { hydrated, storageState } from "./support";

/**
 * Third-party platform mode in demo mode, in Chromium: the Accounts page names what each demo merchant
 * granted and what it lacks; an admin creates an authorization link, the merchant's admin grants the missing
 * set on the sandbox's authorization page, and the redirect back brings the admin to the updated account.
 */
const BOOKSHOP = { appid: "wx5e1f0a2b3c4d5e62", name: "Partner: Old Bookshop Service Account" };
const CAFE = { name: "Partner: Corner Café Mini Program" };

test.use({ storageState: storageState("admin") });

test("a merchant grants the missing permission set through an authorization link", async ({ page }) => {
  await page.goto("/accounts");
  await hydrated(page);
  const cafe = page.getByRole("row", { name: new RegExp(`^${CAFE.name}`) });
  await expect(cafe.getByTestId("account-permission-sets")).toContainText(
    "18: Mini Program development and data analysis",
  );
  const bookshop = page.getByRole("row", { name: new RegExp(`^${BOOKSHOP.name}`) });
  await expect(bookshop.getByTestId("account-permission-missing")).toContainText("Missing set 33");

  await page.getByRole("button", { name: "Authorize a merchant through the platform" }).click();
  const dialog = page.getByRole("dialog", { name: "Authorize a merchant through the platform" });
  await dialog.getByRole("radio", { name: "Mini Programs" }).check();
  await expect(dialog).toContainText("Permission set 18 is exclusive");
  await dialog.getByRole("radio", { name: "Service Accounts" }).check();
  // The platform's first ticket reaches the dashboard right after start-up; until then WeChat cannot be asked.
  const link = dialog.getByTestId("authorization-link");
  await expect(async () => {
    if (!(await link.isVisible()))
      await dialog.getByRole("button", { name: "Create authorization link" }).click();
    await expect(link).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(dialog.getByRole("img", { name: "QR code of the authorization link" })).toBeVisible();
  const href = (await link.getAttribute("href")) ?? "";
  expect(href).toMatch(/\/cgi-bin\/componentloginpage\?/);

  // The merchant's admin on WeChat's page (the sandbox's), in the same browser.
  await page.goto(href);
  await page.getByLabel(new RegExp(BOOKSHOP.appid)).check();
  await page.getByLabel(/^Permission set 3:/).check();
  await page.getByLabel(/^Permission set 18:/).uncheck();
  await page.getByLabel(/^Permission set 33:/).check();
  await page.getByRole("button", { name: "Authorize" }).click();

  await page.waitForURL(/\/accounts\?authorization=updated/);
  await expect(page.getByRole("status").filter({ hasText: "authorization was recorded" })).toBeVisible();
  const updated = page.getByRole("row", { name: new RegExp(`^${BOOKSHOP.name}`) });
  await expect(updated.getByTestId("account-permission-sets")).toContainText("33: Mini Program linking");
  await expect(updated.getByTestId("account-permission-missing")).toHaveCount(0);
});
