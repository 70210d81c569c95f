import "server-only";

import { eq, sql } from "drizzle-orm";

import { type ComponentTokenRequest, componentTokenAnswer } from "@/lib/wechat/types";

import type { Database, Transaction } from "../db";
import { wechatPlatform, wechatTokens } from "../db/schema";
import type { SecretBox } from "../secret-box";
import { type CallRecord, recordCall } from "./call-log";
import { PlatformNotReadyError, WeChatCallError } from "./errors";
import { requestJson } from "./http";
import { TOKEN_REJECTED } from "./retry-policy";
import { type Fetched, requestAuthorizerToken, requestDirectToken, tokenCall } from "./token-requests";
import type { AccountCredentials, DirectCredentials } from "./types";

/** Tokens are renewed this long before WeChat's expiry (stable_token renews then too). */
export const REFRESH_AHEAD_MS = 5 * 60_000;

type TokenMode = (typeof wechatTokens.$inferSelect)["mode"];

export interface TokenStoreOptions {
  db: Database;
  box: SecretBox;
  baseUrl: string;
  timeoutMs: number;
}

/**
 * access_tokens, cached sealed in the database so every instance shares one token per account: an account's
 * own (stable_token or /cgi-bin/token with its AppSecret), an authorizer_access_token for an account authorized
 * through the third-party platform (api_authorizer_token with its refresh token), and the platform's
 * component_access_token those are fetched with. Concurrent callers in a process share one fetch, and a
 * database lock makes instances take turns, so a cold start costs one fetch of each.
 */
export class TokenStore {
  private inflight = new Map<string, Promise<string>>();

  constructor(private readonly options: TokenStoreOptions) {}

  /** A valid token for the account, fetched only when the cached one is missing or near its end. */
  async get(account: AccountCredentials): Promise<string> {
    return (
      (await this.cached(this.options.db, account.appid, account.tokenMode)) ?? this.refresh(account, null)
    );
  }

  /**
   * A token other than `rejected` (one WeChat just refused with 40001/42001).
   * Concurrent refreshes of one account share the same fetch.
   */
  refresh(account: AccountCredentials, rejected: string | null): Promise<string> {
    return this.singleFlight(account.appid, () =>
      account.tokenMode === "authorizer"
        ? this.fetchAuthorizer(account.appid, rejected)
        : this.fetchDirect(account, rejected),
    );
  }

  /** The platform's component_access_token, with the component AppID it belongs to. */
  async component(): Promise<{ componentAppid: string; token: string }> {
    const componentAppid = await this.componentAppid();
    const token =
      (await this.cached(this.options.db, componentAppid, "component")) ??
      (await this.refreshComponent(null));
    return { componentAppid, token };
  }

  /** A component_access_token other than `rejected`; concurrent refreshes share one fetch. */
  refreshComponent(rejected: string | null): Promise<string> {
    return this.singleFlight("component", () => this.fetchComponent(rejected));
  }

  /**
   * Stores the authorizer_access_token api_query_auth handed out with an authorization, so the first call
   * for the new account costs no api_authorizer_token.
   */
  async remember(appid: string, fetched: Fetched, fetchedAt: Date): Promise<void> {
    const row = this.row(appid, "authorizer", fetched, fetchedAt.getTime());
    await this.options.db
      .insert(wechatTokens)
      .values(row)
      .onConflictDoUpdate({ target: wechatTokens.appid, set: { ...row, appid: undefined } });
  }

  /** Drops the cached token (after an AppSecret change, or when the platform's AppID or secret changes). */
  async forget(appid: string, db: Database | Transaction = this.options.db): Promise<void> {
    await db.delete(wechatTokens).where(eq(wechatTokens.appid, appid));
  }

  private singleFlight(key: string, fetch: () => Promise<string>): Promise<string> {
    const running = this.inflight.get(key);
    if (running) return running;
    const task = fetch().finally(() => this.inflight.delete(key));
    this.inflight.set(key, task);
    return task;
  }

  /**
   * Proves direct credentials with WeChat without touching a live token or the cache: always
   * stable_token with force_refresh false (never /cgi-bin/token, whose every fetch ends the previous
   * token for whoever holds it), whatever the account's token mode, and the cache is neither read nor
   * written, so a token cached under the old AppSecret cannot vouch for a new one.
   */
  async verify(account: DirectCredentials): Promise<void> {
    const records: CallRecord[] = [];
    try {
      await requestDirectToken(this.options, { ...account, tokenMode: "stable" }, false, records);
    } finally {
      for (const record of records) await recordCall(this.options.db, record);
    }
  }

  private async cached(db: Database | Transaction, appid: string, mode: TokenMode): Promise<string | null> {
    const [row] = await db.select().from(wechatTokens).where(eq(wechatTokens.appid, appid));
    if (!row || row.mode !== mode || row.expiresAt.getTime() - Date.now() <= REFRESH_AHEAD_MS) return null;
    try {
      return this.options.box.open(row.tokenSealed);
    } catch {
      return null; // sealed under another key: fetch a new one
    }
  }

  private row(appid: string, mode: TokenMode, fetched: Fetched, started: number) {
    return {
      appid,
      mode,
      tokenSealed: this.options.box.seal(fetched.token),
      expiresAt: new Date(started + fetched.expiresIn * 1000),
      fetchedAt: new Date(started),
    };
  }

  /**
   * One fetch of the token cached under `appid`, instances taking turns on a database lock: the one that
   * waited finds the token the other fetched. `fetch` may use only `tx` (the embedded database has one
   * connection, which the transaction holds) and WeChat; the attempts it records are written afterwards.
   */
  private async shared(
    appid: string,
    mode: TokenMode,
    rejected: string | null,
    fetch: (tx: Transaction, records: CallRecord[]) => Promise<Fetched>,
  ): Promise<string> {
    const records: CallRecord[] = [];
    try {
      return await this.options.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`qrjump-token:${appid}`}))`);
        // Another instance may have refreshed while this one waited for the lock.
        const current = await this.cached(tx, appid, mode);
        if (current && current !== rejected) return current;

        const started = Date.now();
        const fetched = await fetch(tx, records);
        const row = this.row(appid, mode, fetched, started);
        await tx
          .insert(wechatTokens)
          .values(row)
          .onConflictDoUpdate({ target: wechatTokens.appid, set: { ...row, appid: undefined } });
        return fetched.token;
      });
    } finally {
      for (const record of records) await recordCall(this.options.db, record);
    }
  }

  private fetchDirect(account: DirectCredentials, rejected: string | null): Promise<string> {
    return this.shared(account.appid, account.tokenMode, rejected, async (_tx, records) => {
      let answer = await requestDirectToken(this.options, account, false, records);
      if (rejected && answer.token === rejected && account.tokenMode === "stable") {
        // WeChat refused a token that stable_token still hands out: only a forced refresh replaces it.
        answer = await requestDirectToken(this.options, account, true, records);
      }
      return answer;
    });
  }

  /** The configured platform's component AppID. */
  async componentAppid(): Promise<string> {
    const [platform] = await this.options.db
      .select({ componentAppid: wechatPlatform.componentAppid })
      .from(wechatPlatform);
    if (!platform) throw new PlatformNotReadyError("not-configured");
    return platform.componentAppid;
  }

  /** api_component_token with the platform's AppSecret and the latest ticket WeChat pushed. */
  private async fetchComponent(rejected: string | null): Promise<string> {
    const componentAppid = await this.componentAppid();
    return this.shared(componentAppid, "component", rejected, async (tx, records) => {
      const [platform] = await tx.select().from(wechatPlatform);
      if (!platform) throw new PlatformNotReadyError("not-configured");
      if (!platform.verifyTicketSealed) throw new PlatformNotReadyError("no-ticket");
      const body = {
        component_appid: platform.componentAppid,
        component_appsecret: this.options.box.open(platform.secretSealed),
        component_verify_ticket: this.options.box.open(platform.verifyTicketSealed),
      } satisfies ComponentTokenRequest;
      const answer = await tokenCall(records, {
        appid: platform.componentAppid,
        operation: "api_component_token",
        loggedBody: {
          component_appid: platform.componentAppid,
          component_appsecret: "[redacted]",
          component_verify_ticket: "[redacted]",
        },
        schema: componentTokenAnswer,
        send: () =>
          requestJson(`${this.options.baseUrl}/cgi-bin/component/api_component_token`, {
            method: "POST",
            body,
            timeoutMs: this.options.timeoutMs,
          }),
      });
      return { token: answer.component_access_token, expiresIn: answer.expires_in };
    });
  }

  /**
   * api_authorizer_token with the authorizer's refresh token; a new refresh token WeChat hands out replaces
   * the stored one in the same transaction. A component_access_token WeChat refuses is renewed once.
   */
  private async fetchAuthorizer(appid: string, rejected: string | null): Promise<string> {
    for (let round = 1; ; round++) {
      const component = await this.component();
      try {
        return await this.shared(appid, "authorizer", rejected, (tx, records) =>
          requestAuthorizerToken(this.options, tx, records, appid, component),
        );
      } catch (error) {
        if (round === 1 && error instanceof WeChatCallError && TOKEN_REJECTED.has(error.errcode ?? 0)) {
          await this.refreshComponent(component.token);
          continue;
        }
        throw error;
      }
    }
  }
}

export { backoff } from "./token-requests";
