import { type Browser, type BrowserContext, type Page, expect, test } from "@playwright/test";

import { DEMO_SHOP } from "./sandbox";
import { DEMO, hydrated, signIn, storageState } from "./support";

/**
 * Accounts, operators and per-account access in the product (demo mode), in
 * Chromium: an admin re-adds a Mini Program (a wrong AppSecret first), gives
 * a new operator that account only, and the operator works with it alone; a
 * viewer reads rules without any way to change them. What an admin changes
 * of an operator, and what an operator is refused, is told in the log in
 * words, in English and in Chinese.
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

type RoleName = "Admin" | "Operator" | "Viewer";

/** An admin adds an operator with an initial password (no set-password link), given `accounts`. */
async function addOperator(
  admin: Page,
  person: { email: string; name: string; role: RoleName; accounts: string[] },
): Promise<void> {
  await admin.goto("/operators");
  await hydrated(admin);
  await admin.getByRole("button", { name: "Add operator" }).click();
  const form = admin.getByRole("dialog", { name: "Add operator" });
  await form.getByLabel("Email").fill(person.email);
  await form.getByRole("textbox", { name: "Name", exact: true }).fill(person.name);
  await form.getByRole("radio", { name: person.role, exact: true }).check();
  for (const account of person.accounts)
    await form.getByRole("checkbox", { name: `Give access to ${account}` }).check();
  await form.getByLabel("Initial password").fill(`${person.name.replace(/\W/g, "")}-pass-2026`);
  await form.getByRole("button", { name: "Save operator" }).click();
  await expect(form).toBeHidden();
  await expect(admin.getByRole("row").filter({ hasText: person.email })).toBeVisible();
}

/** The admin edits an operator on the Operators page: its role, and which accounts it is given. */
async function editOperator(
  admin: Page,
  email: string,
  change: { role?: RoleName; give?: string[]; takeAway?: string[] },
): Promise<void> {
  await admin.goto("/operators");
  await hydrated(admin);
  await admin.getByRole("button", { name: `Actions for ${email}` }).click();
  await admin.getByRole("menuitem", { name: "Edit" }).click();
  const form = admin.getByRole("dialog", { name: "Edit operator" });
  if (change.role) await form.getByRole("radio", { name: change.role, exact: true }).check();
  for (const account of change.give ?? [])
    await form.getByRole("checkbox", { name: `Give access to ${account}` }).check();
  for (const account of change.takeAway ?? [])
    await form.getByRole("checkbox", { name: `Give access to ${account}` }).uncheck();
  await form.getByRole("button", { name: "Save operator" }).click();
  await expect(form).toBeHidden();
}

/** The admin's log of one operation, newest first. */
async function openLog(admin: Page, operation: string): Promise<void> {
  await admin.goto(`/activity?view=log&operation=${operation}`);
  await hydrated(admin);
}

async function inChinese(context: BrowserContext, page: Page): Promise<void> {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: page.url() }]);
  await page.reload();
  await hydrated(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
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

test("a row menu opened while the list refreshes after a save stays open, and the row shows the save", async ({
  browser,
}) => {
  const adminContext = await browser.newContext({ storageState: storageState("admin") });
  const admin = await adminContext.newPage();
  const email = `refreshed${Date.now()}@example.com`;
  await addOperator(admin, { email, name: "Refreshed Operator", role: "Operator", accounts: [] });

  // The list's refresh after the save is held back, so the menu is surely open when the new list lands.
  let refreshes = 0;
  let releaseRefresh = () => {};
  const refreshHeld = new Promise<void>((resolve) => (releaseRefresh = resolve));
  await admin.route("**/operators*", async (route) => {
    const headers = route.request().headers();
    if (route.request().method() === "GET" && headers.rsc === "1" && !headers["next-router-prefetch"]) {
      refreshes += 1;
      await refreshHeld;
    }
    await route.continue();
  });
  await editOperator(admin, email, { role: "Viewer" });
  await expect.poll(() => refreshes).toBeGreaterThan(0);

  await admin.getByRole("button", { name: `Actions for ${email}` }).click();
  const menu = admin.getByRole("menu");
  await expect(menu.getByRole("menuitem", { name: "Edit" })).toBeVisible();
  const refreshed = admin.waitForResponse(
    (response) => response.url().includes("/operators") && response.request().headers().rsc === "1",
  );
  releaseRefresh();
  await refreshed;
  const row = admin.getByRole("row").filter({ hasText: email });
  await expect(row.getByTestId("operator-role")).toHaveAttribute("data-role", "viewer");
  // Still open, and still working: the new list redrew the row's cells without remounting them.
  await expect(menu.getByRole("menuitem", { name: "Edit" })).toBeVisible();
  await menu.getByRole("menuitem", { name: "Edit" }).click();
  await expect(admin.getByRole("dialog", { name: "Edit operator" })).toBeVisible();
  await adminContext.close();
});

test("what an admin changes of an operator is logged as before → after, in both languages", async ({
  browser,
}) => {
  // Several saves, then the log in both languages: a long walk, given three times the usual time.
  test.slow();
  const adminContext = await browser.newContext({ storageState: storageState("admin") });
  const admin = await adminContext.newPage();
  // A fresh operator, so the demo operator and viewer the other specs sign in as are left as they are.
  const email = `changed${Date.now()}@example.com`;
  await addOperator(admin, { email, name: "Changed Operator", role: "Operator", accounts: [DEMO_SHOP.name] });

  await editOperator(admin, email, { role: "Viewer" });
  await editOperator(admin, email, { takeAway: [DEMO_SHOP.name] });
  await admin.getByRole("button", { name: `Actions for ${email}` }).click();
  await admin.getByRole("menuitem", { name: "Disable" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Disable", exact: true }).click();
  await expect(admin.getByRole("alertdialog")).toBeHidden();
  await expect(admin.getByRole("row").filter({ hasText: email })).toContainText("Disabled");

  await openLog(admin, "operator.update");
  const entries = admin.getByRole("row").filter({ hasText: email });
  await expect(entries.filter({ hasText: "role operator → viewer; accounts given 1 → 1" })).toHaveCount(1);
  await expect(entries.filter({ hasText: `${email}: accounts given 1 → 0` })).toHaveCount(1);
  await expect(entries.filter({ hasText: `${email} disabled: signed out and cannot sign in` })).toHaveCount(
    1,
  );
  // Who made each change.
  for (const entry of await entries.all()) await expect(entry).toContainText(DEMO.admin.email);

  await inChinese(adminContext, admin);
  await expect(entries.filter({ hasText: "角色 操作员 → 只读成员；分配的账号 1 → 1" })).toHaveCount(1);
  await expect(entries.filter({ hasText: `${email}：分配的账号 1 → 0` })).toHaveCount(1);
  await expect(entries.filter({ hasText: `已停用 ${email}：已登出且无法登录` })).toHaveCount(1);
  // An operator is 操作员 in Chinese, in the log and on the Operators page alike.
  await expect(admin.getByRole("main")).toContainText("操作员");
  await expect(admin.locator("body")).not.toContainText("操作人");
  await admin.goto("/operators");
  await hydrated(admin);
  await expect(admin.getByRole("heading", { level: 1, name: "操作员" })).toBeVisible();
  await expect(admin.getByRole("row").filter({ hasText: email })).toContainText("只读成员");
  await expect(admin.locator("body")).not.toContainText("操作人");
  await adminContext.close();
});

test("an action refused to an operator is logged in words: what, on which account, and why", async ({
  browser,
}) => {
  // Several saves, then the log in both languages: a long walk, given three times the usual time.
  test.slow();
  const adminContext = await browser.newContext({ storageState: storageState("admin") });
  const admin = await adminContext.newPage();
  const email = `refused${Date.now()}@example.com`;
  const name = "Refused Operator";
  await addOperator(admin, { email, name, role: "Operator", accounts: [DEMO_SHOP.name] });

  // The operator opens the add-rule form of the one account they were given…
  const operator = await asNewUser(browser);
  await operator.goto("/login");
  await signIn(operator, { email, password: "RefusedOperator-pass-2026" });
  await operator.waitForURL(/\/rules\//);
  await expect(operator.getByRole("heading", { level: 1, name: DEMO_SHOP.name })).toBeVisible();
  await hydrated(operator);
  await operator.getByRole("button", { name: "Add rule" }).click();
  const dialog = operator.getByRole("dialog");
  await dialog.getByLabel("Rule prefix").fill(`https://shop.example.com/refused-${Date.now()}/`);
  await dialog.getByLabel("Page path").fill("pages/refused/index");

  // …while the admin makes them a viewer: the save is refused for the role.
  await editOperator(admin, email, { role: "Viewer" });
  await dialog.getByRole("button", { name: "Add rule" }).click();
  await expect(dialog.getByTestId("form-error")).toContainText("Your role does not allow this action.");

  // Operator again, but without the account: the save is refused for the account.
  await editOperator(admin, email, { role: "Operator", takeAway: [DEMO_SHOP.name] });
  await dialog.getByRole("button", { name: "Add rule" }).click();
  await expect(dialog.getByTestId("form-error")).toContainText(
    "This WeChat account has not been given to you.",
  );
  await operator.context().close();

  await openLog(admin, "action.refused");
  const entries = admin.getByRole("row").filter({ hasText: email });
  await expect(entries).toHaveCount(2);
  const byRole = entries.filter({
    hasText: "Refused: save a Mini Program rule (the operator's role does not allow it)",
  });
  const byAccount = entries.filter({
    hasText: "Refused: save a Mini Program rule on an account not given to the operator",
  });
  await expect(byRole).toHaveCount(1);
  await expect(byAccount).toHaveCount(1);
  for (const entry of [byRole, byAccount]) {
    await expect(entry).toContainText("Refused action");
    await expect(entry).toContainText(DEMO_SHOP.name);
  }
  // The action is named in words, never by its function's name.
  await expect(admin.getByRole("main")).not.toContainText(/saveType|deleteRules?\b|[a-z][A-Z][a-z]+Rule/);

  await inChinese(adminContext, admin);
  await expect(entries.filter({ hasText: "已拒绝：保存小程序规则（该操作员的角色无此权限）" })).toHaveCount(
    1,
  );
  await expect(entries.filter({ hasText: "已拒绝：保存小程序规则，该账号未分配给该操作员" })).toHaveCount(1);
  await expect(entries.filter({ hasText: "被拒绝的操作" })).toHaveCount(2);
  await expect(admin.getByRole("main")).not.toContainText(/saveType|deleteRules?\b/);
  await expect(admin.locator("body")).not.toContainText("操作人");
  await adminContext.close();
});
