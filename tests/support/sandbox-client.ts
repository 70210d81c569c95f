import { type RunningSandbox, startSandbox } from "@/sandbox/server";
import type { AccountSeed, SandboxSeed } from "@/sandbox/types";

export interface WeChatAnswer {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

/** A sandbox on a free port, driven over real HTTP like WeChat would be. */
export class SandboxHarness {
  /** Recent call times per token: `call` keeps under WeChat's 5 calls a second unless told not to. */
  private recent = new Map<string, number[]>();

  private constructor(readonly sandbox: RunningSandbox) {}

  private async pace(token: string): Promise<void> {
    for (;;) {
      const now = Date.now();
      const times = (this.recent.get(token) ?? []).filter((at) => at > now - 1100);
      if (times.length < 5) {
        times.push(now);
        this.recent.set(token, times);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, (times[0] ?? now) + 1100 - now));
    }
  }

  static async start(seed?: SandboxSeed): Promise<SandboxHarness> {
    const harness = new SandboxHarness(await startSandbox({ port: 0, fixture: "empty" }));
    if (seed) await harness.reset(seed);
    return harness;
  }

  get url(): string {
    return this.sandbox.url;
  }

  close(): Promise<void> {
    return this.sandbox.close();
  }

  async control(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.url}/__sandbox/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async reset(seed: SandboxSeed): Promise<void> {
    const response = await this.control("POST", "reset", seed);
    if (!response.ok) throw new Error(`reset failed: ${await response.text()}`);
  }

  async state(): Promise<{
    accounts: Array<{ appid: string; rules: Array<Record<string, unknown>>; publishesLeft: number; tokensIssued: number }>;
    calls: Array<{ appid: string | null; endpoint: string; errcode: number; rid: string | null }>;
  }> {
    return (await (await this.control("GET", "state")).json()) as never;
  }

  advance(seconds: number): Promise<Response> {
    return this.control("POST", "clock", { advanceSeconds: seconds });
  }

  fault(fault: Record<string, unknown>): Promise<Response> {
    return this.control("POST", "faults", fault);
  }

  async classicToken(appid: string, secret: string): Promise<WeChatAnswer> {
    const query = new URLSearchParams({ grant_type: "client_credential", appid, secret });
    return (await (await fetch(`${this.url}/cgi-bin/token?${query}`)).json()) as WeChatAnswer;
  }

  async stableToken(appid: string, secret: string, forceRefresh = false): Promise<WeChatAnswer> {
    const response = await fetch(`${this.url}/cgi-bin/stable_token`, {
      method: "POST",
      body: JSON.stringify({ grant_type: "client_credential", appid, secret, force_refresh: forceRefresh }),
    });
    return (await response.json()) as WeChatAnswer;
  }

  async token(account: Pick<AccountSeed, "appid" | "secret">): Promise<string> {
    const answer = await this.stableToken(account.appid, account.secret);
    if (typeof answer.access_token !== "string") throw new Error(`no token: ${JSON.stringify(answer)}`);
    return answer.access_token;
  }

  /** POSTs a body (an object, or raw text sent as is) to a `/cgi-bin/wxopen/…` endpoint. */
  async call(endpoint: string, token: string | null, body: unknown, paced = true): Promise<WeChatAnswer> {
    if (paced && token) await this.pace(token);
    const path = endpoint === "rid/get" ? "/cgi-bin/openapi/rid/get" : `/cgi-bin/wxopen/${endpoint}`;
    const query = token === null ? "" : `?access_token=${encodeURIComponent(token)}`;
    const response = await fetch(`${this.url}${path}${query}`, {
      method: "POST",
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return (await response.json()) as WeChatAnswer;
  }
}

export const MINI_PROGRAM = {
  appid: "wx1111111111111111",
  secret: "11111111111111111111111111111111",
  kind: "miniprogram",
} as const;

export const SERVICE_ACCOUNT = {
  appid: "wx2222222222222222",
  secret: "22222222222222222222222222222222",
  kind: "officialaccount",
} as const;

/** Waits until the next whole second of wall time has just begun, so a burst of calls shares one second. */
export async function startOfSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
}
