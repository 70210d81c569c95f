import { type Page, expect, test } from "@playwright/test";

import { DEMO_SHOP } from "./sandbox";
import { expectSearchParam, hydrated, openAccount, storageState } from "./support";

/**
 * Know before you scan: the scan simulator, the rule form's live overlap warning, and WeChat's 85072
 * naming the account of ours that holds the prefix. The sandbox answers every WeChat call.
 */
test.use({ storageState: storageState("admin") });

/** The demo's Mini Program without released code, as named by the demo or by the accounts spec. */
const UNRELEASED = /^(New Campaign \(no released code\)|Campaign)$/;
const UNRELEASED_APPID = "wx5e4d3c2b1a0f9e87";

async function addRule(page: Page, prefix: string, path: string): Promise<void> {
  await page.getByRole("button", { name: "Add rule" }).click();
  const form = page.getByRole("dialog");
  await form.getByLabel("Rule prefix").fill(prefix);
  await form.getByLabel("Page path").fill(path);
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(form).toBeHidden({ timeout: 30_000 });
}

test("the simulator explains a scan that falls back because the most specific rule is unpublished", async ({
  page,
}) => {
  // A new rule under the shop's published /p/ rule, added and left unpublished.
  const prefix = `https://shop.example.com/p/e2e-${Date.now()}/`;
  await openAccount(page, DEMO_SHOP.name);
  await expect(page.getByTestId("rule-prefix").first()).toBeVisible({ timeout: 30_000 });
  await addRule(page, prefix, "pages/e2e/index");

  await page.getByRole("link", { name: "Scan check" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Scan check" })).toBeVisible();
  await hydrated(page);
  await page.getByLabel("URLs to scan").fill(`${prefix}item?id=7\nhttps://shop.example.com/p/42?from=poster`);
  await page.getByRole("button", { name: "Simulate the scans" }).click();

  const fallsBack = page.getByTestId("scan-result").nth(0);
  const opens = page.getByTestId("scan-result").nth(1);
  await expect(fallsBack).toContainText("Falls back to the web page");
  await expect(fallsBack.getByRole("link", { name: prefix })).toBeVisible();
  await expect(fallsBack.getByTestId("scan-fallback-reason")).toContainText(
    "The most specific rule covering this URL is not published, and WeChat never falls back to a broader rule",
  );
  await expect(fallsBack.getByTestId("scan-fallback-reason")).toContainText(
    "https://shop.example.com/p/ is published and would open",
  );

  await expect(opens).toContainText("Opens the Mini Program");
  await expect(opens).toContainText("Release build");
  await expect(opens).toContainText("pages/product/detail");
  await expect(opens).toContainText(`q=${encodeURIComponent("https://shop.example.com/p/42?from=poster")}`);
  await expect(opens).toContainText(/scancode_time=\d{10}/);

  // A test link scanned by a developer opens the development build; by an ordinary user it falls back.
  await page.getByLabel("URLs to scan").fill("https://m.shop.example.com/order/10001");
  await page.getByRole("radio", { name: "A developer" }).check();
  await page.getByRole("button", { name: "Simulate the scans" }).click();
  // The answer to this run, not the one before it, is on the page.
  await expect(page.getByRole("status").filter({ hasText: "1 URL scanned by A developer" })).toBeVisible();
  await expect(page.getByTestId("scan-result")).toContainText("Development build");
  await page.getByRole("radio", { name: "An ordinary WeChat user" }).check();
  await page.getByRole("button", { name: "Simulate the scans" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "1 URL scanned by An ordinary WeChat user" }),
  ).toBeVisible();
  await expect(page.getByTestId("scan-fallback-reason")).toContainText(
    "Its Development build opens only for: A developer",
  );

  // The rule's own link in the table opens the simulator on it, answered at once.
  await openAccount(page, DEMO_SHOP.name);
  await page.getByRole("searchbox").fill(prefix);
  await expectSearchParam(page, "q", prefix);
  await expect(page.getByTestId("rules-total")).toHaveText(/(^|\D)1(\D|$)/);
  await page.getByRole("link", { name: `Simulate a scan of ${prefix} and its test links` }).click();
  await expect(page.getByTestId("scan-result")).toContainText("Falls back to the web page");

  // The overlap report lists the unpublished rule hiding the published one.
  await expect(page.getByTestId("overlap-report")).toContainText(/unpublished rules? hides? /);
  await expect(page.getByTestId("overlap-report")).toContainText(prefix);
});

test("the rule form warns live about a prefix that shadows an existing rule", async ({ page }) => {
  await openAccount(page, DEMO_SHOP.name);
  await expect(page.getByTestId("rule-prefix").first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Add rule" }).click();
  const form = page.getByRole("dialog");
  await form.getByLabel("Rule prefix").fill("https://shop.example.com/p/special/");
  const warning = form.getByTestId("rule-prefix-shadows");
  await expect(warning).toContainText("It is more specific than 1 rule you already have");
  await expect(warning).toContainText("https://shop.example.com/p/");
  await expect(warning).toContainText(DEMO_SHOP.name);
  // A prefix over no rule of ours: the warning goes.
  await form.getByLabel("Rule prefix").fill("https://elsewhere.example.com/promo/");
  await expect(warning).toBeHidden();
  // Lint: a port other than the scheme's default is pointed out, the save still allowed.
  await form.getByLabel("Rule prefix").fill("https://shop.example.com:8443/promo/");
  await expect(form.getByTestId("rule-prefix-lint-port")).toContainText("It names port 8443");
});

test("WeChat's 85072 names our own account that occupies the prefix", async ({ page }) => {
  // The shop occupies https://shop.example.com/coupon? (occupy sub-rules); its mirror is read first.
  await openAccount(page, DEMO_SHOP.name);
  await expect(page.getByTestId("rule-prefix").first()).toBeVisible({ timeout: 30_000 });
  await page.goto("/rules");
  await hydrated(page);
  await page.getByRole("combobox", { name: /WeChat account/ }).click();
  await page.getByRole("option", { name: new RegExp(UNRELEASED_APPID) }).click();
  await expect(page.getByRole("heading", { level: 1, name: UNRELEASED })).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: "Add rule" }).click();
  const form = page.getByRole("dialog");
  await form.getByLabel("Rule prefix").fill(`https://shop.example.com/coupon?e2e=${Date.now()}`);
  await form.getByLabel("Page path").fill("pages/coupon/claim");
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(form.getByLabel("Rule prefix")).toHaveAccessibleDescription(
    new RegExp(
      `Prefix occupied: Your account ${DEMO_SHOP.name} occupies it with its rule https://shop\\.example\\.com/coupon\\?`,
    ),
  );
});

test("the QR sheet labels each test link with the build it opens and who may use it", async ({ page }) => {
  await openAccount(page, DEMO_SHOP.name);
  await page.getByRole("link", { name: "QR sheet" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "QR sheet" })).toBeVisible();
  const spring = page
    .getByTestId("qr-sheet-rule")
    .filter({ hasText: "https://shop.example.com/events/2026-spring/" });
  const links = spring.getByTestId("qr-sheet-test-link");
  await expect(links).toHaveCount(2);
  await expect(links.first()).toContainText("Test link: Trial build");
  await expect(links.first()).toContainText("https://shop.example.com/events/2026-spring/day1");
  await expect(links.first()).toContainText("The Mini Program's admin, A tester (experience member)");
  await expect(spring.getByTestId("qr-sheet-release")).toContainText("Not published yet");
  await expect(spring.getByRole("img", { name: "Test link: Trial build" }).first()).toBeVisible();
  const published = page.getByTestId("qr-sheet-rule").filter({ hasText: "https://shop.example.com/store/" });
  await expect(published.getByTestId("qr-sheet-release")).toContainText(
    "Published: opens the release build for everyone.",
  );
});
