import { type Browser, expect, test } from "@playwright/test";

import { baseURL } from "../../playwright.config";
import { DEMO, hydrated, signInFromScratch, storageState } from "./support";

// Every sign-in here is a fresh one: the sessions saved by the setup project are never ended.
async function freshPage(browser: Browser, extraHTTPHeaders?: Record<string, string>) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders });
  return context.newPage();
}

test("a copy of the session saved before sign-out no longer opens the dashboard", async ({ browser }) => {
  const page = await freshPage(browser);
  await signInFromScratch(page, DEMO.operator);
  const saved = await page.context().storageState();
  await hydrated(page);

  await page.getByRole("button", { name: `Account menu for ${DEMO.operator.name}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  const copy = await (await browser.newContext({ storageState: saved })).newPage();
  await copy.goto("/rules");
  await expect(copy).toHaveURL(/\/login/);
  await expect(copy.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("after an admin signs an operator out everywhere, the operator's page sends them to sign-in", async ({
  browser,
}) => {
  const operator = await freshPage(browser);
  await signInFromScratch(operator, DEMO.operator);

  const admin = await (await browser.newContext({ storageState: storageState("admin") })).newPage();
  await admin.goto("/operators");
  await hydrated(admin);
  await admin.getByRole("button", { name: `Actions for ${DEMO.operator.email}` }).click();
  await admin.getByRole("menuitem", { name: "Sessions" }).click();
  const dialog = admin.getByRole("dialog", { name: `Sessions of ${DEMO.operator.name}` });
  await expect(dialog.getByRole("columnheader", { name: "Last seen" })).toBeVisible();
  await expect(dialog.getByTestId("operator-session").first()).toContainText("Chrome");
  await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
  const confirm = admin.getByRole("alertdialog", { name: `Sign ${DEMO.operator.name} out everywhere?` });
  await confirm.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(admin.getByText(`${DEMO.operator.name} was signed out everywhere.`)).toBeVisible();
  await expect(dialog.getByText(`${DEMO.operator.email} is not signed in anywhere.`)).toBeVisible();

  await operator.reload();
  await expect(operator).toHaveURL(/\/login/);
});

test("a set-password link names the configured address, whatever X-Forwarded-Host says", async ({
  browser,
  playwright,
}) => {
  const admin = await freshPage(browser);
  await signInFromScratch(admin, DEMO.admin);
  await admin.goto("/operators");
  await hydrated(admin);
  await admin.getByRole("button", { name: `Actions for ${DEMO.viewer.email}` }).click();
  const [request] = await Promise.all([
    admin.waitForRequest((req) => req.method() === "POST" && Boolean(req.headers()["next-action"])),
    admin.getByRole("menuitem", { name: "Reset password" }).click(),
  ]);
  await expect(admin.getByTestId("set-password-link")).toContainText(`${baseURL}/set-password?token=`);

  // The same action replayed as if through a proxy that passes the client's X-Forwarded-Host on
  // (Origin matches it, so Next.js's own cross-site check lets it through).
  const replay = await playwright.request.newContext({
    baseURL,
    storageState: await admin.context().storageState(),
  });
  const headers = request.headers();
  const response = await replay.post("/operators", {
    headers: {
      accept: "text/x-component",
      "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
      "next-action": headers["next-action"] ?? "",
      "next-router-state-tree": headers["next-router-state-tree"] ?? "",
      origin: "https://evil.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
    },
    data: request.postData() ?? "",
    maxRedirects: 0,
  });
  const body = await response.text();
  expect(body).toContain(`${baseURL}/set-password?token=`);
  expect(body).not.toContain("evil.example");
});
