import { type Page, expect, test } from "@playwright/test";

import { DEMO_SHOP } from "./sandbox";
import { hydrated, openAccount, storageState } from "./support";

/**
 * Nothing visible is inert: a control clicked while the page's scripts are still on their way acts once
 * they arrive. Each test holds the scripts back until its click is made, so the click surely comes first.
 */
test.use({ storageState: storageState("admin") });

/** Opens `path` with every script held back; `release` lets them through. */
async function openHeld(page: Page, path: string): Promise<{ release: () => void }> {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(path, { waitUntil: "commit" });
  return { release };
}

test("a click on the account picker before the page has hydrated opens it once the scripts arrive", async ({
  page,
}) => {
  const { release } = await openHeld(page, "/rules");
  const picker = page.getByRole("combobox", { name: "WeChat account" });
  await picker.click();
  await expect(page.locator("html[data-hydrated]")).toHaveCount(0);
  release();
  await hydrated(page);
  await expect(page.getByRole("listbox")).toBeVisible();
  await expect(page.getByRole("option", { name: /Demo Service Account/ })).toBeVisible();
});

test("a click on a rule's actions before the page has hydrated opens its menu once the scripts arrive", async ({
  page,
}) => {
  const path = await openAccount(page, DEMO_SHOP.name);
  const { release } = await openHeld(page, path);
  // The first page of rules comes drawn with the page, before any script.
  const actions = page.getByRole("button", { name: /^Actions for / }).first();
  await actions.click();
  await expect(page.locator("html[data-hydrated]")).toHaveCount(0);
  await expect(page.getByRole("menu")).toHaveCount(0);
  release();
  await hydrated(page);
  await expect(page.getByRole("menu")).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Edit" })).toBeVisible();
});

test("a click on a term's help before the page has hydrated opens its explanation once the scripts arrive", async ({
  page,
}) => {
  const path = await openAccount(page, DEMO_SHOP.name);
  const { release } = await openHeld(page, path);
  const help = page.getByRole("button", { name: "Why is there a monthly limit?" });
  await help.click();
  await expect(page.locator("html[data-hydrated]")).toHaveCount(0);
  release();
  await hydrated(page);
  const popover = page.getByTestId("term-help");
  await expect(popover).toBeVisible();
  await expect(popover).toContainText("Publishes left this month");
});
