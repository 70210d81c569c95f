/**
 * access_tokens as WeChat issues them (REFERENCE §5), and the per-account
 * limit of 5 qrcodejump calls a second. Every time is sandbox time.
 */
import { randomBytes } from "node:crypto";

import { z } from "zod";

import { fail, parseBody } from "./errors";
import { type Account, type SandboxState, chinaDay } from "./state";

export const TOKEN_TTL_S = 7200;
/** A replaced classic token lives on this long; a stable token is renewed this long before it expires. */
export const TOKEN_OVERLAP_S = 300;
export const TOKEN_FETCHES_PER_DAY = 2000;
export const FORCE_REFRESH_PER_DAY = 20;
export const FORCE_REFRESH_INTERVAL_S = 30;
export const CALLS_PER_SECOND = 5;

interface TokenRecord {
  appid: string;
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

export class TokenService {
  private tokens = new Map<string, TokenRecord>();
  private perAccount = new Map<string, AccountTokens>();

  constructor(private readonly state: SandboxState) {}

  clear(): void {
    this.tokens.clear();
    this.perAccount.clear();
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
    // Shaped like WeChat's: a short number, an underscore, then opaque characters.
    const token = `${86 + (account.tokensIssued % 10)}_${randomBytes(96).toString("base64url")}`;
    this.tokens.set(token, { appid: account.appid, expiresAt: now + TOKEN_TTL_S * 1000, replaced: false });
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

  /** The account a call acts for: 41001 without a token, 40001 unknown or replaced, 42001 expired. */
  authenticate(token: string | null): Account {
    if (!token) fail(41001);
    const record = this.tokens.get(token) ?? fail(40001);
    if (record.expiresAt <= this.state.now()) fail(record.replaced ? 40001 : 42001);
    return this.state.accounts.get(record.appid) ?? fail(40001);
  }
}

/** More than 5 qrcodejump calls by one account within any 1,000 ms answer 44990; refused calls count too. */
export class RateLimiter {
  private windows = new Map<string, number[]>();

  constructor(private readonly state: SandboxState) {}

  clear(): void {
    this.windows.clear();
  }

  hit(appid: string): void {
    const now = this.state.now();
    let window = this.windows.get(appid);
    if (!window) {
      window = [];
      this.windows.set(appid, window);
    }
    // A clock moved forward leaves old entries behind; moved back is impossible (advanceSeconds ≥ 0).
    let stale = 0;
    while (stale < window.length && (window[stale] ?? 0) <= now - 1000) stale += 1;
    if (stale > 0) window.splice(0, stale);
    window.push(now);
    if (window.length > CALLS_PER_SECOND) {
      // Bounded: a client hammering without pause never grows this past a second's worth of calls.
      if (window.length > 1000) window.splice(0, window.length - 1000);
      fail(44990);
    }
  }
}
