import { type Browser, type Page, expect, test } from "@playwright/test";

import { DEMO_SHOP } from "./sandbox";
import { DEMO, hydrated, signIn, storageState } from "./support";

/**
 * Accounts, operators and per-account access in the product (demo mode), in
 * Chromium: an admin re-adds a Mini Program (a wrong AppSecret first), gives
 * a new operator that account only, and the operator works with it alone; a
 * viewer reads rules without any way to change them.
 */
const CAMPAIGN = {
  appid: "wx5e4d3c2b1a0f9e87",
  secret: "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b",
  name: "New Campaign (no released code)",
};

async function accountActions(page: Page, name: string, item: string): Promise<void> {
  await page.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

async function asNewUser(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

test("an admin adds an account and an operator who works with that account alone", async ({ browser }) => {
  const admin = await (await browser.newContext({ storageState: storageState("admin") })).newPage();
  await admin.goto("/accounts");
  await hydrated(admin);

  // The demo already has the account: forget it here first (its rules at WeChat stay).
  await accountActions(admin, CAMPAIGN.name, "Delete");
  const confirm = admin.getByRole("alertdialog");
  await expect(confirm).toContainText("Its rules at WeChat are NOT touched");
  await confirm.getByLabel("Type the AppID to confirm").fill(CAMPAIGN.appid);
  await confirm.getByRole("button", { name: "Delete account" }).click();
  await expect(admin.getByRole("row", { name: /^New Campaign/ })).toHaveCount(0);

  // A wrong AppSecret: WeChat's 40125, explained on the AppSecret field.
  await admin.getByRole("button", { name: "Add account" }).click();
  const dialog = admin.getByRole("dialog", { name: "Add account" });
  await dialog.getByLabel("Display name").fill("Campaign");
  await dialog.getByRole("radio", { name: "Mini Program" }).check();
  await dialog.getByRole("textbox", { name: "AppID", exact: true }).fill(CAMPAIGN.appid);
  const secret = dialog.locator("input[type=password]");
  await secret.fill("0123456789abcdef0123456789abcdef");
  await dialog.getByRole("button", { name: "Save account" }).click();
  await expect(secret).toHaveAccessibleDescription(/AppSecret/);
  await expect(secret).toHaveAttribute("aria-invalid", "true");
  await expect(dialog).toContainText("40125");

  await secret.fill(CAMPAIGN.secret);
  await dialog.getByRole("button", { name: "Save account" }).click();
  await expect(dialog).toBeHidden();
  const accountRow = admin.getByRole("row", { name: /^Campaign Mini Program/ });
  await expect(accountRow).toContainText(`••••${CAMPAIGN.secret.slice(-4)}`);
  expect(await admin.content()).not.toContain(CAMPAIGN.secret);
  // Checked with WeChat as it was added: it can use the rules.
  await expect(accountRow.getByTestId("capability")).toHaveText("Ready");
  await accountRow.getByRole("button", { name: "Check whether Campaign can use QR-code jump rules" }).click();
  await expect(accountRow.getByTestId("capability")).toHaveAttribute("data-capability", "ready");

  // Its rules appear.
  await admin.goto("/rules");
  await admin.getByRole("combobox", { name: "WeChat account" }).click();
  await admin.getByRole("option", { name: /Campaign/ }).click();
  await expect(admin.getByText("https://campaign.example.com/launch/", { exact: true })).toBeVisible({
    timeout: 20_000,
  });

  // An operator given this account only, who sets a password through the one-time link.
  const email = `op${Date.now()}@example.com`;
  await admin.goto("/operators");
  await hydrated(admin);
  await admin.getByRole("button", { name: "Add operator" }).click();
  const form = admin.getByRole("dialog", { name: "Add operator" });
  await form.getByLabel("Email").fill(email);
  await form.getByRole("textbox", { name: "Name", exact: true }).fill("Campaign Operator");
  await form.getByRole("radio", { name: "Operator" }).check();
  await form.getByRole("checkbox", { name: "Give access to Campaign" }).check();
  await form.getByRole("button", { name: "Save operator" }).click();
  const link = await admin.getByTestId("set-password-link").textContent();
  expect(link).toMatch(/\/set-password\?token=/);

  const operator = await asNewUser(browser);
  await operator.goto(new URL(link ?? "").pathname + new URL(link ?? "").search);
  await hydrated(operator);
  await operator.getByLabel("New password").fill("campaign-operator-2026");
  await operator.getByLabel("Confirm password").fill("campaign-operator-2026");
  await operator.getByRole("button", { name: "Set password" }).click();
  await operator.getByRole("link", { name: "Sign in" }).click();
  await signIn(operator, { email, password: "campaign-operator-2026" });

  // The operator sees that account only, and adds and deletes a rule in it.
  await operator.waitForURL(/\/rules\//);
  await expect(operator.getByRole("heading", { level: 1, name: "Campaign" })).toBeVisible();
  await operator.getByRole("combobox", { name: "WeChat account" }).click();
  await expect(operator.getByRole("option")).toHaveCount(1);
  await operator.keyboard.press("Escape");

  const prefix = `https://campaign.example.com/op-${Date.now()}/`;
  await operator.getByRole("button", { name: "Add rule" }).click();
  const add = operator.getByRole("dialog");
  await add.getByLabel("Rule prefix").fill(prefix);
  await add.getByLabel("Page path").fill("pages/launch/index");
  await add.getByRole("button", { name: "Add rule" }).click();
  await expect(add).toBeHidden();
  const row = operator.getByRole("row").filter({ has: operator.getByText(prefix, { exact: true }) });
  await expect(row).toBeVisible();
  await operator.getByRole("button", { name: `Actions for ${prefix}` }).click();
  await operator.getByRole("menuitem", { name: "Delete" }).click();
  await operator.getByRole("alertdialog").getByRole("button", { name: "Delete", exact: true }).click();
  await expect(operator.getByRole("alertdialog")).toBeHidden();
  await expect(row).toHaveCount(0);

  // Other accounts do not exist for this operator, even by URL.
  await operator.goto("/rules");
  const shopId = await admin.evaluate(async (name) => {
    const response = await fetch("/api/activity/overview?range=24h");
    const overview = (await response.json()) as { perAccount: { id: string; name: string }[] };
    return overview.perAccount.find((account) => account.name === name)?.id ?? "";
  }, DEMO_SHOP.name);
  const denied = await operator.request.get(`/api/accounts/${shopId}/rules`);
  expect(denied.status()).toBe(404);
  // Its page says the account is not theirs and who can change that, rather than "not found".
  await operator.goto(`/rules/${shopId}`);
  await expect(operator.getByTestId("no-access")).toContainText("You do not have access to this account");
  await expect(operator.getByTestId("no-access")).toContainText("Ask an admin");
  await expect(operator.getByTestId("no-access")).not.toContainText(DEMO_SHOP.name);
});

test("a viewer sees rules but has no way to change them", async ({ browser }) => {
  const viewer = await (await browser.newContext({ storageState: storageState("viewer") })).newPage();
  await viewer.goto("/rules");
  await hydrated(viewer);
  await viewer.getByRole("combobox", { name: "WeChat account" }).click();
  await viewer.getByRole("option", { name: new RegExp(DEMO_SHOP.name) }).click();
  await expect(viewer.getByText("https://shop.example.com/store/", { exact: true })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Add rule" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^Actions for/ })).toHaveCount(0);
  await expect(viewer.getByRole("checkbox")).toHaveCount(0);
  // Why there are no edit controls, and a navigation of only what a viewer can use.
  await expect(viewer.getByTestId("rules-read-only")).toContainText("your role (viewer) cannot change them");
  const nav = viewer.getByRole("navigation", { name: "Main navigation" });
  await expect(nav.getByRole("link")).toHaveText(["Rules", "Scan check", "Activity"]);
  await viewer.goto("/accounts");
  await expect(viewer.getByText("Only admins manage WeChat accounts", { exact: false })).toBeVisible();
  expect(DEMO.viewer.email).toBe("viewer@demo.local");
});
