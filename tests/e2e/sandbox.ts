import { sandboxURL } from "../../playwright.config";

/**
 * The WeChat API sandbox the product under test talks to (demo fixture), seen
 * from the test: its state, the calls it received, and faults to inject.
 */
export interface SandboxCall {
  time: string;
  appid: string | null;
  endpoint: string;
  errcode: number | null;
  rid?: string;
}

interface SandboxAccount {
  appid: string;
  publishesLeft: number;
  rules: Array<{ prefix: string; path: string; state: number; appid?: string; debug_url?: string[] }>;
}

export const DEMO_SHOP = {
  appid: "wx3a6f1c2d8e9b0a41",
  secret: "5f2c9e1a7b3d4c6e8f0a1b2c3d4e5f60",
  name: "Demo Shop Mini Program",
};
export const DEMO_SERVICE_ACCOUNT = {
  appid: "wx7b2e4d6f8a0c1e35",
  secret: "a1b2c3d4e5f60718293a4b5c6d7e8f90",
  name: "Demo Service Account",
};

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sandboxURL}/__sandbox/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function state(): Promise<{ accounts: SandboxAccount[]; calls: SandboxCall[] }> {
  return (await control("GET", "state")) as { accounts: SandboxAccount[]; calls: SandboxCall[] };
}

export async function sandboxAccount(appid: string): Promise<SandboxAccount> {
  const account = (await state()).accounts.find((candidate) => candidate.appid === appid);
  if (!account) throw new Error(`the sandbox has no account ${appid}`);
  return account;
}

export async function sandboxRule(appid: string, prefix: string) {
  return (await sandboxAccount(appid)).rules.find((rule) => rule.prefix === prefix) ?? null;
}

export async function sandboxCalls(): Promise<SandboxCall[]> {
  return (await state()).calls;
}

/**
 * A merchant's new Mini Program at WeChat, with no rules yet (its token and any edit accepted), under an
 * AppID and AppSecret of its own made from `stamp`.
 */
export async function createSandboxMiniProgram(
  stamp: string,
  name: string,
): Promise<{ appid: string; secret: string; name: string }> {
  const appid = `wx${`a${"0".repeat(16)}${stamp}`.slice(-16)}`;
  const secret = `${"b".repeat(32)}${stamp}`.slice(-32);
  await control("POST", "accounts", {
    appid,
    secret,
    kind: "miniprogram",
    ownToken: "accepted",
    edits: "any",
    name,
  });
  return { appid, secret, name };
}

/** The next `count` calls to `endpoint` answer `errcode`. */
export async function injectError(endpoint: string, errcode: number, count = 1): Promise<void> {
  await control("POST", "faults", { endpoint, mode: "errcode", errcode, count });
}

/** The next `count` calls to `endpoint` are handled normally, but only after `delayMs`. */
export async function delayCalls(endpoint: string, delayMs: number, count = 1): Promise<void> {
  await control("POST", "faults", { endpoint, mode: "delay", delayMs, count });
}

export async function clearFaults(): Promise<void> {
  await control("DELETE", "faults");
}

/** Calls WeChat's API on the sandbox directly, as another tool of the same company would. */
export async function callWeChat(
  account: { appid: string; secret: string },
  endpoint: string,
  body: unknown,
): Promise<{ errcode?: number }> {
  const token = (await (
    await fetch(`${sandboxURL}/cgi-bin/stable_token`, {
      method: "POST",
      body: JSON.stringify({ grant_type: "client_credential", appid: account.appid, secret: account.secret }),
    })
  ).json()) as { access_token: string };
  const response = await fetch(
    `${sandboxURL}/cgi-bin/wxopen/${endpoint}?access_token=${token.access_token}`,
    {
      method: "POST",
      body: JSON.stringify(body),
    },
  );
  await new Promise((resolve) => setTimeout(resolve, 220)); // stay under 5 calls a second
  return (await response.json()) as { errcode?: number };
}

/**
 * A merchant admin's own action in WeChat, outside the authorization page (here: withdrawing the demo
 * platform's authorization); the sandbox pushes the event to the product's authorization-event URL.
 */
export async function merchantWithdraws(authorizerAppid: string): Promise<void> {
  await control("POST", "platform/events", { type: "unauthorized", authorizer_appid: authorizerAppid });
}
