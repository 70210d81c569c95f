import { type Page, expect, test } from "@playwright/test";

import { baseURL } from "../../playwright.config";
import { DEMO_SHOP } from "./sandbox";
import { hydrated, storageState } from "./support";

/**
 * The verification file hosted by the product (demo mode sets PUBLIC_URL to its own address) and the
 * preflight of the file's address, from the add-rule form, in Chromium against the built product.
 */
test.use({ storageState: storageState("admin") });

async function openAddForm(page: Page) {
  await page.goto("/rules");
  await hydrated(page);
  await page.getByRole("combobox", { name: /WeChat account/ }).click();
  await page.getByRole("option", { name: new RegExp(DEMO_SHOP.name) }).click();
  await expect(page.getByRole("heading", { level: 1, name: DEMO_SHOP.name })).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: "Add rule" }).click();
  return page.getByRole("dialog");
}

test("the verification file is hosted here, used as the prefix, served as exact bytes, and checked", async ({
  page,
}) => {
  const form = await openAddForm(page);
  const hosting = form.getByTestId("verification-hosting");
  const directory = `${baseURL}/wxverify/${DEMO_SHOP.appid}/`;
  await expect(hosting.getByTestId("verification-hosting-directory")).toHaveText(directory);

  await hosting.getByRole("button", { name: /^(Host it here|Download and host again)$/ }).click();
  const hosted = hosting.getByTestId("verification-hosting-url");
  await expect(hosted).toContainText(directory);
  const url = (await hosted.textContent()) ?? "";
  const content = (await form.getByTestId("verification-file").locator("pre").textContent()) ?? "";

  // Public, exact, text/plain, and no redirect (WeChat follows none).
  const anonymous = await page.context().browser()!.newContext();
  const answer = await anonymous.request.get(url, { maxRedirects: 0 });
  expect(answer.status()).toBe(200);
  expect(answer.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  expect(await answer.text()).toBe(content.trim());
  // Another case of the file name is another file.
  const wrongCase = url.replace(/[^/]+$/, (name) => name.toUpperCase());
  expect((await anonymous.request.get(wrongCase, { maxRedirects: 0 })).status()).toBe(404);
  await anonymous.close();

  // The directory becomes the prefix; the preflight fetches the file there as WeChat will.
  await hosting.getByRole("button", { name: "Use as the prefix" }).click();
  await expect(form.getByLabel("Rule prefix")).toHaveValue(directory);
  await form.getByTestId("verification-preflight").getByRole("button", { name: "Check now" }).click();
  const report = form.getByTestId("preflight-report");
  await expect(report).toContainText("Passes with warnings");
  await expect(report).toContainText("HTTP 200");
});
