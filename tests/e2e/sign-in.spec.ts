import { expect, test } from "@playwright/test";

import { DEMO, formAlert, hydrated, signIn } from "./support";

test.describe("signing in and out", () => {
  test("an anonymous visit to a dashboard page lands on sign-in, then returns there", async ({ page }) => {
    await page.goto("/activity?range=7d");
    await expect(page).toHaveURL(/\/login\?.*callbackUrl=/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

    await signIn(page, DEMO.operator);
    await expect(page).toHaveURL(/\/activity\?range=7d$/);
    await expect(page.getByRole("heading", { level: 1, name: "Activity" })).toBeVisible();
  });

  test("a wrong password gets the generic message, and so does an unknown email", async ({ page }) => {
    await page.goto("/login");
    await signIn(page, { email: DEMO.operator.email, password: "not-the-password" });
    const alert = formAlert(page);
    await expect(alert).toHaveText("The email or password is incorrect.");
    await expect(page).toHaveURL(/\/login/);

    await signIn(page, { email: "nobody@demo.local", password: "not-the-password" });
    await expect(alert).toHaveText("The email or password is incorrect.");
  });

  test("the sixth wrong attempt within a minute is refused, even with the right password", async ({
    page,
  }) => {
    // A sign-in of its own, so that locking it out does not disturb the other specs.
    const email = `lockout-${Date.now()}@demo.local`;
    await page.goto("/login");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(page, { email, password: `wrong-${attempt}` });
      await expect(formAlert(page)).toHaveText("The email or password is incorrect.");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    }
    await signIn(page, { email, password: "wrong-6" });
    await expect(formAlert(page)).toHaveText(/Too many failed attempts/);
  });

  test("a locked-out operator cannot sign in with the right password", async ({ page }) => {
    // The viewer: its session was saved by the setup project before this lock-out.
    await page.goto("/login");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(page, { email: DEMO.viewer.email.toUpperCase(), password: `wrong-${attempt}` });
      await expect(formAlert(page)).toHaveText("The email or password is incorrect.");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    }
    await signIn(page, DEMO.viewer);
    await expect(formAlert(page)).toHaveText(/Too many failed attempts/);
    await expect(page).toHaveURL(/\/login/);
  });

  test("validation errors are shown on the field, in the operator's language", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Enter a valid email address.")).toBeVisible();
    await expect(page.getByText("This field is required.")).toBeVisible();
  });
});

test("signing out ends the session", async ({ page }) => {
  await page.goto("/login");
  await signIn(page, DEMO.admin);
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
  await page.waitForURL(/\/rules\//);
  await hydrated(page);

  await page.getByRole("button", { name: `Account menu for ${DEMO.admin.name}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login\?.*callbackUrl=/);
});
