import { type AddressInfo } from "node:net";
import { createServer } from "node:http";

import { type APIResponse, type Page, expect, test } from "@playwright/test";

import { baseURL } from "../../playwright.config";

import { DEMO_SERVICE_ACCOUNT, DEMO_SHOP, clearFaults, injectError } from "./sandbox";
import { hydrated, storageState } from "./support";

/**
 * The security headers and the Content-Security-Policy, in Chromium: every kind
 * of page works under the policy without a single violation, every kind of
 * response carries the headers, and a page of another origin cannot frame the
 * dashboard.
 */
test.use({ storageState: storageState("admin") });
test.afterEach(async () => {
  await clearFaults();
});

declare global {
  interface Window {
    __policyViolations?: string[];
  }
}

/**
 * Collects what the browser refuses under the page's policies: `securitypolicyviolation` events in each
 * document, and the console messages Chromium writes for CSP (and for a Permissions-Policy it cannot parse).
 */
async function watchPolicies(page: Page): Promise<() => Promise<string[]>> {
  const messages: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Permissions-Policy/i.test(text)) messages.push(text);
  });
  await page.addInitScript(() => {
    const violations: string[] = [];
    window.__policyViolations = violations;
    document.addEventListener(
      "securitypolicyviolation",
      (event) =>
        violations.push(
          `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}: ${event.sample}`,
        ),
      true,
    );
  });
  return async () => {
    const reported = await page.evaluate(() => window.__policyViolations?.splice(0) ?? []);
    return [...reported, ...messages.splice(0)];
  };
}

const PAGE_DIRECTIVES = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

function expectCommonHeaders(headers: Record<string, string>): void {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  const permissions = headers["permissions-policy"] ?? "";
  for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"])
    expect(permissions).toContain(`${feature}=()`);
  // Plain HTTP: browsers ignore HSTS here, and the page must not ask for https sub-resources.
  expect(headers["strict-transport-security"]).toBeUndefined();
  expect(headers["content-security-policy"] ?? "").not.toContain("upgrade-insecure-requests");
}

/** The page's policy and its nonce, after checking the policy is the strict one. */
function expectPagePolicy(headers: Record<string, string>): string {
  expectCommonHeaders(headers);
  const policy = headers["content-security-policy"] ?? "";
  for (const directive of PAGE_DIRECTIVES) expect(policy.split("; ")).toContain(directive);
  expect(policy).not.toContain("unsafe-eval");
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/]+={0,2})' 'strict-dynamic'(;|$)/.exec(policy)?.[1];
  expect(nonce, policy).toBeTruthy();
  return nonce ?? "";
}

function expectFixedPolicy(response: APIResponse): void {
  expectCommonHeaders(response.headers());
  expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
}

test("every kind of page works under the policy with no violation: rules, activity, accounts, operators, settings", async ({
  page,
}) => {
  const violations = await watchPolicies(page);
  const visit = async (path: string) => {
    const response = await page.goto(path);
    expectPagePolicy(response?.headers() ?? {});
    await hydrated(page);
  };

  // The rules of a Mini Program, with an add dialog whose error comes back from WeChat (so the overview has a chart).
  await visit("/rules");
  const picker = page.getByRole("combobox", { name: "WeChat account" });
  await picker.click();
  await page.getByRole("option", { name: new RegExp(DEMO_SHOP.name) }).click();
  await expect(page.getByRole("heading", { level: 1, name: DEMO_SHOP.name })).toBeVisible();
  await injectError("qrcodejumpadd", 85071);
  const prefix = `https://shop.example.com/csp-${Date.now()}/`;
  await page.getByRole("button", { name: "Add rule" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Rule prefix").fill(prefix);
  await dialog.getByLabel("Page path").fill("pages/csp/index");
  await dialog.getByRole("button", { name: "Add rule" }).click();
  await expect(dialog).toContainText("Rule already exists");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(await violations()).toEqual([]);

  // The rules of a Service Account.
  await picker.click();
  await page.getByRole("option", { name: new RegExp(DEMO_SERVICE_ACCOUNT.name) }).click();
  await expect(page.getByRole("heading", { level: 1, name: DEMO_SERVICE_ACCOUNT.name })).toBeVisible();
  await expect(page.getByRole("row").nth(1)).toBeVisible();
  expect(await violations()).toEqual([]);

  // The theme switch: the class next-themes sets, and its inline script on the next load.
  await page.getByRole("button", { name: "Theme" }).click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await hydrated(page);
  await page.getByRole("button", { name: "Theme" }).click();
  await page.getByRole("menuitemradio", { name: "Light" }).click();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  expect(await violations()).toEqual([]);

  // The activity overview draws its chart.
  await visit("/activity?range=24h");
  await expect(page.getByTestId("error-chart")).toHaveAttribute("aria-label", /85071 ×\d+/);
  await expect(page.getByTestId("error-chart").locator("svg.recharts-surface")).toBeVisible();
  expect(await violations()).toEqual([]);

  // The log and an entry's drawer.
  await visit(`/activity?view=log&q=${encodeURIComponent(prefix)}`);
  await page
    .getByRole("button", { name: /^Details of/ })
    .first()
    .click();
  const sheet = page.getByRole("dialog");
  await expect(sheet.getByTestId("activity-explanation")).toContainText("Rule already exists");
  await sheet.getByRole("button", { name: "Close" }).first().click();
  await expect(sheet).toBeHidden();
  expect(await violations()).toEqual([]);

  // Accounts and operators, each with its add dialog.
  for (const [path, heading, button] of [
    ["/accounts", "Accounts", "Add account"],
    ["/operators", "Operators", "Add operator"],
  ] as const) {
    await visit(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await page.getByRole("button", { name: button }).click();
    await expect(page.getByRole("dialog", { name: button })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
    expect(await violations()).toEqual([]);
  }

  await visit("/settings");
  await expect(page.getByLabel("Organisation name")).toBeVisible();
  expect(await violations()).toEqual([]);

  // A page that does not exist.
  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  expectPagePolicy(missing?.headers() ?? {});
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect(await violations()).toEqual([]);
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("sign-in and set-password work under the policy with no violation", async ({ page }) => {
    const violations = await watchPolicies(page);

    const login = await page.goto("/login");
    expectPagePolicy(login?.headers() ?? {});
    await hydrated(page);
    // What the policy is for: markup injected into the page cannot run script, and the watch sees the refusal.
    await page.evaluate(() => {
      const injected = document.createElement("div");
      injected.innerHTML = `<img src="/no-such-image" onerror="document.documentElement.dataset.injected = 'ran'">`;
      document.body.append(injected);
    });
    const reported: string[] = [];
    await expect
      .poll(async () => {
        reported.push(...(await violations()));
        return reported.join("\n");
      })
      .toMatch(/script-src-attr blocked inline/);
    // The event and the console message arrive separately and in either order.
    await expect
      .poll(async () => {
        reported.push(...(await violations()));
        return reported.join("\n");
      })
      .toMatch(/inline event handler violates the following Content Security Policy/);
    await expect(page.locator("html")).not.toHaveAttribute("data-injected");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("This field is required.").first()).toBeVisible();
    expect(await violations()).toEqual([]);

    // A token that was never issued: the form's server action answers that the link does not work.
    const setPassword = await page.goto("/set-password?token=not-a-real-token");
    expectPagePolicy(setPassword?.headers() ?? {});
    await hydrated(page);
    await page.getByLabel("New password").fill("a-long-enough-password");
    await page.getByLabel("Confirm password").fill("a-long-enough-password");
    await page.getByRole("button", { name: "Set password" }).click();
    await expect(page.getByText("This link no longer works")).toBeVisible();
    expect(await violations()).toEqual([]);
  });

  test("the sign-in redirect and the JSON API carry the headers too", async ({ request }) => {
    const redirect = await request.get("/operators", { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expect(redirect.headers()["location"]).toMatch(/^\/login\?callbackUrl=/);
    expectCommonHeaders(redirect.headers());
    expect(redirect.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");

    const refused = await request.get("/api/activity");
    expect(refused.status()).toBe(401);
    expectFixedPolicy(refused);
  });
});

test("every kind of response carries the headers; each page load has a nonce of its own on every script", async ({
  page,
}) => {
  const first = await page.request.get("/operators");
  const nonce = expectPagePolicy(first.headers());
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attributes] of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
  // The theme script next-themes inlines before hydration is among them.
  expect(scripts.some(([, , body]) => body?.includes("localStorage") && body.includes('"theme"'))).toBe(true);

  const second = await page.request.get("/operators");
  expect(expectPagePolicy(second.headers())).not.toBe(nonce);

  for (const path of ["/login", "/set-password?token=x"])
    expectPagePolicy((await page.request.get(path)).headers());

  for (const path of ["/api/health", "/api/activity"]) {
    const response = await page.request.get(path);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    expectFixedPolicy(response);
  }

  const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
  expect(asset).toBeTruthy();
  const script = await page.request.get(asset ?? "");
  expect(script.status()).toBe(200);
  expectFixedPolicy(script);
  expectFixedPolicy(await page.request.get("/icon.svg"));
});

test("behind HTTPS, pages and the API add Strict-Transport-Security and upgrade insecure requests", async ({
  request,
}) => {
  const forwarded = { "x-forwarded-proto": "https" };
  for (const path of ["/login", "/api/health"]) {
    const response = await request.get(path, { headers: forwarded });
    expect(response.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  }
  expect(
    (await request.get("/login", { headers: forwarded })).headers()["content-security-policy"],
  ).toContain("upgrade-insecure-requests");
});

test("a page of another origin on the same host cannot frame the signed-in Operators page", async ({
  page,
}) => {
  const target = `${baseURL}/operators`;
  const framer = createServer((request, response) => {
    response.setHeader("content-type", "text/html; charset=utf-8");
    response.end(
      request.url === "/inner"
        ? "<p>inner frame</p>"
        : `<iframe id="control" src="/inner"></iframe><iframe id="target" src="${target}"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => framer.listen(0, resolve));
  const { port } = framer.address() as AddressInfo;
  try {
    const refused = page.waitForEvent("console", (message) => /frame-ancestors 'none'/.test(message.text()));
    // Same site, so the session cookie goes along: the browser receives the signed-in page itself.
    const answered = page.waitForResponse(target);
    await page.goto(`http://localhost:${port}/`);
    expect((await answered).status()).toBe(200);
    // The same page can frame a page that allows it, so what follows is the dashboard refusing.
    await expect(page.frameLocator("#control").getByText("inner frame")).toBeVisible();
    expect((await refused).text()).toMatch(
      /Framing '.+' violates .*"frame-ancestors 'none'"\. The request has been blocked/,
    );
    const framed = page.frames().find((frame) => frame.url().startsWith(baseURL));
    expect(framed).toBeUndefined();
    await expect(page.frameLocator("#target").getByRole("heading", { name: "Operators" })).toHaveCount(0);
  } finally {
    await new Promise((resolve) => framer.close(resolve));
  }
});
