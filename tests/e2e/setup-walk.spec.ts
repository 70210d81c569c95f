import { stat } from "node:fs/promises";

import { expect, test } from "@playwright/test";

import { createSandboxMiniProgram, sandboxRule } from "./sandbox";
import { hydrated, keepScreenshot, storageState } from "./support";

/**
 * A brand-new Mini Program, walked in Chinese from the set-up checklist's first step to a published
 * rule, with a screenshot of each step kept as a file of the test's output and attached to its report.
 * The Mini Program is created in the sandbox first (a merchant's new one), then added here as an
 * operator would.
 */
test.use({
  storageState: storageState("admin"),
  locale: "zh-CN",
  extraHTTPHeaders: { "accept-language": "zh-CN,zh;q=0.9" },
  viewport: { width: 1400, height: 900 },
});

test("a new Mini Program, from the checklist's first step to a published rule, in Chinese", async ({
  page,
}, testInfo) => {
  const stamp = Date.now().toString(16);
  const { appid, secret, name } = await createSandboxMiniProgram(stamp, `面馆小程序 ${stamp.slice(-4)}`);

  // The admin adds the account.
  await page.goto("/accounts");
  await hydrated(page);
  await page.getByRole("button", { name: "添加账号" }).click();
  const dialog = page.getByRole("dialog", { name: "添加账号" });
  await dialog.getByLabel("显示名称").fill(name);
  await dialog.getByRole("radio", { name: "小程序" }).check();
  await dialog.getByRole("textbox", { name: "AppID", exact: true }).fill(appid);
  await dialog.locator("input[type=password]").fill(secret);
  await dialog.getByRole("button", { name: "保存账号" }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });

  // Its rules page opens with the checklist; the capability was checked as it was added.
  await page.goto("/rules");
  await hydrated(page);
  await page.getByRole("combobox", { name: /微信账号/ }).click();
  await page.getByRole("option", { name: new RegExp(appid) }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await hydrated(page);
  const checklist = page.getByTestId("setup-checklist");
  await expect(checklist).toContainText(`设置 ${name}`);
  await expect(checklist.getByTestId("setup-step-capability")).toHaveAttribute("data-done", "true");
  await expect(checklist.getByTestId("setup-progress")).toHaveText("已完成 1/5 步");
  await expect(checklist.getByTestId("setup-step-verification")).toHaveAttribute("aria-current", "step");
  await keepScreenshot(page, testInfo, "1-账号已就绪");

  // Step 2: the verification file, hosted here and checked, from the rule form the checklist opens.
  await checklist.getByRole("button", { name: "打开规则表单" }).click();
  const form = page.getByRole("dialog");
  const hosting = form.getByTestId("verification-hosting");
  await hosting.getByRole("button", { name: /^(在此托管|重新下载并托管)$/ }).click();
  await expect(hosting.getByTestId("verification-hosting-url")).toBeVisible();
  await hosting.getByRole("button", { name: "用作前缀" }).click();
  const prefix = (await hosting.getByTestId("verification-hosting-directory").textContent()) ?? "";
  await expect(form.getByLabel("规则前缀")).toHaveValue(prefix);
  await form.getByTestId("verification-preflight").getByRole("button", { name: "立即检查" }).click();
  await expect(form.getByTestId("preflight-report")).toContainText("通过");
  await keepScreenshot(page, testInfo, "2-校验文件已托管并检查");

  // Step 3: the first rule, with a test link.
  await form.getByLabel("小程序功能页面").fill("pages/index/index");
  await form.getByRole("button", { name: "添加测试链接" }).click();
  await form.getByLabel("测试链接 1", { exact: true }).fill(`${prefix}menu`);
  await form.getByRole("button", { name: "添加规则", exact: true }).click();
  await expect(form).toBeHidden({ timeout: 30_000 });
  await expect(checklist.getByTestId("setup-step-verification")).toHaveAttribute("data-done", "true");
  await expect(checklist.getByTestId("setup-step-firstRule")).toHaveAttribute("data-done", "true");
  await expect(checklist.getByTestId("setup-test-link")).toHaveText(`${prefix}menu`);
  await expect(checklist).toContainText("开发版");
  await keepScreenshot(page, testInfo, "3-第一条规则与测试链接", "setup-checklist");

  // Step 4: scanned with a phone (the one step the product cannot see: the operator marks it).
  await checklist.getByRole("button", { name: "已打开：标记为已测试" }).click();
  await expect(checklist.getByTestId("setup-step-tested")).toHaveAttribute("data-done", "true");
  await expect(checklist.getByTestId("setup-step-published")).toHaveAttribute("aria-current", "step");
  await keepScreenshot(page, testInfo, "4-手机测试");

  // Step 5: published; the checklist has done its work and goes.
  await page.getByRole("button", { name: `更多操作：${prefix}` }).click();
  await page.getByRole("menuitem", { name: "发布" }).click();
  const confirm = page.getByRole("alertdialog");
  await confirm.getByRole("button", { name: "发布", exact: true }).click();
  await expect(confirm).toBeHidden({ timeout: 30_000 });
  await expect(checklist).toBeHidden({ timeout: 15_000 });
  await expect(page.getByRole("row").filter({ hasText: prefix })).toContainText("已发布");
  await keepScreenshot(page, testInfo, "5-已发布");
  expect(await sandboxRule(appid, prefix)).toMatchObject({ path: "pages/index/index", state: 2 });

  // Each step's picture is a file of the test's output, kept whatever the reporter.
  const pictures = testInfo.attachments.filter((attachment) => attachment.contentType === "image/png");
  expect(pictures.map((picture) => picture.name)).toEqual([
    "1-账号已就绪",
    "2-校验文件已托管并检查",
    "3-第一条规则与测试链接",
    "4-手机测试",
    "5-已发布",
  ]);
  for (const picture of pictures) {
    expect(picture.path).toBeTruthy();
    expect((await stat(testInfo.outputPath(`${picture.name}.png`))).size).toBeGreaterThan(1000);
  }
});
