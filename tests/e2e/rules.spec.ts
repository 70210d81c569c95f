import { type Locator, type Page, expect, test } from "@playwright/test";

import {
  DEMO_SERVICE_ACCOUNT,
  DEMO_SHOP,
  callWeChat,
  clearFaults,
  injectError,
  sandboxAccount,
  sandboxCalls,
  sandboxRule,
} from "./sandbox";
import { expectSearchParam, hydrated, openAccount, storageState } from "./support";

/**
 * The rules pages against the product in demo mode and its WeChat API
 * sandbox, in Chromium. The tests of this file run one after another (they
 * share the sandbox and its faults); each works on prefixes of its own.
 */
test.use({ storageState: storageState("admin") });
test.afterEach(async () => {
  await clearFaults();
});

function row(page: Page, prefix: string): Locator {
  return page.getByRole("row").filter({ has: page.getByText(prefix, { exact: true }) });
}

async function rowAction(page: Page, prefix: string, action: RegExp): Promise<void> {
  await page.getByRole("button", { name: new RegExp(`(Actions for |更多操作：)${escape(prefix)}$`) }).click();
  await page.getByRole("menuitem", { name: action }).click();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Searches by prefix and waits until the table shows the answer to that search (`count` rules). */
async function search(page: Page, text: string, count = 1): Promise<void> {
  await page.getByRole("searchbox").fill(text);
  await expectSearchParam(page, "q", text);
  await expect(page.getByTestId("rules-total")).toHaveText(new RegExp(`(^|\\D)${count}(\\D|$)`));
}

/** Confirms an alert dialog and waits for it to close (while it is open, the page behind it is hidden). */
async function confirmIn(dialog: Locator, button: string): Promise<void> {
  await dialog.getByRole("button", { name: button, exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
}

/** qrcodejumpadd calls the sandbox has received (from anyone: the tests of this file run one at a time). */
async function addCalls(): Promise<number> {
  return (await sandboxCalls()).filter((call) => call.endpoint === "qrcodejumpadd").length;
}

test("a type-A rule: caught live, added, edited in place and by a replace, published, replaced, deleted", async ({
  page,
}) => {
  const prefix = `https://shop.example.com/e2e-${Date.now()}/`;
  await openAccount(page, DEMO_SHOP.name);

  await page.getByRole("button", { name: "Add rule" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Rule prefix").fill(prefix);
  await dialog.getByLabel("Page path").fill("pages/e2e/index");
  await dialog.getByRole("button", { name: "Add test link" }).click();
  const link = dialog.getByLabel("Test link 1", { exact: true });
  const addsBefore = await addCalls();
  await link.fill(`https://other.example.com/e2e/1`);
  await expect(
    dialog.getByText("Different domain: the test link must have the same domain (and port) as the prefix."),
  ).toBeVisible();
  const submit = dialog.getByRole("button", { name: "Add rule" });
  await expect(submit).toBeDisabled();
  await expect(dialog.getByText(/problem to fix before saving: Test link 1/)).toBeVisible();
  expect(await addCalls()).toBe(addsBefore);

  await link.fill(`${prefix}1`);
  await expect(dialog.getByText(/Different domain/)).toHaveCount(0);
  await submit.click();
  await expect(dialog).toBeHidden();
  await search(page, prefix);
  await expect(row(page, prefix)).toContainText("Unpublished");
  expect(await sandboxRule(DEMO_SHOP.appid, prefix)).toMatchObject({
    path: "pages/e2e/index",
    state: 1,
    debug_url: [`${prefix}1`],
  });

  // Edit (unpublished): the test scope is changed in place, with no confirmation.
  await rowAction(page, prefix, /^Edit$/);
  await expect(dialog.getByLabel("Rule prefix")).toHaveValue(prefix);
  await dialog.getByRole("radio", { name: /Trial build/ }).check();
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  expect(await sandboxRule(DEMO_SHOP.appid, prefix)).toMatchObject({ open_version: 2, state: 1 });

  // A new page path is a replace, shown before it runs: no publish spent, test links down meanwhile.
  await rowAction(page, prefix, /^Edit$/);
  await dialog.getByLabel("Page path").fill("pages/e2e/edited");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  const replaceUnpublished = page.getByRole("alertdialog");
  await expect(replaceUnpublished.getByTestId("replace-cost")).toContainText("No publish");
  await expect(replaceUnpublished.getByTestId("replace-fallback")).toContainText(
    "its test links stop working for the few seconds between the delete and the add",
  );
  await confirmIn(replaceUnpublished, "Replace rule");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(row(page, prefix)).toContainText("pages/e2e/edited");
  await expect(row(page, prefix)).toContainText("Unpublished");
  expect(await sandboxRule(DEMO_SHOP.appid, prefix)).toMatchObject({ path: "pages/e2e/edited", state: 1 });

  // Publish: the confirmation shows the publishes left.
  const quotaBefore = (await sandboxAccount(DEMO_SHOP.appid)).publishesLeft;
  await rowAction(page, prefix, /^Publish$/);
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText(`Publishes left this month: ${quotaBefore}`);
  await confirmIn(confirm, "Publish");
  await expect(row(page, prefix)).toContainText("Published");
  expect(await sandboxRule(DEMO_SHOP.appid, prefix)).toMatchObject({ state: 2 });
  expect((await sandboxAccount(DEMO_SHOP.appid)).publishesLeft).toBe(quotaBefore - 1);

  // A published rule's new path: the replace is shown with its cost and the fallback window, confirmed by
  // typing the prefix, and the rule ends published with the new path.
  await rowAction(page, prefix, /^Edit$/);
  await expect(dialog.getByTestId("rule-form-edit-notice")).toContainText(
    "WeChat does not change a published rule",
  );
  await dialog.getByLabel("Page path").fill("pages/e2e/replaced");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  const replace = page.getByRole("alertdialog");
  await expect(replace).toContainText("Replace this rule?");
  await expect(replace.getByTestId("replace-cost")).toContainText(
    `1 publish of the ${quotaBefore - 1} left this month`,
  );
  await expect(replace.getByTestId("replace-fallback")).toContainText(
    "From the delete until the rule is published again, usually a few seconds, scanning its QR codes opens the web page instead of the Mini Program.",
  );
  const replaceButton = replace.getByRole("button", { name: "Replace rule", exact: true });
  await expect(replaceButton).toBeDisabled();
  await replace.getByLabel("Type the rule prefix to confirm").fill(prefix);
  await confirmIn(replace, "Replace rule");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(row(page, prefix)).toContainText("pages/e2e/replaced");
  await expect(row(page, prefix)).toContainText("Published");
  await expect(row(page, prefix)).not.toContainText("Unpublished");
  expect(await sandboxRule(DEMO_SHOP.appid, prefix)).toMatchObject({ path: "pages/e2e/replaced", state: 2 });
  expect((await sandboxAccount(DEMO_SHOP.appid)).publishesLeft).toBe(quotaBefore - 2);

  // Deleted: the operator types the prefix.
  await rowAction(page, prefix, /^Delete$/);
  const remove = page.getByRole("alertdialog");
  await expect(remove).toContainText(prefix);
  const deleteButton = remove.getByRole("button", { name: "Delete" });
  await expect(deleteButton).toBeDisabled();
  await remove.getByLabel("Type the prefix to confirm").fill(prefix);
  await deleteButton.click();
  await expect(remove).toBeHidden({ timeout: 30_000 });
  await expect(row(page, prefix)).toHaveCount(0);
  expect(await sandboxRule(DEMO_SHOP.appid, prefix)).toBeNull();
});

test("a type-B rule: a wrong prefix is caught live; a correct one is added and deleted", async ({ page }) => {
  const prefix = `http://weixin.qq.com/q/02e2e${Date.now()}`;
  await openAccount(page, DEMO_SERVICE_ACCOUNT.name);
  await page.getByRole("button", { name: "Add rule" }).click();
  const dialog = page.getByRole("dialog");
  const prefixInput = dialog.getByLabel("Rule prefix");
  await prefixInput.fill("https://weixin.qq.com/q/02abc");
  await expect(
    dialog.getByText(
      "A Service Account QR code rule starts with http://weixin.qq.com/q/ followed by the code.",
    ),
  ).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Add rule" })).toBeDisabled();

  await prefixInput.fill(prefix);
  await dialog.getByRole("combobox", { name: "Mini Program to open" }).click();
  await page.getByRole("option", { name: new RegExp(DEMO_SHOP.appid) }).click();
  await dialog.getByLabel("Page path").fill("pages/store/index");
  await dialog.getByRole("button", { name: "Add rule" }).click();
  await expect(dialog).toBeHidden();
  await search(page, prefix);
  await expect(row(page, prefix)).toContainText("pages/store/index");
  expect(await sandboxRule(DEMO_SERVICE_ACCOUNT.appid, prefix)).toMatchObject({
    appid: DEMO_SHOP.appid,
    state: 1,
  });

  // A publish WeChat refuses stays in its confirmation, with the catalog's explanation; nothing changed.
  await injectError("qrcodejumppublish", 85074);
  await rowAction(page, prefix, /^Publish$/);
  const publish = page.getByRole("alertdialog");
  await publish.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(publish.getByRole("alert")).toContainText("Mini Program not released");
  await expect(publish.getByRole("alert")).toContainText("Release the Mini Program, then publish the rule.");
  await publish.getByRole("button", { name: "Cancel" }).click();
  await expect(publish).toBeHidden();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(row(page, prefix)).toContainText("Unpublished");
  expect(await sandboxRule(DEMO_SERVICE_ACCOUNT.appid, prefix)).toMatchObject({ state: 1 });

  await rowAction(page, prefix, /^Delete$/);
  await confirmIn(page.getByRole("alertdialog"), "Delete");
  await expect(row(page, prefix)).toHaveCount(0);
  expect(await sandboxRule(DEMO_SERVICE_ACCOUNT.appid, prefix)).toBeNull();
});

test("85071, 85072 and 85073 from WeChat appear where they belong, with the catalog's text and the rid", async ({
  page,
}) => {
  await openAccount(page, DEMO_SHOP.name);
  await page.getByRole("button", { name: "Add rule" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Rule prefix").fill(`https://shop.example.com/e2e-errors-${Date.now()}/`);
  await dialog.getByLabel("Page path").fill("pages/e2e/index");
  const submit = dialog.getByRole("button", { name: "Add rule" });
  // The error is tied to the field it blames: it is the prefix input's accessible description.
  const prefixInput = dialog.getByLabel("Rule prefix");

  await injectError("qrcodejumpadd", 85071);
  await submit.click();
  await expect(prefixInput).toHaveAccessibleDescription(
    /Rule already exists.*Find it in the rule list and edit it instead\./,
  );
  await expect(prefixInput).toHaveAttribute("aria-invalid", "true");
  // The field WeChat blames is brought into view and focused; the alert at the top does not repeat it.
  await expect(prefixInput).toBeFocused();
  await expect(prefixInput).toBeInViewport();
  await expect(dialog.getByTestId("form-error")).not.toContainText("Find it in the rule list");
  await expect(dialog).toContainText(/Request ID \(rid\)/);
  await expect(dialog).toContainText(/[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}/);

  await injectError("qrcodejumpadd", 85072);
  await submit.click();
  await expect(prefixInput).toHaveAccessibleDescription(
    /Prefix occupied.*A Mini Program held outside this console occupies it/,
  );

  await injectError("qrcodejumpadd", 85073);
  await submit.click();
  await expect(dialog.getByRole("alert").filter({ hasText: "Rule limit reached" })).toBeVisible();
  // An error no field shows (85073) sits at the top of the form, in view and focused.
  await expect(dialog.getByTestId("form-error")).toBeFocused();
  await expect(dialog.getByTestId("form-error")).toBeInViewport();
  await expect(dialog).toContainText("Delete rules that are no longer used, then add again.");
  // The limit is said as a number.
  await expect(dialog.getByTestId("form-error")).toContainText("at most 100 ordinary-link rules");
});

test("a test link that only lengthens a prefix without / is told it is another path, not to add a /", async ({
  page,
}) => {
  await openAccount(page, DEMO_SHOP.name);
  await page.getByRole("button", { name: "Add rule" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Rule prefix").fill("https://shop.example.com/x");
  await dialog.getByLabel("Page path").fill("pages/e2e/index");
  await dialog.getByRole("button", { name: "Add test link" }).click();
  const link = dialog.getByLabel("Test link 1", { exact: true });

  await link.fill("https://shop.example.com/xy");
  await expect(link).toHaveAttribute("aria-invalid", "true");
  await expect(link).toHaveAccessibleDescription(/it only lengthens the prefix's last part/);
  await expect(link).not.toHaveAccessibleDescription(/end the prefix with \//i);

  // Under the prefix's path, a trailing / on the prefix is the fix, and the hint says so.
  await link.fill("https://shop.example.com/x/y");
  await expect(link).toHaveAccessibleDescription(/end the prefix with \//i);
  await expect(link).not.toHaveAccessibleDescription(/lengthens/);
  await dialog.getByRole("button", { name: "Cancel" }).click();
});

test("a saved rule is marked and brought into view; its prefix is monospace and a test link copies whole", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  // Short enough that the table's rows start below the fold.
  await page.setViewportSize({ width: 1280, height: 420 });
  const stamp = `hl${Date.now()}`;
  const first = `https://shop.example.com/${stamp}/a/`;
  const second = `https://shop.example.com/${stamp}/b/`;
  const longLink = `${first}${"campaign/".repeat(6)}landing?utm_source=poster&utm_medium=qr-code`;
  await openAccount(page, DEMO_SHOP.name);
  // Only this test's rules, so both are on the first page.
  await page.getByRole("searchbox").fill(stamp);
  await expectSearchParam(page, "q", stamp);
  const highlighted = page.locator("tr[data-highlighted]");
  const toTop = () =>
    page.evaluate(() => {
      window.scrollTo(0, 0);
      for (const element of document.querySelectorAll("main, main *"))
        if (element.scrollTop > 0) element.scrollTop = 0;
    });

  const dialog = page.getByRole("dialog");
  const add = async (prefix: string, testLink?: string) => {
    await toTop();
    await page.getByRole("button", { name: "Add rule" }).click();
    await dialog.getByLabel("Rule prefix").fill(prefix);
    await dialog.getByLabel("Page path").fill("pages/e2e/index");
    if (testLink) {
      await dialog.getByRole("button", { name: "Add test link" }).click();
      await dialog.getByLabel("Test link 1", { exact: true }).fill(testLink);
    }
    await dialog.getByRole("button", { name: "Add rule" }).click();
    await expect(dialog).toBeHidden();
  };

  await add(first, longLink);
  await expect(highlighted).toHaveCount(1);
  await expect(highlighted).toContainText(first);
  await add(second);
  await expect(highlighted).toHaveCount(1);
  await expect(highlighted).toContainText(second);
  await expect(highlighted).toBeInViewport();
  await toTop();
  await expect(row(page, first)).not.toBeInViewport();

  // An edit marks the edited row instead, and brings it into view.
  await rowAction(page, first, /^Edit$/);
  await dialog.getByRole("radio", { name: /Trial build/ }).check();
  await toTop();
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(highlighted).toHaveCount(1);
  await expect(highlighted).toContainText(first);
  await expect(highlighted).toContainText("Trial build");
  await expect(highlighted).toBeInViewport();

  // The prefix reads in a monospace face; the test link, cut in the middle on screen, copies whole.
  const prefixCell = row(page, first).getByTestId("rule-prefix");
  expect(await prefixCell.evaluate((element) => getComputedStyle(element).fontFamily)).toMatch(/mono/i);
  await row(page, first)
    .getByRole("button", { name: `Copy test link ${longLink}` })
    .click();
  await expect(row(page, first).getByRole("status").filter({ hasText: "Copied" })).toHaveCount(1);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(longLink);

  // Clean up, on a screen tall enough that the row menus do not open under the toasts.
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(page.getByRole("region", { name: /^Notifications/ }).getByRole("listitem")).toHaveCount(0);
  for (const prefix of [first, second]) {
    await rowAction(page, prefix, /^Delete$/);
    await confirmIn(page.getByRole("alertdialog"), "Delete");
    await expect(row(page, prefix)).toHaveCount(0);
  }
});

test("bulk delete of 10 rules reports each row", async ({ page }) => {
  const tag = `02bulk${Date.now()}`;
  const prefixes = Array.from({ length: 10 }, (_, n) => `http://weixin.qq.com/q/${tag}n${n}`);
  for (const prefix of prefixes) {
    expect(
      await callWeChat(DEMO_SERVICE_ACCOUNT, "qrcodejumpadd", {
        prefix,
        appid: DEMO_SHOP.appid,
        path: "pages/store/index",
        is_edit: 0,
      }),
    ).toMatchObject({ errcode: 0 });
  }
  await openAccount(page, DEMO_SERVICE_ACCOUNT.name);
  await page.getByRole("button", { name: "Sync", exact: true }).click();
  await search(page, tag, 10);
  // One of them is deleted behind the product's back: its row must say so.
  expect(
    await callWeChat(DEMO_SERVICE_ACCOUNT, "qrcodejumpdelete", {
      prefix: prefixes[3],
      appid: DEMO_SHOP.appid,
    }),
  ).toMatchObject({ errcode: 0 });

  await page.getByRole("checkbox", { name: "Select every rule on this page" }).check();
  await page.getByRole("button", { name: "Delete 10 rules" }).click();
  // A selection's delete is a change set: its plan is the confirmation, a background job applies it.
  await expect(page).toHaveURL(/\/changes\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("plan-count-delete")).toHaveText("10");
  await page.getByTestId("change-set-apply").click();
  await expect(page.getByTestId("change-set-status")).toHaveAttribute("data-status", "done", {
    timeout: 30_000,
  });
  const progress = page.getByTestId("change-set-progress");
  await expect(progress).toHaveAttribute("data-done", "9");
  await expect(progress).toHaveAttribute("data-failed", "1");
  for (const [n, prefix] of prefixes.entries()) {
    const item = page.getByTestId("plan-row").filter({ hasText: prefix });
    await expect(item.getByTestId("item-state")).toHaveAttribute("data-state", n === 3 ? "failed" : "done");
  }
  // The one deleted behind the product's back says what WeChat answered.
  await expect(page.getByTestId("plan-row").filter({ hasText: prefixes[3] ?? "" })).toContainText("40097");
  expect(
    (await sandboxAccount(DEMO_SERVICE_ACCOUNT.appid)).rules.filter((rule) => rule.prefix.includes(tag)),
  ).toEqual([]);
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "accept-language": "zh-CN,zh;q=0.9" } });

  test("the type-A flow speaks Chinese", async ({ page }) => {
    const prefix = `https://shop.example.com/zh-${Date.now()}/`;
    await openAccount(page, DEMO_SHOP.name);
    await page.getByRole("button", { name: "添加规则" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("规则前缀").fill(prefix);
    await dialog.getByLabel("小程序功能页面").fill("pages/zh/index");
    await dialog.getByRole("button", { name: "添加测试链接" }).click();
    const link = dialog.getByLabel("测试链接 1", { exact: true });
    await link.fill(`http://shop.example.com/zh/1`);
    await expect(dialog.locator("[id$='-error']").filter({ hasText: "协议" })).toBeVisible();
    await link.fill(`${prefix}1`);
    await dialog.getByRole("button", { name: "添加规则" }).click();
    await expect(dialog).toBeHidden();
    await search(page, prefix);
    await expect(row(page, prefix)).toContainText("未发布");

    await rowAction(page, prefix, /^发布$/);
    await expect(page.getByRole("alertdialog")).toContainText("本月剩余发布次数");
    await confirmIn(page.getByRole("alertdialog"), "发布");
    await expect(row(page, prefix)).toContainText("已发布");

    await rowAction(page, prefix, /^删除$/);
    const remove = page.getByRole("alertdialog");
    await remove.getByRole("textbox").fill(prefix);
    await confirmIn(remove, "删除");
    await expect(row(page, prefix)).toHaveCount(0);
    expect(await sandboxRule(DEMO_SHOP.appid, prefix)).toBeNull();
  });
});

test("a personal Mini Program says once that it cannot use the rules, and offers nothing that cannot work", async ({
  page,
}) => {
  const name = "Personal Blog (personal account)";
  await page.goto("/accounts");
  await hydrated(page);
  await page.getByRole("button", { name: `Check whether ${name} can use QR-code jump rules` }).click();
  await expect(
    page.getByRole("row", { name: new RegExp(`^${escape(name)}`) }).getByTestId("capability"),
  ).toHaveAttribute("data-capability", "personal");

  await page.goto("/rules");
  await hydrated(page);
  await page.getByRole("combobox", { name: /WeChat account/ }).click();
  await page.getByRole("option", { name: new RegExp(escape(name)) }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await hydrated(page);
  const notice = page.getByTestId("capability-notice");
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText("85075");
  await expect(page.getByRole("button", { name: "Add rule" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Try again" })).toHaveCount(0);
  await expect(page.getByTestId("setup-checklist")).toHaveCount(0);
});
