import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ActivityDetail, ActivityPage } from "@/lib/activity/contract";
import { type RunningProduct, startProduct } from "@/tests/support/product";

// The built product over HTTP, as a browser or an attacker's script talks to it.
const ADMIN = { email: "owner@example.com", password: "owner-password-1" };
const base = {
  AUTH_SECRET: "over-http-test-auth-secret-0123456789abcdef",
  SECRETS_KEY: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  WECHAT_API_BASE: "http://127.0.0.1:9",
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
};
const dirs: string[] = [];

async function product(extra: Record<string, string> = {}): Promise<RunningProduct> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "qrjump-http-"));
  dirs.push(dataDir);
  return startProduct({ ...base, DATA_DIR: dataDir, ...extra });
}

const cookiesOf = (response: Response) =>
  response.headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "");

async function csrf(url: string): Promise<{ csrfToken: string; cookie: string }> {
  const response = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { csrfToken, cookie: cookiesOf(response).join("; ") };
}

/** Posts the sign-in form once; the session cookie, or null. */
async function signIn(
  url: string,
  who: { email: string; password: string },
  headers: Record<string, string> = {},
  token?: Awaited<ReturnType<typeof csrf>>,
) {
  const { csrfToken, cookie } = token ?? (await csrf(url));
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...headers },
    body: new URLSearchParams({
      csrfToken,
      email: who.email,
      password: who.password,
      callbackUrl: `${url}/rules`,
    }),
  });
  return cookiesOf(response).find((value) => /authjs\.session-token=./.test(value)) ?? null;
}

async function getJson<T>(url: string, session: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { headers: { cookie: session } });
  return { status: response.status, body: (await response.json()) as T };
}

async function latest(url: string, session: string, operation: string): Promise<ActivityDetail> {
  const page = await getJson<ActivityPage>(`${url}/api/activity?operation=${operation}`, session);
  const id = page.body.rows[0]?.id;
  if (!id) throw new Error(`no ${operation} entry`);
  return (await getJson<ActivityDetail>(`${url}/api/activity/${id}`, session)).body;
}

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("the product without a trusted proxy", () => {
  let running: RunningProduct;
  beforeAll(async () => {
    running = await product();
  }, 90_000);
  afterAll(async () => {
    await running?.stop();
  });

  it("does not record a forged X-Forwarded-For as the sign-in address", async () => {
    const session = await signIn(running.url, ADMIN, {
      "x-forwarded-for": "203.0.113.7",
      "x-real-ip": "203.0.113.8",
    });
    expect(session).not.toBeNull();
    const entry = await latest(running.url, session ?? "", "auth.signIn");
    expect(entry.request).toMatchObject({ email: ADMIN.email, ip: null });
  });

  it("ends the session on the server at sign-out: a copy of the cookie no longer works", async () => {
    const session = (await signIn(running.url, ADMIN)) ?? "";
    const other = (await signIn(running.url, ADMIN)) ?? "";
    expect((await getJson(`${running.url}/api/activity`, session)).status).toBe(200);

    const token = await csrf(running.url);
    const out = await fetch(`${running.url}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${token.cookie}; ${session}` },
      body: new URLSearchParams({ csrfToken: token.csrfToken, callbackUrl: `${running.url}/login` }),
    });
    expect(out.status).toBeLessThan(400);

    expect((await getJson(`${running.url}/api/activity`, session)).status).toBe(401);
    // Only that session ended.
    expect((await getJson(`${running.url}/api/activity`, other)).status).toBe(200);
  });

  it("verifies at most five of 200 parallel sign-ins for one email; the right password, sent last, does not sign in", async () => {
    const reader = (await signIn(running.url, ADMIN)) ?? "";
    expect(reader).not.toBe("");
    const from = new Date().toISOString();
    const tokens = await Promise.all(Array.from({ length: 200 }, () => csrf(running.url)));
    const sessions = await Promise.all(
      tokens.map((token, i) =>
        signIn(
          running.url,
          { email: ADMIN.email, password: i === 199 ? ADMIN.password : `wrong-${i}` },
          {},
          token,
        ),
      ),
    );
    expect(sessions.at(-1)).toBeNull();
    expect(sessions.filter((session) => session !== null)).toHaveLength(0);

    const count = async (operation: string) =>
      (
        await getJson<ActivityPage>(
          `${running.url}/api/activity?operation=${operation}&from=${encodeURIComponent(from)}&pageSize=1`,
          reader,
        )
      ).body.total;
    const failed = await count("auth.signInFailed");
    const refused = await count("auth.signInRefused");
    expect(await count("auth.signIn")).toBe(0);
    expect(failed).toBeLessThanOrEqual(5);
    expect(failed + refused).toBe(200);
  }, 120_000);
});

describe("the product behind a trusted proxy (TRUST_PROXY)", () => {
  it("records the address the proxy added, the right-most of X-Forwarded-For", async () => {
    const running = await product({ TRUST_PROXY: "true" });
    try {
      const session = await signIn(running.url, ADMIN, { "x-forwarded-for": "198.51.100.1, 203.0.113.9" });
      expect(session).not.toBeNull();
      const entry = await latest(running.url, session ?? "", "auth.signIn");
      expect(entry.request).toMatchObject({ ip: "203.0.113.9" });
    } finally {
      await running.stop();
    }
  }, 120_000);
});
