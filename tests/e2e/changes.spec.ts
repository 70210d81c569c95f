import { readFile } from "node:fs/promises";

import { type Page, expect, test } from "@playwright/test";

import { DEMO_SERVICE_ACCOUNT, DEMO_SHOP, sandboxAccount } from "./sandbox";
import { hydrated, storageState } from "./support";

/**
 * Bulk changes in Chromium against the product in demo mode: a file is imported, its plan shows each
 * row's fate and the cost, the job applies it while the page shows its progress, the sandbox ends with
 * exactly the planned rules, and an export gives the same rules back.
 */
test.use({ storageState: storageState("admin") });

const HEADER_A = "Prefix,Page path,Occupy prefix,Test scope,Test links,Published";
const csvFile = (name: string, lines: string[]) => ({
  name,
  mimeType: "text/csv",
  buffer: Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`),
});

async function openChanges(page: Page, name: string): Promise<void> {
  await page.goto("/rules");
  await hydrated(page);
  await page.getByRole("combobox", { name: "WeChat account" }).click();
  await page.getByRole("option", { name: new RegExp(name) }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByTestId("rules-bulk-changes").click();
  await expect(page.getByRole("heading", { level: 1, name: `Bulk changes: ${name}` })).toBeVisible();
  await hydrated(page);
}

async function importFile(
  page: Page,
  file: ReturnType<typeof csvFile>,
  deleteMissing = false,
): Promise<void> {
  await page.getByLabel("Rules file").setInputFiles(file);
  if (deleteMissing) await page.getByLabel("Delete rules that are not in the file").check();
  await page.getByTestId("import-submit").click();
  await expect(page).toHaveURL(/\/changes\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByTestId("change-set-status")).toHaveAttribute("data-status", "planned");
  await hydrated(page);
}

async function applyAndWatch(page: Page, timeout: number): Promise<void> {
  await page.getByTestId("change-set-apply").click();
  const progress = page.getByTestId("change-set-progress");
  await expect(progress).toBeVisible();
  // The bar moves: some rows done while others are still to come.
  await expect
    .poll(async () => {
      const done = Number(await progress.getAttribute("data-done"));
      const total = Number(await progress.getAttribute("data-total"));
      return done > 0 && done < total;
    })
    .toBe(true);
  await expect(page.getByTestId("recent-rows").getByTestId("item-state").first()).toBeVisible();
  await expect(page.getByTestId("change-set-status")).toHaveAttribute("data-status", "done", { timeout });
}

async function exportCsv(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-csv").click(),
  ]);
  return readFile((await download.path()) ?? "", "utf8");
}

test("60 type-A rows: the plan, the job, the sandbox as planned, and the export back", async ({ page }) => {
  test.setTimeout(240_000);
  const tag = `bulk${Date.now()}`;
  const prefix = (n: number) => `https://shop.example.com/${tag}/${n}/`;
  const lines = [HEADER_A];
  for (let n = 0; n < 56; n++)
    lines.push(`${prefix(n)},pages/${tag}/${n},no,release,${prefix(n)}t,${n < 3 ? "yes" : "no"}`);
  lines.push(`${prefix(100)},pages/x,no,release,https://other.example.com/x,no`); // a test link the prefix does not cover
  lines.push(`ftp://shop.example.com/${tag}/ftp/,pages/x,no,release,,no`); // not http(s)
  lines.push(`${prefix(101)},pages/x,no,release,,no`, `${prefix(101)},pages/y,no,release,,no`); // twice

  await openChanges(page, DEMO_SHOP.name);
  await importFile(page, csvFile("shop.csv", lines));
  await expect(page.getByTestId("plan-count-add")).toHaveText("56");
  await expect(page.getByTestId("plan-count-invalid")).toHaveText("4");
  await expect(page.getByTestId("plan-count-delete")).toHaveText("0");
  await expect(page.getByTestId("plan-cost")).toContainText("59 WeChat calls");
  await expect(page.getByTestId("plan-cost")).toContainText(/3 publishes of the \d+ left this month/);
  // Each invalid row says why, on the column to blame.
  await page.getByTestId("plan-rows-filter").click();
  await page.getByRole("option", { name: "Invalid" }).click();
  const invalid = page.getByTestId("plan-row");
  await expect(invalid).toHaveCount(4);
  await expect(invalid.filter({ hasText: prefix(100) })).toContainText("Test link 1:");
  await expect(invalid.filter({ hasText: "ftp://" })).toContainText("Prefix:");
  await expect(invalid.filter({ hasText: prefix(101) }).first()).toContainText(
    "The same rule is also in row",
  );

  await applyAndWatch(page, 120_000);
  await expect(page.getByTestId("change-set-progress")).toHaveAttribute("data-done", "56");
  const rules = (await sandboxAccount(DEMO_SHOP.appid)).rules.filter((rule) => rule.prefix.includes(tag));
  expect(rules.map((rule) => rule.prefix).sort()).toEqual(
    Array.from({ length: 56 }, (_, n) => prefix(n)).sort(),
  );
  expect(
    rules
      .filter((rule) => rule.state === 2)
      .map((rule) => rule.prefix)
      .sort(),
  ).toEqual([prefix(0), prefix(1), prefix(2)].sort());

  // The export is the same rules: imported again unedited, nothing to do.
  await openChanges(page, DEMO_SHOP.name);
  const exported = await exportCsv(page);
  for (let n = 0; n < 56; n++)
    expect(exported).toContain(
      `${prefix(n)},pages/${tag}/${n},no,release,${prefix(n)}t,${n < 3 ? "yes" : "no"}`,
    );
  await importFile(page, { name: "export.csv", mimeType: "text/csv", buffer: Buffer.from(exported) });
  for (const action of ["add", "edit", "replace", "publish", "delete", "invalid"])
    await expect(page.getByTestId(`plan-count-${action}`)).toHaveText("0");
  await expect(page.getByTestId("plan-refusals")).toContainText("Nothing in this plan changes WeChat");
  await expect(page.getByTestId("change-set-apply")).toHaveCount(0);
  await page.getByTestId("change-set-discard").click();
  await expect(page.getByTestId("change-set-status")).toHaveAttribute("data-status", "discarded");

  // The same file without the rules of this test, deleting what is not in it: they are deleted, in red first.
  const kept = exported
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter((line) => !line.includes(tag));
  await page.getByRole("link", { name: "Bulk changes" }).click();
  await importFile(
    page,
    csvFile(
      "cleanup.csv",
      kept.filter((line) => line !== ""),
    ),
    true,
  );
  await expect(page.getByTestId("plan-count-delete")).toHaveText("56");
  await expect(page.getByTestId("plan-deletes-missing")).toContainText("56 rules will be deleted");
  await applyAndWatch(page, 120_000);
  expect((await sandboxAccount(DEMO_SHOP.appid)).rules.filter((rule) => rule.prefix.includes(tag))).toEqual(
    [],
  );
});

test("500 type-B rows: existing rules unchanged, new ones added, invalid ones refused", async ({ page }) => {
  test.setTimeout(240_000);
  const tag = `b${Date.now()}`;
  await openChanges(page, DEMO_SERVICE_ACCOUNT.name);
  const [header = "", ...existing] = (await exportCsv(page))
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter((line) => line !== "");
  // 500 rows: rules the account has (unchanged), new ones, and 20 WeChat would refuse.
  const kept = existing.slice(0, 330);
  const invalid = 20;
  const added = 500 - kept.length - invalid;
  const lines = [header, ...kept];
  for (let n = 0; n < added; n++)
    lines.push(`http://weixin.qq.com/q/${tag}${n},${DEMO_SHOP.appid},pages/q/${n},no`);
  for (let n = 0; n < invalid; n++)
    lines.push(
      n % 2 === 0
        ? `https://weixin.qq.com/${tag}${n},${DEMO_SHOP.appid},pages/q/${n},no`
        : `http://weixin.qq.com/q/${tag}x${n},wx0000000000000000,pages/q/${n},no`,
    );

  await importFile(page, csvFile("service-account.csv", lines));
  await expect(page.getByTestId("plan-count-unchanged")).toHaveText(String(kept.length));
  await expect(page.getByTestId("plan-count-add")).toHaveText(String(added));
  await expect(page.getByTestId("plan-count-invalid")).toHaveText(String(invalid));
  await expect(page.getByTestId("plan-cost")).toContainText(`${added} type-B adds of ${DEMO_SHOP.appid}`);
  await expect(page.getByTestId("plan-rows-total")).toHaveText("500 rows");

  const started = Date.now();
  await applyAndWatch(page, 180_000);
  const rules = (await sandboxAccount(DEMO_SERVICE_ACCOUNT.appid)).rules;
  expect(
    rules
      .filter((rule) => rule.prefix.includes(tag))
      .map((rule) => rule.prefix)
      .sort(),
  ).toEqual(Array.from({ length: added }, (_, n) => `http://weixin.qq.com/q/${tag}${n}`).sort());
  expect(rules).toHaveLength(existing.length + added);
  // The Service Account's 200 calls a minute are spent: the specs after this one get them back first.
  await page.waitForTimeout(Math.max(0, started + 62_000 - Date.now()));
});
