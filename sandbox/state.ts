/**
 * The sandbox's world: its clock, the accounts with their rules and quotas,
 * the rids of failed calls and the call log. Tokens, rules and faults are
 * handled in their own modules on top of this.
 */
import { createHash, randomBytes } from "node:crypto";

import {
  type AccountPatch,
  type AccountSeed,
  accountSeed,
  type ParsedSeed,
  type PlatformPatch,
  type StoredTypeARule,
  type StoredTypeBRule,
  sandboxSeed,
  seedTypeARule,
  seedTypeBRule,
  type SandboxSeed,
} from "./types";

export const DEFAULT_RULE_LIMIT = { miniprogram: 100, officialaccount: 10_000 } as const;
/** REFERENCE §1: a Mini Program's type-B rules, counted as every qrcodejumpadd call ever made for it. */
export const DEFAULT_TYPE_B_ADD_BUDGET = 100_000;
/** Permission sets one platform at a time may hold for an account (REFERENCE §5: set 18). */
export const EXCLUSIVE_PERMISSION_SETS: ReadonlySet<number> = new Set([18]);
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
  ownToken: "refused" | "accepted";
  edits: "narrow" | "any";
  typeBAddBudget: number;
  name: string;
  /** The legal entity of an organisation's account; a personal account shows 个人 instead. */
  principalName: string;
  verified: boolean;
  /** Type-A rules (Mini Programs), by prefix, in the order they were added. */
  rulesA: Map<string, StoredTypeARule>;
  /** Type-B rules (Service Accounts), by prefix, in the order they were added. */
  rulesB: Map<string, StoredTypeBRule>;
  /** Publishes spent per China-time month ("2026-11"). */
  publishesByMonth: Map<string, number>;
  tokensIssued: number;
  verificationFile: { file_name: string; file_content: string };
}

/** A merchant account's authorization of a platform. */
export interface Authorization {
  appid: string;
  sets: Set<number>;
  /** Replaced at every (re-)authorization: the previous one answers 61023 from then on. */
  refreshToken: string;
  authorizedAt: number;
}

export interface PushRecord {
  time: string;
  infoType: string;
  authorizerAppid?: string;
  /** null: nothing reached the URL (none set, refused connection, timeout). */
  status: number | null;
  /** The URL answered `success`. */
  accepted: boolean;
  error?: string;
}

/** A third-party platform: its registration, its latest ticket, the merchants that authorized it. */
export interface Platform {
  appid: string;
  secret: string;
  token: string;
  encodingAesKey: string;
  eventUrl: string | undefined;
  autoTicket: boolean;
  permissionSets: number[];
  ipWhitelist: Set<string>;
  redirectDomains: Set<string>;
  ticket: { value: string; issuedAt: number } | undefined;
  /** Sandbox time of the last ticket the 10-minute timer pushed (or of the reset). */
  lastTimedTicketAt: number;
  authorizations: Map<string, Authorization>;
  pushes: PushRecord[];
}

export class SeedError extends Error {}

/** Opaque codes shaped like WeChat's (`ticket@@@…`, `queryauthcode@@@…`, `refreshtoken@@@…`). */
export function opaqueCode(kind: string, bytes = 48): string {
  return `${kind}@@@${randomBytes(bytes).toString("base64url")}`;
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
  readonly platforms = new Map<string, Platform>();
  /** type-B qrcodejumpadd calls spent per Mini Program appid, over its lifetime. */
  readonly typeBAdds = new Map<string, number>();
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
  /** Adds one account to a running sandbox (a merchant's new Mini Program, say); false when its AppID is taken. */
  addAccount(seed: AccountSeed): boolean {
    const account = accountFrom(accountSeed.parse(seed));
    if (this.accounts.has(account.appid)) return false;
    this.accounts.set(account.appid, account);
    return true;
  }

  reset(seed: SandboxSeed): void {
    const parsed = sandboxSeed.parse(seed);
    const accounts = parsed.accounts.map((input) => accountFrom(input));

    const byAppid = new Map(accounts.map((account) => [account.appid, account]));
    const platforms = this.platformsOf(parsed, byAppid);

    this.accounts.clear();
    for (const account of accounts) this.accounts.set(account.appid, account);
    this.platforms.clear();
    for (const platform of platforms) this.platforms.set(platform.appid, platform);
    this.typeBAdds.clear();
    this.verification = parsed.verification;
    this.verificationOrigin = parsed.verificationOrigin?.replace(/\/+$/, "");
    this.blacklistedHosts = new Set(parsed.blacklistedHosts.map((host) => host.toLowerCase()));
    this.icpUnfiledHosts = new Set(parsed.icpUnfiledHosts.map((host) => host.toLowerCase()));
    this.rids.clear();
    this.calls = [];
  }

  /** The seed's platforms, checked against its accounts: throws a SeedError for a seed WeChat could not be in. */
  private platformsOf(parsed: ParsedSeed, accounts: ReadonlyMap<string, Account>): Platform[] {
    const now = this.now();
    const holders = new Map<string, string>();
    const seen = new Set<string>();
    return parsed.platforms.map((input): Platform => {
      if (seen.has(input.component_appid) || accounts.has(input.component_appid))
        throw new SeedError(`component_appid ${input.component_appid} is used twice`);
      seen.add(input.component_appid);
      const authorizations = new Map<string, Authorization>();
      for (const grant of input.authorizations) {
        if (!accounts.has(grant.authorizer_appid))
          throw new SeedError(`authorization of an unknown account ${grant.authorizer_appid}`);
        for (const set of grant.permissionSets) {
          if (!EXCLUSIVE_PERMISSION_SETS.has(set)) continue;
          const key = `${grant.authorizer_appid}:${set}`;
          const holder = holders.get(key);
          if (holder && holder !== input.component_appid)
            throw new SeedError(
              `permission set ${set} of ${grant.authorizer_appid} is exclusive: ${holder} holds it`,
            );
          holders.set(key, input.component_appid);
        }
        authorizations.set(grant.authorizer_appid, {
          appid: grant.authorizer_appid,
          sets: new Set(grant.permissionSets),
          refreshToken: grant.refreshToken ?? opaqueCode("refreshtoken", 32),
          authorizedAt: now,
        });
      }
      return {
        appid: input.component_appid,
        secret: input.component_appsecret,
        token: input.token,
        encodingAesKey: input.encodingAesKey,
        eventUrl: input.eventUrl,
        autoTicket: input.autoTicket,
        permissionSets: [...new Set(input.permissionSets)],
        ipWhitelist: new Set(input.ipWhitelist),
        redirectDomains: new Set(input.redirectDomains.map((host) => host.toLowerCase())),
        ticket: input.verifyTicket ? { value: input.verifyTicket, issuedAt: now } : undefined,
        lastTimedTicketAt: now,
        authorizations,
        pushes: [],
      };
    });
  }

  patchPlatform(appid: string, patch: PlatformPatch): Platform | null {
    const platform = this.platforms.get(appid);
    if (!platform) return null;
    if (patch.eventUrl !== undefined) platform.eventUrl = patch.eventUrl ?? undefined;
    if (patch.autoTicket !== undefined) platform.autoTicket = patch.autoTicket;
    if (patch.permissionSets) platform.permissionSets = [...new Set(patch.permissionSets)];
    if (patch.ipWhitelist) platform.ipWhitelist = new Set(patch.ipWhitelist);
    if (patch.redirectDomains)
      platform.redirectDomains = new Set(patch.redirectDomains.map((host) => host.toLowerCase()));
    return platform;
  }

  /** The platform holding an exclusive permission set of an account, other than `except`. */
  exclusiveHolder(appid: string, set: number, except: string): Platform | null {
    if (!EXCLUSIVE_PERMISSION_SETS.has(set)) return null;
    for (const platform of this.platforms.values()) {
      if (platform.appid !== except && platform.authorizations.get(appid)?.sets.has(set)) return platform;
    }
    return null;
  }

  typeBAddsLeft(miniProgram: string): number {
    const budget = this.accounts.get(miniProgram)?.typeBAddBudget ?? DEFAULT_TYPE_B_ADD_BUDGET;
    return Math.max(0, budget - (this.typeBAdds.get(miniProgram) ?? 0));
  }

  spendTypeBAdd(miniProgram: string): void {
    this.typeBAdds.set(miniProgram, (this.typeBAdds.get(miniProgram) ?? 0) + 1);
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
    if (patch.ownToken !== undefined) account.ownToken = patch.ownToken;
    if (patch.edits !== undefined) account.edits = patch.edits;
    if (patch.typeBAddBudget !== undefined) account.typeBAddBudget = patch.typeBAddBudget;
    if (patch.name !== undefined) account.name = patch.name;
    if (patch.principalName !== undefined) account.principalName = patch.principalName;
    if (patch.verified !== undefined) account.verified = patch.verified;
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
        name: account.name,
        ownToken: account.ownToken,
        edits: account.edits,
        verified: account.verified,
        ...(account.kind === "miniprogram"
          ? {
              typeBAddBudget: account.typeBAddBudget,
              typeBAddsSpent: this.typeBAdds.get(account.appid) ?? 0,
            }
          : {}),
        tokensIssued: account.tokensIssued,
        validTokens: extra.tokensOf(account.appid),
        verificationFile: account.verificationFile,
        ruleCount: account.kind === "miniprogram" ? account.rulesA.size : account.rulesB.size,
        rules: account.kind === "miniprogram" ? [...account.rulesA.values()] : [...account.rulesB.values()],
      })),
      platforms: [...this.platforms.values()].map((platform) => ({
        component_appid: platform.appid,
        eventUrl: platform.eventUrl ?? null,
        autoTicket: platform.autoTicket,
        permissionSets: platform.permissionSets,
        ipWhitelist: [...platform.ipWhitelist],
        redirectDomains: [...platform.redirectDomains],
        // When, never what: the ticket is the platform's credential.
        ticketIssuedAt: platform.ticket ? new Date(platform.ticket.issuedAt).toISOString() : null,
        authorizations: [...platform.authorizations.values()].map((grant) => ({
          authorizer_appid: grant.appid,
          permissionSets: [...grant.sets],
          authorizedAt: new Date(grant.authorizedAt).toISOString(),
        })),
        pushes: platform.pushes,
      })),
      faults: extra.faults,
      calls: this.calls,
    };
  }
}

/** A sandbox account as a seed describes it, with its rules. */
function accountFrom(input: ReturnType<typeof accountSeed.parse>): Account {
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
    ownToken: input.ownToken ?? (input.kind === "miniprogram" ? "refused" : "accepted"),
    edits: input.edits,
    typeBAddBudget: input.typeBAddBudget,
    name:
      input.name ??
      `${input.kind === "miniprogram" ? "Mini Program" : "Service Account"} ${input.appid.slice(-6)}`,
    principalName: input.principalName ?? "Sandbox Example Co., Ltd.",
    verified: input.verified,
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
}
