import { writeFile } from "node:fs/promises";
import path from "node:path";

import { type Page, type TestInfo, expect } from "@playwright/test";

/** The demo-mode operators (README, "Demo mode"). */
export const DEMO = {
  admin: { email: "admin@demo.local", password: "admin-demo-2026", name: "Admin" },
  operator: { email: "operator@demo.local", password: "operator-demo-2026", name: "Demo Operator" },
  viewer: { email: "viewer@demo.local", password: "viewer-demo-2026", name: "Demo Viewer" },
} as const;

export const storageState = (who: keyof typeof DEMO) => `playwright/.auth/${who}.json`;

/** The message a form shows for itself as a whole (not Next's route announcer, also an alert). */
export const formAlert = (page: Page) => page.getByRole("form").getByRole("alert").first();

/** Waits until the page's address holds `value` in its query parameter `name`, however the address encodes it. */
export async function expectSearchParam(page: Page, name: string, value: string | null): Promise<void> {
  await expect.poll(() => new URL(page.url()).searchParams.get(name)).toBe(value);
}

/** Resolves once React has hydrated the page, so typing is not lost to hydration. */
export async function hydrated(page: Page): Promise<void> {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/**
 * Opens the rules page of the account named `name` through the header's account picker (in either
 * language) and waits until it has hydrated; `option` finds the account in the list when its name alone
 * would not, `withRows` waits for the first rule too. Returns the page's path.
 */
export async function openAccount(
  page: Page,
  name: string,
  { option, withRows = false }: { option?: RegExp; withRows?: boolean } = {},
): Promise<string> {
  await page.goto("/rules");
  await hydrated(page);
  await page.getByRole("combobox", { name: /WeChat account|微信账号/ }).click();
  await page.getByRole("option", { name: option ?? new RegExp(escapeRegExp(name)) }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  if (withRows) await expect(page.getByTestId("rule-prefix").first()).toBeVisible({ timeout: 30_000 });
  await hydrated(page);
  return new URL(page.url()).pathname;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await hydrated(page);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInFromScratch(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto("/login");
  await signIn(page, who);
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
}

/**
 * Keeps a screenshot of the page as a file in the test's output directory (`<name>.png`, kept whatever the
 * reporter) and attaches that file to the test's report; with UPDATE_SCREENSHOTS=1 it is also written to
 * docs/screenshots/<readme>.png, the README's pictures.
 */
export async function keepScreenshot(
  page: Page,
  testInfo: TestInfo,
  name: string,
  readme?: string,
): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  const body = await page.screenshot({ fullPage: true, path: file });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
  if (readme && process.env.UPDATE_SCREENSHOTS === "1")
    await writeFile(path.resolve(import.meta.dirname, "../../docs/screenshots", `${readme}.png`), body);
}
