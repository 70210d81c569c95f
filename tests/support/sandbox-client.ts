/** Drives a WeChat API sandbox over real HTTP, the way the product and WeChat's own clients do. */
import { type RunningSandbox, startSandbox } from "@/sandbox/server";
import type { AccountSeed, SandboxSeed } from "@/sandbox/types";

export interface WeChatAnswer {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

export interface SandboxStateView {
  now: string;
  accounts: Array<{
    appid: string;
    kind: string;
    personal: boolean;
    released: boolean;
    linkedMiniPrograms: string[];
    ruleLimit: number;
    publishQuota: number;
    publishesLeft: number;
    tokensIssued: number;
    validTokens: number;
    ruleCount: number;
    verificationFile: { file_name: string; file_content: string };
    rules: Array<Record<string, unknown>>;
    ownToken: "refused" | "accepted";
    edits: "narrow" | "any";
    /** Mini Programs only. */
    typeBAddBudget?: number;
    typeBAddsSpent?: number;
  }>;
  platforms: Array<{
    component_appid: string;
    eventUrl: string | null;
    autoTicket: boolean;
    permissionSets: number[];
    ticketIssuedAt: string | null;
    authorizations: Array<{ authorizer_appid: string; permissionSets: number[]; authorizedAt: string }>;
    pushes: Array<{
      time: string;
      infoType: string;
      status: number | null;
      accepted: boolean;
      error?: string;
    }>;
  }>;
  faults: Array<Record<string, unknown>>;
  calls: Array<{
    time: string;
    appid: string | null;
    endpoint: string;
    errcode: number | null;
    rid?: string;
    fault?: string;
  }>;
}

export const RID_SUFFIX = / rid: ([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8})$/;

export class SandboxHarness {
  /** Recent call times per token: `call` stays under WeChat's 5 calls a second unless told not to. */
  private recent = new Map<string, Array<{ at: number }>>();

  private constructor(private readonly sandbox: RunningSandbox) {}

  /** A sandbox of its own on a free port, empty or loaded with `seed`. */
  static async start(seed?: SandboxSeed): Promise<SandboxHarness> {
    const harness = new SandboxHarness(await startSandbox({ port: 0, fixture: "empty", quiet: true }));
    if (seed) await harness.reset(seed);
    return harness;
  }

  get url(): string {
    return this.sandbox.url;
  }

  close(): Promise<void> {
    return this.sandbox.close();
  }

  raw(path: string, init?: RequestInit): Promise<Response> {
    return fetch(`${this.url}${path}`, init);
  }

  control(method: string, path: string, body?: unknown): Promise<Response> {
    return this.raw(`/__sandbox/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  }

  async reset(seed: SandboxSeed | { fixture: "demo" | "empty" }): Promise<void> {
    const response = await this.control("POST", "reset", seed);
    if (!response.ok) throw new Error(`reset failed: ${await response.text()}`);
    this.recent.clear();
  }

  async state(): Promise<SandboxStateView> {
    return (await (await this.control("GET", "state")).json()) as SandboxStateView;
  }

  async advance(seconds: number): Promise<void> {
    const response = await this.control("POST", "clock", { advanceSeconds: seconds });
    if (!response.ok) throw new Error(`clock failed: ${await response.text()}`);
    // Sandbox time moved: the sandbox's rate-limit window with it, so pacing starts afresh.
    this.recent.clear();
  }

  async fault(fault: Record<string, unknown>): Promise<void> {
    const response = await this.control("POST", "faults", fault);
    if (!response.ok) throw new Error(`fault refused: ${await response.text()}`);
  }

  async classicToken(appid: string, secret: string): Promise<WeChatAnswer> {
    const query = new URLSearchParams({ grant_type: "client_credential", appid, secret });
    return (await (await this.raw(`/cgi-bin/token?${query}`)).json()) as WeChatAnswer;
  }

  async stableToken(appid: string, secret: string, forceRefresh = false): Promise<WeChatAnswer> {
    const response = await this.raw("/cgi-bin/stable_token", {
      method: "POST",
      body: JSON.stringify({ grant_type: "client_credential", appid, secret, force_refresh: forceRefresh }),
    });
    return (await response.json()) as WeChatAnswer;
  }

  /** A stable token for the account, or a thrown error. */
  async token(account: Pick<AccountSeed, "appid" | "secret">): Promise<string> {
    const answer = await this.stableToken(account.appid, account.secret);
    if (typeof answer.access_token !== "string") throw new Error(`no token: ${JSON.stringify(answer)}`);
    return answer.access_token;
  }

  /**
   * Waits for a slot under 5 calls a second and takes it. A slot counts from when its call was
   * answered (in flight: not yet free), since the sandbox counts a call from when it arrived, which
   * on a loaded machine may be well after it was sent.
   */
  private async pace(token: string): Promise<{ at: number }> {
    for (;;) {
      const now = Date.now();
      const slots = (this.recent.get(token) ?? []).filter((slot) => slot.at > now - 1050);
      this.recent.set(token, slots);
      if (slots.length < 5) {
        const slot = { at: Number.POSITIVE_INFINITY };
        slots.push(slot);
        return slot;
      }
      const oldest = Math.min(...slots.map((slot) => slot.at));
      const wait = Number.isFinite(oldest) ? oldest + 1050 - now : 10;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /**
   * POSTs to a WeChat endpoint (`qrcodejumpadd`, …, or `rid/get`) with the
   * token in the query string. An object body is sent as JSON, a string as is.
   */
  async call(
    endpoint: string,
    token: string | null,
    body: unknown,
    options: { paced?: boolean } = {},
  ): Promise<WeChatAnswer> {
    const slot = options.paced !== false && token ? await this.pace(token) : null;
    const path = endpoint === "rid/get" ? "/cgi-bin/openapi/rid/get" : `/cgi-bin/wxopen/${endpoint}`;
    const query = token === null ? "" : `?access_token=${encodeURIComponent(token)}`;
    try {
      const response = await this.raw(`${path}${query}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      expectJsonAnswer(response);
      return (await response.json()) as WeChatAnswer;
    } finally {
      if (slot) slot.at = Date.now();
    }
  }
}

function expectJsonAnswer(response: Response): void {
  if (response.status !== 200 || !response.headers.get("content-type")?.startsWith("application/json")) {
    throw new Error(`not a WeChat answer: HTTP ${response.status} ${response.headers.get("content-type")}`);
  }
}

/**
 * A Mini Program the product manages directly with its AppSecret, as most tests do: the sandbox
 * accepts its own token and lets an edit change a rule's path (WeChat's defaults, `ownToken:
 * "refused"` and `edits: "narrow"`, are what the sandbox's own platform tests exercise).
 */
export const MINI_PROGRAM = {
  appid: "wx1111111111111111",
  secret: "11111111111111111111111111111111",
  kind: "miniprogram",
  ownToken: "accepted",
  edits: "any",
} as const;

export const SERVICE_ACCOUNT = {
  appid: "wx2222222222222222",
  secret: "22222222222222222222222222222222",
  kind: "officialaccount",
  edits: "any",
} as const;

/** A type-A add body; `extra` overrides fields. */
export function typeARule(prefix: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    prefix,
    permit_sub_rule: 1,
    path: "pages/index/index",
    open_version: 1,
    debug_url: [],
    is_edit: 0,
    ...extra,
  };
}
