import { expect, test } from "@playwright/test";

import { DEMO_MERCHANT_CAFE, DEMO_PLATFORM } from "../../sandbox/fixtures/demo";
import { merchantWithdraws, sandboxRule } from "./sandbox";
import { hydrated, storageState } from "./support";

/**
 * Third-party platform mode in demo mode, in Chromium: the Accounts page names what each demo merchant
 * granted and what it lacks; an admin creates an authorization link, the merchant's admin grants the missing
 * set on the sandbox's authorization page, and the redirect back brings the admin to the updated account.
 * Then the whole road of a service provider: the platform configured under Settings, a merchant authorizing
 * sets 18 and 3, its capability ready, and its first rule added and published through the platform.
 */
const BOOKSHOP = { appid: "wx5e1f0a2b3c4d5e62", name: "Partner: Old Bookshop Service Account" };
const CAFE = { appid: DEMO_MERCHANT_CAFE.appid, name: DEMO_MERCHANT_CAFE.name.en };

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

test("an admin configures the platform, a merchant grants sets 18 and 3, and its rule is added and published", async ({
  page,
}) => {
  // The café withdraws its authorization in WeChat first, so it comes back through this test's link alone.
  await merchantWithdraws(CAFE.appid);
  await page.goto("/accounts");
  await hydrated(page);
  const cafe = page.getByRole("row", { name: new RegExp(`^${CAFE.name}`) });
  await expect(async () => {
    await page.reload();
    await expect(cafe).toContainText("Authorization withdrawn by the merchant", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });

  // Settings → the platform: what the sandbox registers for the demo platform (secrets are write-only).
  await page.goto("/settings");
  await hydrated(page);
  const platform = page.getByRole("region", { name: "Third-party platform" });
  await platform.getByLabel("Platform AppID").fill(DEMO_PLATFORM.component_appid);
  await platform.getByLabel("Platform AppSecret").fill(DEMO_PLATFORM.component_appsecret);
  await platform.getByLabel("Message token").fill(DEMO_PLATFORM.token);
  await platform.getByLabel("Message encryption key (EncodingAESKey)").fill(DEMO_PLATFORM.encodingAesKey);
  await platform.getByRole("button", { name: "Save platform settings" }).click();
  await expect(page.getByText("Platform settings saved.")).toBeVisible();
  for (const secret of ["secret", "messageToken", "encodingAesKey"])
    await expect(platform.getByTestId(`platform-${secret}-state`)).toHaveText("set");

  // The authorization link for a Mini Program.
  await page.goto("/accounts");
  await hydrated(page);
  await page.getByRole("button", { name: "Authorize a merchant through the platform" }).click();
  const dialog = page.getByRole("dialog", { name: "Authorize a merchant through the platform" });
  await dialog.getByRole("radio", { name: "Mini Programs" }).check();
  await expect(dialog).toContainText("Permission set 18 is exclusive");
  const link = dialog.getByTestId("authorization-link");
  await expect(async () => {
    if (!(await link.isVisible()))
      await dialog.getByRole("button", { name: "Create authorization link" }).click();
    await expect(link).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const href = (await link.getAttribute("href")) ?? "";

  // The café's admin on WeChat's consent page (the sandbox's) grants sets 18 and 3.
  await page.goto(href);
  await page.getByLabel(new RegExp(CAFE.appid)).check();
  await page.getByLabel(/^Permission set 18:/).check();
  await page.getByLabel(/^Permission set 3:/).check();
  await page.getByLabel(/^Permission set 33:/).uncheck();
  await page.getByRole("button", { name: "Authorize" }).click();

  // Back on Accounts: the merchant is there, enabled, with both sets, and its capability is ready.
  await page.waitForURL(/\/accounts\?authorization=(added|updated)/);
  const back = page.getByRole("row", { name: new RegExp(`^${CAFE.name}`) });
  await expect(back).not.toContainText("Authorization withdrawn by the merchant");
  await expect(back.getByTestId("account-permission-sets")).toContainText(
    "18: Mini Program development and data analysis",
  );
  await expect(back.getByTestId("account-permission-sets")).toContainText("3: account services");
  await expect(back.getByTestId("capability")).toHaveAttribute("data-capability", "ready");
  await expect(back.getByTestId("capability")).toHaveText("Ready");

  // A rule is added and published with the platform's authorizer token.
  const prefix = `https://cafe.example.com/e2e-${Date.now()}/`;
  await page.goto("/rules");
  await hydrated(page);
  await page.getByRole("combobox", { name: /WeChat account/ }).click();
  await page.getByRole("option", { name: new RegExp(CAFE.name) }).click();
  await expect(page.getByRole("heading", { level: 1, name: CAFE.name })).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: "Add rule" }).click();
  const form = page.getByRole("dialog");
  await form.getByLabel("Rule prefix").fill(prefix);
  await form.getByLabel("Page path").fill("pages/menu/index");
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(form).toBeHidden({ timeout: 30_000 });
  // The rule just added is marked in the table, in view.
  await expect(page.locator("tr[data-highlighted]")).toContainText(prefix);
  await expect(page.locator("tr[data-highlighted]")).toBeInViewport();
  await page.getByRole("searchbox").fill(prefix);
  const row = page.getByRole("row").filter({ has: page.getByText(prefix, { exact: true }) });
  await expect(row).toContainText("Unpublished");
  await page.getByRole("button", { name: `Actions for ${prefix}` }).click();
  await page.getByRole("menuitem", { name: /^Publish$/ }).click();
  const confirm = page.getByRole("alertdialog");
  await confirm.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(confirm).toBeHidden({ timeout: 30_000 });
  await expect(row).toContainText("Published");
  await expect(row).not.toContainText("Unpublished");
  expect(await sandboxRule(CAFE.appid, prefix)).toMatchObject({ path: "pages/menu/index", state: 2 });
});
