/**
 * The sandbox's world: its clock, the accounts with their rules and quotas,
 * the rids of failed calls and the call log. Tokens, rules and faults are
 * handled in their own modules on top of this.
 */
import { createHash, randomBytes } from "node:crypto";

import {
  type AccountPatch,
  type ParsedSeed,
  type StoredTypeARule,
  type StoredTypeBRule,
  sandboxSeed,
  seedTypeARule,
  seedTypeBRule,
  type SandboxSeed,
} from "./types";

export const DEFAULT_RULE_LIMIT = { miniprogram: 100, officialaccount: 10_000 } as const;
export const RID_RETENTION_MS = 7 * 24 * 3600_000;
const RID_STORE_LIMIT = 50_000;
const CALL_LOG_LIMIT = 5_000;

export type AccountKind = "miniprogram" | "officialaccount";

export interface Account {
  appid: string;
  secret: string;
  kind: AccountKind;
  personal: boolean;
  released: boolean;
  linkedMiniPrograms: Set<string>;
  ruleLimit: number;
  publishQuota: number;
  ipWhitelist: Set<string>;
  /** Type-A rules (Mini Programs), by prefix, in the order they were added. */
  rulesA: Map<string, StoredTypeARule>;
  /** Type-B rules (Service Accounts), by prefix, in the order they were added. */
  rulesB: Map<string, StoredTypeBRule>;
  /** Publishes spent per China-time month ("2026-11"). */
  publishesByMonth: Map<string, number>;
  tokensIssued: number;
  verificationFile: { file_name: string; file_content: string };
}

export interface CallRecord {
  time: string;
  appid: string | null;
  endpoint: string;
  /** null when no WeChat answer was given (a dropped connection, a garbage body). */
  errcode: number | null;
  rid?: string;
  fault?: string;
  ms: number;
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

/** WeChat's days and months turn over at midnight China time (UTC+8). */
export function chinaDay(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

export function chinaMonth(ms: number): string {
  return chinaDay(ms).slice(0, 7);
}

/**
 * A file name and content like WeChat's (`AZdYikN6R7.txt`, 32 hex digits),
 * derived from the appid alone so they stay the same across resets and
 * restarts, as they do on WeChat until the operator downloads a new one.
 */
function verificationFileFor(appid: string): Account["verificationFile"] {
  const digest = createHash("sha256").update(`qrcodejump-verification:${appid}`).digest();
  const name = digest
    .subarray(0, 10)
    .toString("base64")
    .replace(/[^A-Za-z0-9]/g, "x")
    .slice(0, 10);
  return { file_name: `${name}.txt`, file_content: digest.subarray(10, 26).toString("hex") };
}

/** Host without port, lower-cased; "" when the URL has none. */
export function hostOf(url: string): string {
  return (/^[a-z][a-z0-9+.-]*:\/\/([^/?#@]*)/i.exec(url)?.[1] ?? "").toLowerCase().replace(/:\d+$/, "");
}

function hostListed(list: ReadonlySet<string>, host: string): boolean {
  if (list.size === 0 || host === "") return false;
  if (list.has(host)) return true;
  for (let dot = host.indexOf("."); dot !== -1; dot = host.indexOf(".", dot + 1)) {
    if (list.has(host.slice(dot + 1))) return true;
  }
  return false;
}

export class SandboxState {
  private offsetMs = 0;
  readonly accounts = new Map<string, Account>();
  verification: ParsedSeed["verification"] = "off";
  verificationOrigin: string | undefined;
  private blacklistedHosts = new Set<string>();
  private icpUnfiledHosts = new Set<string>();
  private rids = new Map<string, RidRecord>();
  private calls: CallRecord[] = [];
  private ridCounter = randomBytes(4).readUInt32BE(0);

  /** The sandbox clock: real time plus whatever `/__sandbox/clock` added. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  advanceClock(seconds: number): void {
    this.offsetMs += Math.round(seconds * 1000);
  }

  /** Replaces everything but the clock. Throws a ZodError for a malformed seed. */
  reset(seed: SandboxSeed): void {
    const parsed = sandboxSeed.parse(seed);
    const accounts = parsed.accounts.map((input): Account => {
      const account: Account = {
        appid: input.appid,
        secret: input.secret,
        kind: input.kind,
        personal: input.personal,
        released: input.released,
        linkedMiniPrograms: new Set(input.linkedMiniPrograms),
        ruleLimit: input.ruleLimit ?? DEFAULT_RULE_LIMIT[input.kind],
        publishQuota: input.publishQuota,
        ipWhitelist: new Set(input.ipWhitelist),
        rulesA: new Map(),
        rulesB: new Map(),
        publishesByMonth: new Map(),
        tokensIssued: 0,
        verificationFile: verificationFileFor(input.appid),
      };
      for (const rule of input.rules) {
        if (input.kind === "miniprogram") {
          const parsedRule = seedTypeARule.parse(rule);
          account.rulesA.set(parsedRule.prefix, parsedRule);
        } else {
          const parsedRule = seedTypeBRule.parse(rule);
          account.rulesB.set(parsedRule.prefix, parsedRule);
        }
      }
      return account;
    });

    this.accounts.clear();
    for (const account of accounts) this.accounts.set(account.appid, account);
    this.verification = parsed.verification;
    this.verificationOrigin = parsed.verificationOrigin?.replace(/\/+$/, "");
    this.blacklistedHosts = new Set(parsed.blacklistedHosts.map((host) => host.toLowerCase()));
    this.icpUnfiledHosts = new Set(parsed.icpUnfiledHosts.map((host) => host.toLowerCase()));
    this.rids.clear();
    this.calls = [];
  }

  patchAccount(appid: string, patch: AccountPatch): Account | null {
    const account = this.accounts.get(appid);
    if (!account) return null;
    if (patch.personal !== undefined) account.personal = patch.personal;
    if (patch.released !== undefined) account.released = patch.released;
    if (patch.linkedMiniPrograms) account.linkedMiniPrograms = new Set(patch.linkedMiniPrograms);
    if (patch.ruleLimit !== undefined) account.ruleLimit = patch.ruleLimit;
    if (patch.publishQuota !== undefined) account.publishQuota = patch.publishQuota;
    if (patch.ipWhitelist) account.ipWhitelist = new Set(patch.ipWhitelist);
    return account;
  }

  isBlacklisted(url: string): boolean {
    return hostListed(this.blacklistedHosts, hostOf(url));
  }

  lacksIcpFiling(url: string): boolean {
    return hostListed(this.icpUnfiledHosts, hostOf(url));
  }

  publishesLeft(account: Account): number {
    return Math.max(0, account.publishQuota - (account.publishesByMonth.get(chinaMonth(this.now())) ?? 0));
  }

  spendPublish(account: Account): void {
    const month = chinaMonth(this.now());
    account.publishesByMonth.set(month, (account.publishesByMonth.get(month) ?? 0) + 1);
  }

  // --- rids and the call log -------------------------------------------------------------------

  /**
   * A rid like WeChat's, `6745f3a1-1b2c3d4e-5f6a7b8c`: the time in seconds, a
   * random part and a counter, so two calls never share one.
   */
  newRid(): string {
    this.ridCounter = (this.ridCounter + 1) >>> 0;
    const seconds = (Math.floor(this.now() / 1000) >>> 0).toString(16).padStart(8, "0");
    const random = Math.floor(Math.random() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, "0");
    return `${seconds}-${random}-${this.ridCounter.toString(16).padStart(8, "0")}`;
  }

  rememberRid(rid: string, record: RidRecord): void {
    this.rids.set(rid, record);
    if (this.rids.size > RID_STORE_LIMIT) {
      // Maps iterate in insertion order: the oldest go first.
      let excess = this.rids.size - RID_STORE_LIMIT / 2;
      for (const key of this.rids.keys()) {
        if (excess-- <= 0) break;
        this.rids.delete(key);
      }
    }
  }

  /** The record of a rid younger than 7 days (sandbox time), if any. */
  findRid(rid: string): RidRecord | null {
    const record = this.rids.get(rid);
    return record && record.at > this.now() - RID_RETENTION_MS ? record : null;
  }

  record(call: Omit<CallRecord, "time">): void {
    this.calls.push({ time: new Date(this.now()).toISOString(), ...call });
    // Trimmed in halves, not per call, so a long run does not shift a large array on every request.
    if (this.calls.length > 2 * CALL_LOG_LIMIT) this.calls = this.calls.slice(-CALL_LOG_LIMIT);
  }

  /** Everything a test or a demo may want to see; never a secret or a token. */
  snapshot(extra: { tokensOf: (appid: string) => number; faults: unknown[] }): Record<string, unknown> {
    return {
      now: new Date(this.now()).toISOString(),
      clockOffsetSeconds: this.offsetMs / 1000,
      verification: this.verification,
      ...(this.verificationOrigin ? { verificationOrigin: this.verificationOrigin } : {}),
      blacklistedHosts: [...this.blacklistedHosts],
      icpUnfiledHosts: [...this.icpUnfiledHosts],
      accounts: [...this.accounts.values()].map((account) => ({
        appid: account.appid,
        kind: account.kind,
        personal: account.personal,
        released: account.released,
        linkedMiniPrograms: [...account.linkedMiniPrograms],
        ruleLimit: account.ruleLimit,
        publishQuota: account.publishQuota,
        publishesLeft: this.publishesLeft(account),
        ipWhitelist: [...account.ipWhitelist],
        tokensIssued: account.tokensIssued,
        validTokens: extra.tokensOf(account.appid),
        verificationFile: account.verificationFile,
        ruleCount: account.kind === "miniprogram" ? account.rulesA.size : account.rulesB.size,
        rules: account.kind === "miniprogram" ? [...account.rulesA.values()] : [...account.rulesB.values()],
      })),
      faults: extra.faults,
      calls: this.calls,
    };
  }
}
