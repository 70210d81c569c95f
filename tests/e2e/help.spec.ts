import { type Locator, type Page, expect, test } from "@playwright/test";

import { DEMO_SERVICE_ACCOUNT, DEMO_SHOP, createSandboxMiniProgram } from "./sandbox";
import { hydrated, openAccount, storageState } from "./support";

/**
 * WeChat's terms explained where they appear (a "?" beside the label opens the explanation with WeChat's
 * own example), and the empty rules page that teaches what a rule does.
 */
test.use({ storageState: storageState("admin") });

/** Opens a term's help by its "?" button, checks its title, explanation and example, and closes it. */
async function expectTermHelp(
  page: Page,
  scope: Locator,
  question: string,
  shown: { title: string; body: string; example: string; code: string[] },
): Promise<void> {
  const button = scope.getByRole("button", { name: question, exact: true });
  await button.click();
  const popover = page.getByTestId("term-help");
  await expect(popover).toBeVisible();
  await expect(popover).toContainText(shown.title);
  await expect(popover).toContainText(shown.body);
  await expect(popover).toContainText("WeChat's example");
  await expect(popover).toContainText(shown.example);
  await expect(popover.locator("code")).toHaveText(shown.code);
  await page.keyboard.press("Escape");
  await expect(popover).toBeHidden();
  await expect(button).toBeFocused();
}

test("a prefix in the table keeps its whole value as text and tooltip however narrow its column", async ({
  page,
}) => {
  await openAccount(page, DEMO_SHOP.name, { withRows: true });
  const cell = page.getByTestId("rule-prefix").first();
  const text = (await cell.textContent()) ?? "";
  expect(text).toMatch(/^https?:\/\//);
  await expect(cell).toHaveAttribute("title", text);
  // One line: the cell is no taller than a line of its monospace text.
  const box = await cell.boundingBox();
  expect(box?.height ?? 0).toBeLessThan(24);
});

test("the add-rule form explains a prefix with WeChat's example, from the keyboard", async ({ page }) => {
  await openAccount(page, DEMO_SHOP.name, { withRows: true });
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

test("each term of the rule forms and figures is explained with WeChat's example", async ({ page }) => {
  await openAccount(page, DEMO_SHOP.name, { withRows: true });
  await expectTermHelp(page, page.getByRole("main"), "Why is there a monthly limit?", {
    title: "Publishes left this month",
    body: "Each Mini Program can publish about 100 times a month",
    example: "WeChat gives the publishes left in this field each time the rules are read",
    code: ["qrcodejump_pub_quota"],
  });

  await page.getByRole("button", { name: "Add rule" }).first().click();
  const form = page.getByRole("dialog", { name: /rule/i });
  await expectTermHelp(page, form, "What does occupying sub-rules do?", {
    title: "Occupy sub-rules",
    body: "other WeChat accounts can no longer add rules under it",
    example: "Once the first rule occupies its sub-rules, no other account can add the second one",
    code: ["https://wx.qq.com/mp?id=123", "https://wx.qq.com/mp?id=1234"],
  });
  await expectTermHelp(page, form, "Which build opens, and for whom?", {
    title: "Test scope",
    body: "the development build for its developers",
    example: "WeChat's example rule sets 1: the development build.",
    code: ['"open_version": 1'],
  });
  await expectTermHelp(page, form, "How do I try a rule before it goes live?", {
    title: "Test links",
    body: "Up to 5 full links, each covered by the prefix",
    example: "Both links are covered by the rule, so WeChat takes them as its test links.",
    code: [
      "https://weixin.qq.com/qrcodejump",
      "https://weixin.qq.com/qrcodejump?a=1",
      "https://weixin.qq.com/qrcodejump?a=2",
    ],
  });
  await expectTermHelp(page, form, "Why does WeChat need this file?", {
    title: "Verification file",
    body: "WeChat downloads it when the rule is added and refuses the rule if it cannot (error 85069)",
    example: "The rule names the directory /mp/, so the file is served there.",
    code: ["https://wx.qq.com/mp/", "https://wx.qq.com/mp/xxxxxx.txt"],
  });
  // The form is still open, with nothing sent.
  await expect(form.getByLabel("Rule prefix")).toBeVisible();
  await form.getByRole("button", { name: "Cancel" }).click();

  // A Service Account's form explains its QR codes.
  await openAccount(page, DEMO_SERVICE_ACCOUNT.name);
  await page.getByRole("button", { name: "Add rule" }).first().click();
  const typeB = page.getByRole("dialog", { name: /rule/i });
  await expectTermHelp(page, typeB, "What is a Service Account QR code?", {
    title: "Service Account QR code",
    body: "its link is http://weixin.qq.com/q/ followed by the code",
    example: "A rule for this QR code link opens the page in the Mini Program it names.",
    code: ["http://weixin.qq.com/q/02P5KzM_xxxxx", "pages/index/index"],
  });
});

test("an account with no rules teaches what a rule does, and offers to add one", async ({ page }) => {
  const stamp = Date.now().toString(16);
  const account = await createSandboxMiniProgram(stamp, `Empty Mini Program ${stamp.slice(-4)}`);
  await page.goto("/accounts");
  await hydrated(page);
  await page.getByRole("button", { name: "Add account" }).click();
  const dialog = page.getByRole("dialog", { name: "Add account" });
  await dialog.getByLabel("Display name").fill(account.name);
  await dialog.getByRole("radio", { name: "Mini Program" }).check();
  await dialog.getByRole("textbox", { name: "AppID", exact: true }).fill(account.appid);
  await dialog.locator("input[type=password]").fill(account.secret);
  await dialog.getByRole("button", { name: "Save account" }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });

  await openAccount(page, account.name);
  const empty = page.getByTestId("rules-empty");
  await expect(empty).toContainText("No rules yet", { timeout: 30_000 });
  await expect(empty.getByRole("list", { name: "What a rule does" }).getByRole("listitem")).toHaveText([
    "Someone scans the QR code of a link",
    "WeChat finds the rule that covers it",
    "This Mini Program opens the rule's page",
  ]);
  await expect(empty.locator("code")).toHaveText([
    "https://example.com/p/",
    "https://example.com/p/123",
    "pages/x",
  ]);
  await expect(empty).toContainText(
    "A new rule starts unpublished: try it with test links first, then publish it.",
  );
  await empty.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByRole("dialog").getByLabel("Rule prefix")).toBeVisible();
});
