import { createHash, randomBytes } from "node:crypto";

import { z } from "zod";

import { checkPrefix, matchTestLink, prefixCovers, verificationFileUrl } from "../lib/wechat/match";
import { WeChatFailure, fail } from "./errors";
import {
  type Fault,
  type SandboxSeed,
  type TypeARule,
  type TypeBRule,
  resetSchema,
  typeARuleSchema,
  typeBRuleSchema,
} from "./types";

export const TOKEN_TTL_S = 7200;
/** A replaced classic token, and a stable token near its end, stay valid this long. */
export const TOKEN_OVERLAP_S = 300;
export const RATE_LIMIT_PER_SECOND = 5;
export const FORCE_REFRESH_PER_DAY = 20;
export const FORCE_REFRESH_INTERVAL_S = 30;
export const TOKEN_FETCHES_PER_DAY = 2000;
export const RID_RETENTION_S = 7 * 24 * 3600;
const MAX_TEST_LINKS = 5;
const MAX_PREFIX_LIST = 200;
const MAX_PAGE_SIZE = 200;
const GET_TYPE_0_LIMIT = 10_000;
const CALL_LOG_LIMIT = 20_000;

type Kind = "miniprogram" | "officialaccount";

interface Token {
  appid: string;
  mode: "classic" | "stable";
  issuedAt: number;
  expiresAt: number;
}

interface Account {
  appid: string;
  secret: string;
  kind: Kind;
  personal: boolean;
  released: boolean;
  linkedMiniPrograms: Set<string>;
  ruleLimit: number;
  publishQuota: number;
  /** Type A rules (Mini Programs) or type B rules (Service Accounts), in insertion order. */
  rulesA: Map<string, TypeARule>;
  rulesB: Map<string, TypeBRule>;
  publishesByMonth: Map<string, number>;
  tokensIssued: number;
  fetchesByDay: Map<string, number>;
  forceRefreshes: number[];
  classicToken?: string;
  stableToken?: string;
  file: { name: string; content: string };
}

export interface CallRecord {
  time: string;
  appid: string | null;
  endpoint: string;
  errcode: number;
  rid: string | null;
}

export interface RidRecord {
  appid: string | null;
  at: number;
  costMs: number;
  requestUrl: string;
  requestBody: string;
  responseBody: string;
  clientIp: string;
}

interface ActiveFault extends Fault {
  remaining: number | null;
}

/** China time: WeChat's days and months turn over at midnight in UTC+8. */
function chinaDate(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString();
}

const addTypeASchema = z.object({
  prefix: z.string(),
  permit_sub_rule: z.union([z.literal(1), z.literal(2)]),
  path: z.string(),
  open_version: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  debug_url: z.array(z.string()).optional().default([]),
  is_edit: z.union([z.literal(0), z.literal(1)]),
});
const addTypeBSchema = z.object({
  prefix: z.string(),
  appid: z.string(),
  path: z.string(),
  is_edit: z.union([z.literal(0), z.literal(1)]),
});
const prefixBodySchema = z.object({ prefix: z.string(), appid: z.string().optional() });
const getTypeBSchema = z.object({
  appid: z.string(),
  get_type: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  prefix_list: z.array(z.string()).optional(),
  page_num: z.number().int().optional(),
  page_size: z.number().int().optional(),
});

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  return result.success ? result.data : fail(47001);
}

/** The whole emulated WeChat: accounts, rules, tokens, limits, the clock and injected faults. */
export class SandboxState {
  private offsetMs = 0;
  private accounts = new Map<string, Account>();
  private tokens = new Map<string, Token>();
  private rateWindows = new Map<string, number[]>();
  private faults: ActiveFault[] = [];
  private rids = new Map<string, RidRecord>();
  readonly calls: CallRecord[] = [];
  verification: "off" | "http" = "off";
  private blacklistedHosts = new Set<string>();
  private icpUnfiledHosts = new Set<string>();

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advanceClock(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  reset(seed: SandboxSeed): void {
    const parsed = resetSchema.parse(seed);
    this.accounts.clear();
    this.tokens.clear();
    this.rateWindows.clear();
    this.rids.clear();
    this.calls.length = 0;
    this.faults = [];
    this.verification = parsed.verification;
    this.blacklistedHosts = new Set(parsed.blacklistedHosts.map((host) => host.toLowerCase()));
    this.icpUnfiledHosts = new Set(parsed.icpUnfiledHosts.map((host) => host.toLowerCase()));
    for (const seedAccount of parsed.accounts) {
      const digest = createHash("sha256").update(`${seedAccount.appid}:${seedAccount.secret}`).digest("hex");
      const account: Account = {
        appid: seedAccount.appid,
        secret: seedAccount.secret,
        kind: seedAccount.kind,
        personal: seedAccount.personal,
        released: seedAccount.released,
        linkedMiniPrograms: new Set(seedAccount.linkedMiniPrograms),
        ruleLimit: seedAccount.ruleLimit ?? (seedAccount.kind === "miniprogram" ? 100 : 10_000),
        publishQuota: seedAccount.publishQuota,
        rulesA: new Map(),
        rulesB: new Map(),
        publishesByMonth: new Map(),
        tokensIssued: 0,
        fetchesByDay: new Map(),
        forceRefreshes: [],
        file: { name: `${digest.slice(0, 10)}.txt`, content: digest.slice(10, 42) },
      };
      for (const rule of seedAccount.rules) {
        if (account.kind === "miniprogram") {
          const parsedRule = typeARuleSchema.parse(rule);
          account.rulesA.set(parsedRule.prefix, parsedRule);
        } else {
          const parsedRule = typeBRuleSchema.parse(rule);
          account.rulesB.set(parsedRule.prefix, parsedRule);
        }
      }
      this.accounts.set(account.appid, account);
    }
  }

  // --- tokens -------------------------------------------------------------------------------

  private credentials(appid: string | undefined, secret: string | undefined): Account {
    if (!appid) fail(41002);
    if (!secret) fail(41004);
    const account = this.accounts.get(appid ?? "") ?? fail(40013);
    if (account.secret !== secret) fail(40125);
    return account;
  }

  private countFetch(account: Account): void {
    const day = chinaDate(this.now()).slice(0, 10);
    const fetches = account.fetchesByDay.get(day) ?? 0;
    if (fetches >= TOKEN_FETCHES_PER_DAY) fail(45009);
    account.fetchesByDay.set(day, fetches + 1);
  }

  private issue(account: Account, mode: Token["mode"]): { access_token: string; expires_in: number } {
    const now = this.now();
    const token = `${Math.floor(now / 1000) % 100}_${randomBytes(96).toString("base64url")}`;
    this.tokens.set(token, { appid: account.appid, mode, issuedAt: now, expiresAt: now + TOKEN_TTL_S * 1000 });
    account.tokensIssued += 1;
    return { access_token: token, expires_in: TOKEN_TTL_S };
  }

  /** `GET /cgi-bin/token`: a new token each time; the previous one lives 5 more minutes. */
  classicToken(query: URLSearchParams): { access_token: string; expires_in: number } {
    if (query.get("grant_type") !== "client_credential") fail(40002);
    const account = this.credentials(query.get("appid") ?? undefined, query.get("secret") ?? undefined);
    this.countFetch(account);
    const previous = account.classicToken ? this.tokens.get(account.classicToken) : undefined;
    if (previous) previous.expiresAt = Math.min(previous.expiresAt, this.now() + TOKEN_OVERLAP_S * 1000);
    const issued = this.issue(account, "classic");
    account.classicToken = issued.access_token;
    return issued;
  }

  /** `POST /cgi-bin/stable_token`: the same token while it has more than 5 minutes left. */
  stableToken(body: unknown): { access_token: string; expires_in: number } {
    const input = parse(
      z.object({
        grant_type: z.string().optional(),
        appid: z.string().optional(),
        secret: z.string().optional(),
        force_refresh: z.boolean().optional().default(false),
      }),
      body,
    );
    if (input.grant_type !== "client_credential") fail(40002);
    const account = this.credentials(input.appid, input.secret);
    const now = this.now();
    const current = account.stableToken ? this.tokens.get(account.stableToken) : undefined;

    if (input.force_refresh) {
      account.forceRefreshes = account.forceRefreshes.filter((at) => at > now - 24 * 3600_000);
      if (account.forceRefreshes.length >= FORCE_REFRESH_PER_DAY) fail(45009);
      const last = account.forceRefreshes.at(-1);
      if (last !== undefined && now - last < FORCE_REFRESH_INTERVAL_S * 1000) fail(45011);
      account.forceRefreshes.push(now);
      if (current && account.stableToken) this.tokens.delete(account.stableToken);
    } else if (current && current.expiresAt - now > TOKEN_OVERLAP_S * 1000) {
      return { access_token: account.stableToken ?? "", expires_in: Math.floor((current.expiresAt - now) / 1000) };
    }
    this.countFetch(account);
    const issued = this.issue(account, "stable");
    account.stableToken = issued.access_token;
    return issued;
  }

  /** The account a qrcodejump call acts for, from its access_token. */
  authenticate(token: string | null): Account {
    if (!token) fail(41001);
    const record = this.tokens.get(token ?? "");
    if (!record) fail(40001);
    if ((record?.expiresAt ?? 0) <= this.now()) {
      // A replaced token is simply invalid; one that ran out its 2 hours has expired.
      fail(record && record.expiresAt - record.issuedAt < TOKEN_TTL_S * 1000 ? 40001 : 42001);
    }
    return this.accounts.get(record?.appid ?? "") ?? fail(40001);
  }

  /** Counts a call against the account's 5-a-second limit; the sixth in any second is refused. */
  throttle(appid: string): void {
    const now = this.now();
    const recent = (this.rateWindows.get(appid) ?? []).filter((at) => at > now - 1000);
    recent.push(now);
    this.rateWindows.set(appid, recent);
    if (recent.length > RATE_LIMIT_PER_SECOND) fail(44990);
  }

  // --- qrcodejump family ---------------------------------------------------------------------

  private usable(account: Account): void {
    if (account.personal) fail(85075);
  }

  private publishesLeft(account: Account): number {
    const month = chinaDate(this.now()).slice(0, 7);
    return Math.max(0, account.publishQuota - (account.publishesByMonth.get(month) ?? 0));
  }

  private checkHost(prefix: string): void {
    const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]*)/i.exec(prefix)?.[1]?.toLowerCase() ?? "";
    if (this.blacklistedHosts.has(host)) fail(85070);
    if (this.icpUnfiledHosts.has(host)) fail(85076);
  }

  private async verify(account: Account, prefix: string): Promise<void> {
    if (this.verification === "off") return;
    const location = verificationFileUrl(prefix, account.file.name);
    if (!location) fail(85069);
    // Fetched over plain HTTP from the prefix's host and port, whatever the prefix's scheme,
    // so a test can serve the file from a local server.
    const url = (location ?? "").replace(/^https:/i, "http:");
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3000), redirect: "manual" });
      const text = response.ok ? (await response.text()).trim() : "";
      if (text !== account.file.content) fail(85069);
    } catch (error) {
      if (error instanceof WeChatFailure) throw error;
      fail(85069);
    }
  }

  async add(account: Account, body: unknown): Promise<void> {
    this.usable(account);
    if (account.kind === "officialaccount") return this.addTypeB(account, body);
    const input = parse(addTypeASchema, body);
    if (checkPrefix(input.prefix, "A").problems.length > 0) fail(85066);
    this.checkHost(input.prefix);
    if (input.debug_url.length > MAX_TEST_LINKS) fail(40097);
    for (const link of input.debug_url) if (!matchTestLink(input.prefix, link).ok) fail(85068);

    const existing = account.rulesA.get(input.prefix);
    if (input.is_edit === 0 && existing) fail(85071);
    if (input.is_edit === 1 && (!existing || existing.state === 2)) fail(40097);
    if (input.is_edit === 0 && account.rulesA.size >= account.ruleLimit) fail(85073);
    for (const other of this.accounts.values()) {
      if (other === account) continue;
      for (const rule of other.rulesA.values()) {
        if (rule.permit_sub_rule === 2 && prefixCovers(rule.prefix, input.prefix)) fail(85072);
      }
    }
    await this.verify(account, input.prefix);
    const { is_edit: _isEdit, ...rule } = input;
    account.rulesA.set(input.prefix, { ...rule, state: 1 });
  }

  private addTypeB(account: Account, body: unknown): void {
    const input = parse(addTypeBSchema, body);
    if (checkPrefix(input.prefix, "B").problems.length > 0) fail(85066);
    if (!account.linkedMiniPrograms.has(input.appid)) fail(40166);
    const existing = account.rulesB.get(input.prefix);
    if (input.is_edit === 0 && existing) fail(85071);
    if (input.is_edit === 1 && (!existing || existing.state === 2 || existing.appid !== input.appid)) fail(40097);
    if (input.is_edit === 0 && account.rulesB.size >= account.ruleLimit) fail(85073);
    account.rulesB.set(input.prefix, { prefix: input.prefix, appid: input.appid, path: input.path, state: 1 });
  }

  remove(account: Account, body: unknown): void {
    this.usable(account);
    const input = parse(prefixBodySchema, body);
    if (account.kind === "miniprogram") {
      if (!account.rulesA.delete(input.prefix)) fail(40097);
      return;
    }
    const rule = account.rulesB.get(input.prefix);
    if (!input.appid || !account.linkedMiniPrograms.has(input.appid)) fail(40166);
    if (!rule || rule.appid !== input.appid) fail(40097);
    account.rulesB.delete(input.prefix);
  }

  publish(account: Account, body: unknown): void {
    this.usable(account);
    const input = parse(prefixBodySchema, body);
    const rule = account.kind === "miniprogram" ? account.rulesA.get(input.prefix) : account.rulesB.get(input.prefix);
    if (!rule) fail(40097);
    if (account.kind === "miniprogram" && !account.released) fail(85074);
    if (rule?.state === 2) return;
    if (this.publishesLeft(account) === 0) fail(886000);
    const month = chinaDate(this.now()).slice(0, 7);
    account.publishesByMonth.set(month, (account.publishesByMonth.get(month) ?? 0) + 1);
    if (rule) rule.state = 2;
  }

  get(account: Account, body: unknown): Record<string, unknown> {
    this.usable(account);
    const common = {
      qrcodejump_open: 1,
      qrcodejump_pub_quota: this.publishesLeft(account),
    };
    if (account.kind === "miniprogram") {
      parse(z.object({}).loose(), body);
      const rules = [...account.rulesA.values()].map((rule) => ({ ...rule, debug_url: [...rule.debug_url] }));
      return { errcode: 0, errmsg: "ok", rule_list: rules, ...common, list_size: account.ruleLimit };
    }

    const input = parse(getTypeBSchema, body);
    if (!account.linkedMiniPrograms.has(input.appid)) fail(40166);
    const all = [...account.rulesB.values()].filter((rule) => rule.appid === input.appid);
    const view = (rule: TypeBRule) => ({ prefix: rule.prefix, path: rule.path, state: rule.state });
    let selected: TypeBRule[];
    if (input.get_type === 0) {
      selected = all.slice(-GET_TYPE_0_LIMIT).reverse();
    } else if (input.get_type === 1) {
      const wanted = input.prefix_list ?? fail(40097);
      if (wanted.length === 0 || wanted.length > MAX_PREFIX_LIST) fail(40097);
      selected = all.filter((rule) => wanted.includes(rule.prefix));
    } else {
      const page = input.page_num ?? fail(40097);
      const size = input.page_size ?? fail(40097);
      if (page < 1 || size < 1 || size > MAX_PAGE_SIZE) fail(40097);
      const pages = Math.max(1, Math.ceil(all.length / size));
      if (page > pages) fail(40097);
      selected = all.slice((page - 1) * size, page * size);
    }
    return {
      errcode: 0,
      errmsg: "ok",
      rule_list: selected.map(view),
      total_count: all.length,
      ...common,
      list_size: account.ruleLimit,
    };
  }

  download(account: Account, body: unknown): Record<string, unknown> {
    this.usable(account);
    parse(z.object({}).loose(), body);
    if (account.kind !== "miniprogram") fail(48001);
    return { errcode: 0, errmsg: "ok", file_name: account.file.name, file_content: account.file.content };
  }

  // --- rids, faults, the call log -------------------------------------------------------------

  newRid(): string {
    const seconds = Math.floor(this.now() / 1000).toString(16).padStart(8, "0");
    return `${seconds}-${randomBytes(4).toString("hex")}-${randomBytes(4).toString("hex")}`;
  }

  rememberRid(rid: string, record: RidRecord): void {
    this.rids.set(rid, record);
  }

  lookupRid(account: Account, body: unknown): Record<string, unknown> {
    const { rid } = parse(z.object({ rid: z.string().min(1) }), body);
    const record = this.rids.get(rid);
    if (!record || record.at < this.now() - RID_RETENTION_S * 1000) fail(76001);
    if (record?.appid !== account.appid) fail(76003);
    return {
      errcode: 0,
      errmsg: "ok",
      request: {
        invoke_time: Math.floor((record?.at ?? 0) / 1000),
        cost_in_ms: record?.costMs,
        request_url: record?.requestUrl,
        request_body: record?.requestBody,
        response_body: record?.responseBody,
        client_ip: record?.clientIp,
      },
    };
  }

  addFault(fault: Fault): void {
    this.faults.push({ ...fault, remaining: fault.count ?? (fault.rate === undefined ? 1 : null) });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** The fault that applies to this call, if any; counted faults are used up. */
  takeFault(endpoint: string): Fault | null {
    if (this.faults.length === 0) return null;
    for (const fault of this.faults) {
      if (fault.endpoint !== "*" && fault.endpoint !== endpoint) continue;
      if (fault.remaining !== null) {
        if (fault.remaining <= 0) continue;
        fault.remaining -= 1;
        return fault;
      }
      if (Math.random() < (fault.rate ?? 0)) return fault;
    }
    this.faults = this.faults.filter((fault) => fault.remaining === null || fault.remaining > 0);
    return null;
  }

  activeFaults(): ActiveFault[] {
    return this.faults.filter((fault) => fault.remaining === null || fault.remaining > 0);
  }

  record(call: Omit<CallRecord, "time">): void {
    this.calls.push({ time: new Date(this.now()).toISOString(), ...call });
    // Trimmed in halves, not per call, so a long run does not shift a large array on every request.
    if (this.calls.length > 2 * CALL_LOG_LIMIT) this.calls.splice(0, this.calls.length - CALL_LOG_LIMIT);
  }

  /** Everything a test or the demo may want to see, without secrets or tokens. */
  snapshot(): Record<string, unknown> {
    return {
      now: new Date(this.now()).toISOString(),
      verification: this.verification,
      accounts: [...this.accounts.values()].map((account) => ({
        appid: account.appid,
        kind: account.kind,
        personal: account.personal,
        released: account.released,
        linkedMiniPrograms: [...account.linkedMiniPrograms],
        ruleLimit: account.ruleLimit,
        publishQuota: account.publishQuota,
        publishesLeft: this.publishesLeft(account),
        tokensIssued: account.tokensIssued,
        verificationFile: { file_name: account.file.name, file_content: account.file.content },
        rules: account.kind === "miniprogram" ? [...account.rulesA.values()] : [...account.rulesB.values()],
      })),
      faults: this.activeFaults(),
      calls: this.calls,
    };
  }
}
