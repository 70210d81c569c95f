/**
 * access_tokens as WeChat issues them (REFERENCE §5) — an account's own, a
 * platform's component_access_token and the authorizer_access_tokens it gets
 * for its merchants — and the per-account limits on qrcodejump calls (5 a
 * second; a Service Account also 200 a minute). Every time is sandbox time.
 */
import { randomBytes } from "node:crypto";

import { z } from "zod";

import { fail, parseBody } from "./errors";
import { type Account, type Platform, type SandboxState, chinaDay } from "./state";

export const TOKEN_TTL_S = 7200;
/** A replaced classic token lives on this long; a stable token is renewed this long before it expires. */
export const TOKEN_OVERLAP_S = 300;
export const TOKEN_FETCHES_PER_DAY = 2000;
export const FORCE_REFRESH_PER_DAY = 20;
export const FORCE_REFRESH_INTERVAL_S = 30;
export const CALLS_PER_SECOND = 5;
/** REFERENCE §2: type-B rules (a Service Account's calls) also at most 200 a minute. */
export const TYPE_B_CALLS_PER_MINUTE = 200;

export type TokenKind = "own" | "authorizer" | "component";

/** Who a token speaks for. */
export type Caller =
  | { kind: "own"; appid: string; account: Account }
  /** A platform acting for a merchant that authorized it. */
  | { kind: "authorizer"; appid: string; account: Account; component: string }
  | { kind: "component"; appid: string; platform: Platform };

interface TokenRecord {
  /** The account's appid; for a component_access_token, the platform's. */
  appid: string;
  kind: TokenKind;
  /** authorizer tokens: the platform that holds it. */
  component?: string;
  expiresAt: number;
  /** Replaced by a newer token (or force-refreshed away): past expiresAt it is invalid (40001), not expired (42001). */
  replaced: boolean;
}

interface AccountTokens {
  classic?: string;
  stable?: string;
  fetchDay: string;
  fetches: number;
  forceDay: string;
  forces: number;
  lastForceAt: number;
}

export interface IssuedToken {
  access_token: string;
  expires_in: number;
}

// Looser than lib/wechat/types' stableTokenRequest: a missing field has its own errcode here (40002, 41002, 41004).
const stableTokenBody = z.object({
  grant_type: z.string().optional(),
  appid: z.string().optional(),
  secret: z.string().optional(),
  force_refresh: z.boolean().optional(),
});

function clientAddress(ip: string): string {
  return ip.startsWith("::ffff:") ? ip.slice(7) : ip;
}

/** A token shaped like WeChat's: a short number, an underscore, then opaque characters. */
function newToken(serial: number): string {
  return `${86 + (serial % 10)}_${randomBytes(96).toString("base64url")}`;
}

export class TokenService {
  private tokens = new Map<string, TokenRecord>();
  private perAccount = new Map<string, AccountTokens>();
  /** The latest component or authorizer token per platform (and merchant): the one a new one cuts short. */
  private latestDerived = new Map<string, string>();
  private derivedSerial = 0;

  constructor(private readonly state: SandboxState) {}

  clear(): void {
    this.tokens.clear();
    this.perAccount.clear();
    this.latestDerived.clear();
  }

  /** Tokens of an account that a call could still use now. */
  validCount(appid: string): number {
    const now = this.state.now();
    let count = 0;
    for (const record of this.tokens.values())
      if (record.appid === appid && record.expiresAt > now) count += 1;
    return count;
  }

  private book(appid: string): AccountTokens {
    let book = this.perAccount.get(appid);
    if (!book) {
      book = { fetchDay: "", fetches: 0, forceDay: "", forces: 0, lastForceAt: -Infinity };
      this.perAccount.set(appid, book);
    }
    return book;
  }

  private credentials(appid: string, secret: string, clientIp: string): Account {
    if (!appid) fail(41002);
    if (!secret) fail(41004);
    // A platform's appid is not an account's: WeChat names the endpoint to use instead.
    if (!this.state.accounts.has(appid) && this.state.platforms.has(appid)) fail(61024);
    const account = this.state.accounts.get(appid) ?? fail(40013);
    if (account.secret !== secret) fail(40125);
    const ip = clientAddress(clientIp);
    if (account.ipWhitelist.size > 0 && !account.ipWhitelist.has(ip)) {
      fail(40164, `invalid ip ${ip} ipv6 ::ffff:${ip}, not in whitelist`);
    }
    return account;
  }

  private issue(account: Account, book: AccountTokens): IssuedToken {
    const now = this.state.now();
    const day = chinaDay(now);
    if (book.fetchDay !== day) {
      book.fetchDay = day;
      book.fetches = 0;
    }
    if (book.fetches >= TOKEN_FETCHES_PER_DAY) fail(45009);
    book.fetches += 1;
    this.prune(now);
    const token = newToken(account.tokensIssued);
    this.tokens.set(token, {
      appid: account.appid,
      kind: "own",
      expiresAt: now + TOKEN_TTL_S * 1000,
      replaced: false,
    });
    account.tokensIssued += 1;
    return { access_token: token, expires_in: TOKEN_TTL_S };
  }

  /** Forgets tokens that ran out more than a day ago, so a long run does not keep them all. */
  private prune(now: number): void {
    if (this.tokens.size < 10_000) return;
    for (const [token, record] of this.tokens)
      if (record.expiresAt < now - 24 * 3600_000) this.tokens.delete(token);
  }

  /** `GET /cgi-bin/token`: a new token every time; the previous one stays valid 5 more minutes. */
  classic(query: URLSearchParams, clientIp: string): IssuedToken {
    if (query.get("grant_type") !== "client_credential") fail(40002);
    const account = this.credentials(query.get("appid") ?? "", query.get("secret") ?? "", clientIp);
    const book = this.book(account.appid);
    const issued = this.issue(account, book);
    const previous = book.classic ? this.tokens.get(book.classic) : undefined;
    if (previous) {
      previous.expiresAt = Math.min(previous.expiresAt, this.state.now() + TOKEN_OVERLAP_S * 1000);
      previous.replaced = true;
    }
    book.classic = issued.access_token;
    return issued;
  }

  /**
   * `POST /cgi-bin/stable_token`: the same token while it has more than 5
   * minutes left, then a new one (the old one runs out its own time).
   * Independent of `/cgi-bin/token`. `force_refresh` ends the current one at
   * once, at most 20 times a (China) day and 30 s apart.
   */
  stable(body: unknown, clientIp: string): IssuedToken {
    const input = parseBody(stableTokenBody, body);
    if (input.grant_type !== "client_credential") fail(40002);
    const account = this.credentials(input.appid ?? "", input.secret ?? "", clientIp);
    const book = this.book(account.appid);
    const now = this.state.now();
    const current = book.stable ? this.tokens.get(book.stable) : undefined;

    if (input.force_refresh === true) {
      const day = chinaDay(now);
      if (book.forceDay !== day) {
        book.forceDay = day;
        book.forces = 0;
      }
      if (book.forces >= FORCE_REFRESH_PER_DAY) fail(45009);
      if (now - book.lastForceAt < FORCE_REFRESH_INTERVAL_S * 1000) fail(45011);
      const issued = this.issue(account, book);
      book.forces += 1;
      book.lastForceAt = now;
      if (current) {
        current.expiresAt = Math.min(current.expiresAt, now);
        current.replaced = true;
      }
      book.stable = issued.access_token;
      return issued;
    }

    if (book.stable && current && current.expiresAt - now > TOKEN_OVERLAP_S * 1000) {
      return { access_token: book.stable, expires_in: Math.floor((current.expiresAt - now) / 1000) };
    }
    const issued = this.issue(account, book);
    book.stable = issued.access_token;
    return issued;
  }

  /**
   * A component_access_token (`component` only) or an authorizer_access_token, 7200 s. Like a
   * classic token, a new one leaves the previous one 5 more minutes.
   */
  issueDerived(kind: "component" | "authorizer", appid: string, component?: string): IssuedToken {
    const now = this.state.now();
    this.prune(now);
    const key = `${kind}:${component ?? ""}:${appid}`;
    const previous = this.latestDerived.get(key);
    const previousRecord = previous ? this.tokens.get(previous) : undefined;
    if (previousRecord) {
      previousRecord.expiresAt = Math.min(previousRecord.expiresAt, now + TOKEN_OVERLAP_S * 1000);
      previousRecord.replaced = true;
    }
    const token = newToken(this.derivedSerial++);
    this.tokens.set(token, {
      appid,
      kind,
      ...(component ? { component } : {}),
      expiresAt: now + TOKEN_TTL_S * 1000,
      replaced: false,
    });
    this.latestDerived.set(key, token);
    return { access_token: token, expires_in: TOKEN_TTL_S };
  }

  /** Ends at once every authorizer_access_token a platform holds for a merchant (it cancelled): 40001 afterwards. */
  revokeAuthorizer(component: string, appid: string): void {
    const now = this.state.now();
    for (const record of this.tokens.values()) {
      if (record.kind === "authorizer" && record.component === component && record.appid === appid) {
        record.expiresAt = Math.min(record.expiresAt, now);
        record.replaced = true;
      }
    }
    this.latestDerived.delete(`authorizer:${component}:${appid}`);
  }

  /** Who a call comes from: 41001 without a token, 40001 unknown or replaced, 42001 expired. */
  authenticate(token: string | null): Caller {
    if (!token) fail(41001);
    const record = this.tokens.get(token) ?? fail(40001);
    if (record.expiresAt <= this.state.now()) fail(record.replaced ? 40001 : 42001);
    if (record.kind === "component") {
      const platform = this.state.platforms.get(record.appid) ?? fail(40001);
      return { kind: "component", appid: platform.appid, platform };
    }
    const account = this.state.accounts.get(record.appid) ?? fail(40001);
    if (record.kind === "authorizer") {
      // Cancelled or never there (a reset since): the platform no longer acts for this account.
      const platform = this.state.platforms.get(record.component ?? "");
      if (!platform?.authorizations.has(account.appid)) fail(40001);
      return { kind: "authorizer", appid: account.appid, account, component: platform.appid };
    }
    return { kind: "own", appid: account.appid, account };
  }
}

/** Adds a call at `now` to a sliding window of `spanMs`; true when the window then holds more than `limit`. */
function overLimit(window: number[], now: number, spanMs: number, limit: number): boolean {
  // A clock moved forward leaves old entries behind; moved back is impossible (advanceSeconds ≥ 0).
  let stale = 0;
  while (stale < window.length && (window[stale] ?? 0) <= now - spanMs) stale += 1;
  if (stale > 0) window.splice(0, stale);
  window.push(now);
  // Bounded: a client hammering without pause never grows this past a few windows' worth of calls.
  if (window.length > 5 * limit + 1000) window.splice(0, window.length - (5 * limit + 1000));
  return window.length > limit;
}

/**
 * More than 5 qrcodejump calls by one account within any 1,000 ms answer 44990, and so do more
 * than 200 by one Service Account within any 60 s (all its qrcodejump calls together, whatever the
 * Mini Program). Refused calls count too.
 */
export class RateLimiter {
  private seconds = new Map<string, number[]>();
  private minutes = new Map<string, number[]>();

  constructor(private readonly state: SandboxState) {}

  clear(): void {
    this.seconds.clear();
    this.minutes.clear();
  }

  private window(windows: Map<string, number[]>, appid: string): number[] {
    let window = windows.get(appid);
    if (!window) {
      window = [];
      windows.set(appid, window);
    }
    return window;
  }

  hit(account: Account): void {
    const now = this.state.now();
    let limited = overLimit(this.window(this.seconds, account.appid), now, 1000, CALLS_PER_SECOND);
    if (account.kind === "officialaccount") {
      const window = this.window(this.minutes, account.appid);
      limited = overLimit(window, now, 60_000, TYPE_B_CALLS_PER_MINUTE) || limited;
    }
    if (limited) fail(44990);
  }
}
