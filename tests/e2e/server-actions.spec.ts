import { type Page, type Request, expect, test } from "@playwright/test";

import { hydrated, storageState } from "./support";

/**
 * A server action is a public POST endpoint. These tests capture the request a
 * real browser sends when an admin saves the settings, then replay it without a
 * session and with a viewer's session: the server must refuse both, and change
 * nothing.
 */
interface CapturedAction {
  headers: Record<string, string>;
  body: string;
}

async function captureSettingsAction(page: Page, organizationName: string): Promise<CapturedAction> {
  await page.goto("/settings");
  await hydrated(page);
  await page.getByLabel("Organisation name").fill(organizationName);
  const [request] = await Promise.all([
    page.waitForRequest((req: Request) => req.method() === "POST" && Boolean(req.headers()["next-action"])),
    page.getByRole("button", { name: "Save settings" }).click(),
  ]);
  await expect(page.getByText("Settings saved.")).toBeVisible();
  const headers = request.headers();
  return {
    headers: {
      accept: "text/x-component",
      "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
      "next-action": headers["next-action"] ?? "",
      "next-router-state-tree": headers["next-router-state-tree"] ?? "",
    },
    body: request.postData() ?? "",
  };
}

/** The form fills its inputs when it hydrates, so the value is read after that. */
async function expectOrganisationShown(page: Page, name: string): Promise<void> {
  await page.goto("/settings");
  await hydrated(page);
  await expect(page.getByLabel("Organisation name")).toHaveValue(name);
}

test.describe("server actions refuse callers without the right session", () => {
  test.use({ storageState: storageState("admin") });

  test("a plain POST with no session is refused and changes nothing", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const action = await captureSettingsAction(page, "Acme Mini Programs");
    expect(action.headers["next-action"]).not.toBe("");
    expect(action.body).toContain("Acme Mini Programs");

    // No cookies at all (the test's storage state would otherwise be applied), and no following of redirects.
    const anonymous = await playwright.request.newContext({
      baseURL,
      storageState: { cookies: [], origins: [] },
    });
    const response = await anonymous.post("/settings", {
      headers: action.headers,
      data: action.body.replace("Acme Mini Programs", "Taken Over"),
      maxRedirects: 0,
    });
    expect(response.status()).toBe(307);
    expect(response.headers()["location"]).toMatch(/^\/login\?callbackUrl=/);
    expect(await response.text()).not.toContain("Taken Over");
    await anonymous.dispose();

    await expectOrganisationShown(page, "Acme Mini Programs");
  });

  test("a viewer's mutation is refused on the server", async ({ page, browser }) => {
    const action = await captureSettingsAction(page, "Acme Service Desk");

    const viewerContext = await browser.newContext({ storageState: storageState("viewer") });
    const viewer = await viewerContext.newPage();
    await viewer.goto("/settings");
    // The viewer's page offers no way to save…
    await expect(viewer.getByText("Only admins can change settings.")).toBeVisible();
    await expect(viewer.getByLabel("Organisation name")).toBeDisabled();
    await expect(viewer.getByRole("button", { name: "Save settings" })).toHaveCount(0);
    // …and a hand-made request with the viewer's session is refused by the server.
    const replay = await viewer.evaluate(
      async ({ headers, body }) => {
        const response = await fetch("/settings", { method: "POST", headers, body });
        return response.text();
      },
      { headers: action.headers, body: action.body.replace("Acme Service Desk", "Viewer Was Here") },
    );
    expect(replay).toContain("FORBIDDEN");
    await viewerContext.close();

    await expectOrganisationShown(page, "Acme Service Desk");
  });
});
