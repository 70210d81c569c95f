import { type Page, expect, test } from "@playwright/test";

import { DEMO_SHOP } from "./sandbox";
import { hydrated, storageState } from "./support";

test.use({ storageState: storageState("admin") });

async function openShop(page: Page): Promise<void> {
  await page.goto("/rules");
  await hydrated(page);
  await page.getByRole("combobox", { name: "WeChat account" }).click();
  await page.getByRole("option", { name: new RegExp(DEMO_SHOP.name) }).click();
  await expect(page.getByRole("heading", { level: 1, name: DEMO_SHOP.name })).toBeVisible();
  await expect(page.getByTestId("rule-prefix").first()).toBeVisible({ timeout: 30_000 });
  await hydrated(page);
}

test("a prefix in the table keeps its whole value as text and tooltip however narrow its column", async ({
  page,
}) => {
  await openShop(page);
  const cell = page.getByTestId("rule-prefix").first();
  const text = (await cell.textContent()) ?? "";
  expect(text).toMatch(/^https?:\/\//);
  await expect(cell).toHaveAttribute("title", text);
  // One line: the cell is no taller than a line of its monospace text.
  const box = await cell.boundingBox();
  expect(box?.height ?? 0).toBeLessThan(24);
});

test("the add-rule form explains a prefix with WeChat's example, from the keyboard", async ({ page }) => {
  await openShop(page);
  await page.getByRole("button", { name: "Add rule" }).first().click();
  const form = page.getByRole("dialog", { name: /rule/i });
  const help = form.getByRole("button", { name: "What is a prefix?" });
  await help.focus();
  await page.keyboard.press("Enter");
  const popover = page.getByTestId("term-help");
  await expect(popover).toBeVisible();
  await expect(popover.locator("code").first()).toContainText("https://");
  await page.keyboard.press("Escape");
  await expect(popover).toBeHidden();
  await expect(help).toBeFocused();
  // The form itself is still open: the help did not submit or close it.
  await expect(form.getByLabel("Rule prefix")).toBeVisible();
});
