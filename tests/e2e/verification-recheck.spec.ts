import http from "node:http";
import type { AddressInfo } from "node:net";

import { type Page, expect, test } from "@playwright/test";

import { sandboxURL } from "../../playwright.config";
import { expectSearchParam, hydrated, storageState } from "./support";

/**
 * The recheck of published rules' verification files, in Chromium against the built product. A new Mini
 * Program has one published rule whose prefix is on a merchant's site this test serves on 127.0.0.1 (demo
 * mode sets PREFLIGHT_ALLOW_PRIVATE, so the recheck may fetch it there). The site first lacks the file, as
 * after a redeploy that dropped it: Recheck now turns the status line into the warning, the activity
 * overview lists the Mini Program; once the file is back, the warning gives way to the status line again.
 * The tests run in order, each on the state the previous one left.
 */
test.use({ storageState: storageState("admin") });
test.describe.configure({ mode: "serial" });

const stamp = Date.now().toString(16);
const SHOP = {
  appid: `wx${`c${stamp}`.padStart(16, "0").slice(-16)}`,
  secret: `${"d".repeat(32)}${stamp}`.slice(-32),
  name: `Recheck Shop ${stamp.slice(-4)}`,
};

/** What the merchant's site serves, path → body; anything else answers 404. */
const files = new Map<string, string>();
const site = http.createServer((request, response) => {
  const body = files.get(new URL(request.url ?? "/", "http://site.invalid").pathname);
  response.writeHead(body === undefined ? 404 : 200, { "content-type": "text/plain" });
  response.end(body ?? "not found");
});
let prefix: string;
/** The Mini Program's rules page, `/rules/<id>`, once it was added. */
let rulesPath: string;
/** WeChat's verification file of the Mini Program, as the rule form showed it (which stored it). */
let file: { name: string; content: string };

test.beforeAll(async () => {
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  prefix = `http://127.0.0.1:${(site.address() as AddressInfo).port}/shop/`;
  // A merchant's Mini Program whose rule was published while the file was in place.
  const created = await fetch(`${sandboxURL}/__sandbox/accounts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      appid: SHOP.appid,
      secret: SHOP.secret,
      kind: "miniprogram",
      ownToken: "accepted",
      edits: "any",
      name: SHOP.name,
      rules: [{ prefix, path: "pages/index/index", state: 2 }],
    }),
  });
  expect(created.status).toBe(200);
});

test.afterAll(async () => {
  site.closeAllConnections();
  await new Promise<void>((resolve) => site.close(() => resolve()));
});

/** The admin adds the Mini Program, opens its rules page and its rule form once (which stores the file). */
async function addShop(page: Page): Promise<void> {
  await page.goto("/accounts");
  await hydrated(page);
  await page.getByRole("button", { name: "Add account" }).click();
  const dialog = page.getByRole("dialog", { name: "Add account" });
  await dialog.getByLabel("Display name").fill(SHOP.name);
  await dialog.getByRole("radio", { name: "Mini Program" }).check();
  await dialog.getByRole("textbox", { name: "AppID", exact: true }).fill(SHOP.appid);
  await dialog.locator("input[type=password]").fill(SHOP.secret);
  await dialog.getByRole("button", { name: "Save account" }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });

  await page.goto("/rules");
  await hydrated(page);
  await page.getByRole("combobox", { name: "WeChat account" }).click();
  await page.getByRole("option", { name: new RegExp(SHOP.appid) }).click();
  await expect(page.getByRole("heading", { level: 1, name: SHOP.name })).toBeVisible();
  await page.waitForURL(/\/rules\/[0-9a-f-]{36}/);
  rulesPath = new URL(page.url()).pathname;
  // The rule reaches the mirror through the page's first sync.
  await expect(page.getByRole("row").filter({ hasText: prefix })).toBeVisible({ timeout: 20_000 });

  await hydrated(page);
  await page.getByRole("button", { name: "Add rule" }).click();
  const form = page.getByRole("dialog");
  const shown = form.getByTestId("verification-file");
  // Shown once WeChat's answer came back, and stored by then.
  await expect(shown.locator("pre")).toHaveText(/^[0-9a-f]{32}$/);
  file = {
    name: ((await shown.locator("code").first().textContent()) ?? "").trim(),
    content: ((await shown.locator("pre").textContent()) ?? "").trim(),
  };
  expect(file.name).toMatch(/\.txt$/);
  await form.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(form).toBeHidden();
}

test("a published rule whose verification file is missing is reported after Recheck now, with what to do", async ({
  page,
}) => {
  await addShop(page);

  // Drawn when the page loads: the rule is published, and no recheck has run yet.
  await page.reload();
  await hydrated(page);
  const status = page.getByTestId("verification-status");
  await expect(status).toHaveText(/The verification files have not been checked yet\./);
  await expect(page.getByTestId("verification-alert")).toHaveCount(0);

  await status.getByRole("button", { name: "Recheck now" }).click();
  await expect(page.getByText("1 rule rechecked.")).toBeVisible({ timeout: 20_000 });
  const alert = page.getByTestId("verification-alert");
  await expect(alert).toBeVisible();
  await expect(alert.getByRole("heading", { name: "1 published rule fails or expires soon" })).toBeVisible();
  await expect(alert).toContainText(prefix);
  await expect(alert).toContainText("Fails");
  await expect(alert).toContainText("The address answers HTTP 404 instead of 200.");
  await expect(alert).toContainText(
    `What to do: serve the verification file at ${prefix}${file.name} again, byte for byte as WeChat gave it.`,
  );
  await expect(alert).toContainText(`Checked ${prefix}${file.name}`);
  await expect(alert.getByRole("button", { name: "Recheck now" })).toBeVisible();
  await expect(status).toHaveCount(0);
});

test("the activity overview's Verification files card lists the Mini Program and links to its rules", async ({
  page,
}) => {
  await page.goto("/activity");
  await hydrated(page);
  const card = page.getByTestId("overview-verification");
  await expect(card).toContainText("This is their state now: the time range does not apply.");
  const link = card.getByRole("link", { name: `Open the rules of ${SHOP.name}` });
  await expect(link).toContainText("1 rule fails");
  await expect(link).toContainText(SHOP.appid);

  // Filtered to this Mini Program, the card speaks of it alone.
  await page.getByTestId("overview-account-filter").click();
  await page.getByRole("option", { name: new RegExp(SHOP.appid) }).click();
  await expectSearchParam(page, "account", rulesPath.split("/").pop() ?? "");
  await expect(card).toContainText(`Published rules of ${SHOP.name} whose verification file`);
  await expect(card.getByRole("link")).toHaveCount(1);

  await link.click();
  await page.waitForURL((url) => url.pathname === rulesPath);
  await expect(page.getByRole("heading", { level: 1, name: SHOP.name })).toBeVisible();
  await expect(page.getByTestId("verification-alert")).toContainText(prefix);
});

test("once the file is served again, Recheck now shows that the files pass", async ({ page }) => {
  files.set(`/shop/${file.name}`, file.content);
  await page.goto(rulesPath);
  await hydrated(page);
  const alert = page.getByTestId("verification-alert");
  await alert.getByRole("button", { name: "Recheck now" }).click();

  const status = page.getByTestId("verification-status");
  await expect(status).toContainText("The verification file of 1 published rule passed the last check", {
    timeout: 20_000,
  });
  await expect(status.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
  await expect(status.getByRole("button", { name: "Recheck now" })).toBeVisible();
  await expect(alert).toHaveCount(0);
});
