import { type Locator, type Page, expect, test } from "@playwright/test";

import { DEMO_SHOP } from "./sandbox";
import { DEMO, hydrated, storageState } from "./support";

test.use({ storageState: storageState("admin") });

test("the dashboard shell shows the navigation and the signed-in operator", async ({ page }) => {
  await page.goto("/");
  // The rules page opens the remembered (or first) WeChat account.
  await expect(page).toHaveURL(/\/rules\/[0-9a-f-]{36}$/);
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  for (const item of ["Rules", "Activity", "Accounts", "Operators", "Settings"]) {
    await expect(nav.getByRole("link", { name: item })).toBeVisible();
  }
  await expect(nav.getByRole("link", { name: "Rules" })).toHaveAttribute("aria-current", "page");

  await nav.getByRole("link", { name: "Operators" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Operators" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: DEMO.admin.email })).toBeVisible();

  await page.getByRole("button", { name: `Account menu for ${DEMO.admin.name}` }).click();
  const menu = page.getByRole("menu");
  await expect(menu.getByText(DEMO.admin.email)).toBeVisible();
  await expect(menu.locator('[data-slot="badge"]')).toHaveText("Admin");
});

test("switching language changes the navigation to Chinese and back, and is remembered", async ({ page }) => {
  await page.goto("/rules");
  // Menus open only once React has hydrated the page.
  await hydrated(page);
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await expect(nav.getByRole("link", { name: "Activity" })).toBeVisible();

  await page.getByRole("button", { name: /^Language:/ }).click();
  await page.getByRole("menuitemradio", { name: "简体中文" }).click();
  const zhNav = page.getByRole("navigation", { name: "主导航" });
  for (const item of ["规则", "操作记录", "账号", "操作员", "设置"]) {
    await expect(zhNav.getByRole("link", { name: item })).toBeVisible();
  }
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

  await page.reload();
  await hydrated(page);
  await expect(zhNav.getByRole("link", { name: "规则" })).toBeVisible();

  await page.getByRole("button", { name: /^语言：|^语言:/ }).click();
  await page.getByRole("menuitemradio", { name: "English" }).click();
  await expect(nav.getByRole("link", { name: "Rules" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test.describe("with a Chinese browser", () => {
  test.use({ locale: "zh-CN" });

  test("the first choice of language comes from Accept-Language", async ({ page }) => {
    await page.goto("/rules");
    await expect(
      page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "规则" }),
    ).toBeVisible();
    // Let the page finish loading its scripts: closing a context in the middle of that has hung Chromium.
    await hydrated(page);
  });
});

/** Syncs the demo shop's rules from its page: a success toast that changes nothing. */
async function syncShop(page: Page, button: string): Promise<void> {
  await page.goto("/rules");
  await hydrated(page);
  await page.getByRole("combobox", { name: /WeChat account|微信账号/ }).click();
  await page.getByRole("option", { name: new RegExp(DEMO_SHOP.name) }).click();
  await expect(page.getByRole("heading", { level: 1, name: DEMO_SHOP.name })).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: button, exact: true }).click();
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not laid out");
  return box;
}

test("a toast leaves the header's language switch and account menu free to use", async ({ page }) => {
  await syncShop(page, "Sync");
  const toast = page
    .getByRole("region", { name: /^Notifications/ })
    .getByRole("listitem")
    .filter({ hasText: "Rules synced with WeChat." });
  await expect(toast).toBeVisible();
  const language = page.getByRole("button", { name: /^Language:/ });
  const accountMenu = page.getByRole("button", { name: `Account menu for ${DEMO.admin.name}` });
  const toastBox = await boxOf(toast);
  expect(overlaps(toastBox, await boxOf(language))).toBe(false);
  expect(overlaps(toastBox, await boxOf(accountMenu))).toBe(false);
  // Clickable while the toast is up: nothing lies over the switch.
  await language.click({ trial: true, timeout: 2_000 });
  await language.click();
  await expect(page.getByRole("menuitemradio", { name: "简体中文" })).toBeVisible();
  await expect(toast).toBeVisible();
  await page.keyboard.press("Escape");
  await accountMenu.click({ trial: true, timeout: 2_000 });
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("the toaster's screen-reader labels are in Chinese", async ({ page }) => {
    await syncShop(page, "同步");
    const region = page.getByRole("region", { name: /^通知/ });
    const toast = region.getByRole("listitem").filter({ hasText: "已与微信同步规则。" });
    await expect(toast).toBeVisible();
    await expect(toast.getByRole("button", { name: "关闭通知" })).toBeAttached();
    await expect(page.getByRole("region", { name: /Notifications/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Close the notification/ })).toHaveCount(0);
  });
});

test("the dark theme can be chosen", async ({ page }) => {
  await page.goto("/rules");
  await hydrated(page);
  await page.getByRole("button", { name: "Theme" }).click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);

  await hydrated(page);
  await page.getByRole("button", { name: "Theme" }).click();
  await page.getByRole("menuitemradio", { name: "Light" }).click();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
});

test("health answers 200 with the database reachable and carries no secrets", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.text();
  expect(JSON.parse(body)).toEqual({ status: "ok", database: "ok" });
  expect(body).not.toMatch(/secret|password|postgres:\/\//i);
});
