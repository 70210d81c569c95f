import "server-only";

import { randomUUID } from "node:crypto";

import { eq, sql } from "drizzle-orm";

import { BUSY_ERRCODES, ridOf } from "@/lib/wechat/error-catalog";
import { type StableTokenRequest, tokenAnswer } from "@/lib/wechat/types";

import type { Database } from "../db";
import { wechatTokens } from "../db/schema";
import type { SecretBox } from "../secret-box";
import { type CallRecord, recordCall } from "./call-log";
import { TransportError, WeChatCallError } from "./errors";
import { requestJson } from "./http";
import type { AccountCredentials } from "./types";

/** Tokens are renewed this long before WeChat's expiry (stable_token renews then too). */
export const REFRESH_AHEAD_MS = 5 * 60_000;

export interface TokenStoreOptions {
  db: Database;
  box: SecretBox;
  baseUrl: string;
  timeoutMs: number;
}

/**
 * access_tokens, cached sealed in the database so every instance shares one
 * token per account. Concurrent callers in a process share one fetch, and a
 * database lock makes instances take turns, so a cold start costs one fetch.
 */
export class TokenStore {
  private inflight = new Map<string, Promise<string>>();

  constructor(private readonly options: TokenStoreOptions) {}

  /** A valid token for the account, fetched only when the cached one is missing or near its end. */
  async get(account: AccountCredentials): Promise<string> {
    return (await this.cached(this.options.db, account)) ?? this.refresh(account, null);
  }

  /**
   * A token other than `rejected` (one WeChat just refused with 40001/42001).
   * Concurrent refreshes of one account share the same fetch.
   */
  refresh(account: AccountCredentials, rejected: string | null): Promise<string> {
    const running = this.inflight.get(account.appid);
    if (running) return running;
    const task = this.fetchShared(account, rejected).finally(() => this.inflight.delete(account.appid));
    this.inflight.set(account.appid, task);
    return task;
  }

  /**
   * Proves credentials with WeChat without touching a live token or the cache: always stable_token
   * with force_refresh false (never /cgi-bin/token, whose every fetch ends the previous token for
   * whoever holds it), whatever the account's token mode, and the cache is neither read nor written,
   * so a token cached under the old AppSecret cannot vouch for a new one.
   */
  async verify(account: AccountCredentials): Promise<void> {
    const records: CallRecord[] = [];
    try {
      await this.fetchFromWeChat({ ...account, tokenMode: "stable" }, false, records);
    } finally {
      for (const record of records) await recordCall(this.options.db, record);
    }
  }

  /** Drops the cached token (after an AppSecret change). */
  async forget(appid: string): Promise<void> {
    await this.options.db.delete(wechatTokens).where(eq(wechatTokens.appid, appid));
  }

  private async cached(db: Database, account: AccountCredentials): Promise<string | null> {
    const [row] = await db.select().from(wechatTokens).where(eq(wechatTokens.appid, account.appid));
    if (!row || row.mode !== account.tokenMode || row.expiresAt.getTime() - Date.now() <= REFRESH_AHEAD_MS)
      return null;
    try {
      return this.options.box.open(row.tokenSealed);
    } catch {
      return null; // sealed under another key: fetch a new one
    }
  }

  private async fetchShared(account: AccountCredentials, rejected: string | null): Promise<string> {
    const records: CallRecord[] = [];
    try {
      return await this.options.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`qrjump-token:${account.appid}`}))`);
        // Another instance may have refreshed while this one waited for the lock.
        const current = await this.cached(tx as unknown as Database, account);
        if (current && current !== rejected) return current;

        const started = Date.now();
        let answer = await this.fetchFromWeChat(account, false, records);
        if (rejected && answer.access_token === rejected && account.tokenMode === "stable") {
          // WeChat refused a token that stable_token still hands out: only a forced refresh replaces it.
          answer = await this.fetchFromWeChat(account, true, records);
        }
        const row = {
          appid: account.appid,
          mode: account.tokenMode,
          tokenSealed: this.options.box.seal(answer.access_token),
          expiresAt: new Date(started + answer.expires_in * 1000),
          fetchedAt: new Date(started),
        };
        await tx
          .insert(wechatTokens)
          .values(row)
          .onConflictDoUpdate({ target: wechatTokens.appid, set: { ...row, appid: undefined } });
        return answer.access_token;
      });
    } finally {
      for (const record of records) await recordCall(this.options.db, record);
    }
  }

  private async fetchFromWeChat(
    account: AccountCredentials,
    forceRefresh: boolean,
    records: CallRecord[],
  ): Promise<{ access_token: string; expires_in: number }> {
    const stable = account.tokenMode === "stable";
    const operation = stable ? "stable_token" : "token";
    const loggedBody = stable
      ? {
          grant_type: "client_credential",
          appid: account.appid,
          secret: "[redacted]",
          force_refresh: forceRefresh,
        }
      : { grant_type: "client_credential", appid: account.appid, secret: "[redacted]" };
    const callId = randomUUID();

    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      const record = (fields: Partial<CallRecord>) =>
        records.push({
          callId,
          appid: account.appid,
          operation,
          requestBody: loggedBody,
          latencyMs: Date.now() - started,
          attempt,
          outcome: "failed",
          ...fields,
        });
      try {
        const { json } = stable
          ? await requestJson(`${this.options.baseUrl}/cgi-bin/stable_token`, {
              method: "POST",
              body: {
                grant_type: "client_credential",
                appid: account.appid,
                secret: account.secret,
                force_refresh: forceRefresh,
              } satisfies StableTokenRequest,
              timeoutMs: this.options.timeoutMs,
            })
          : await requestJson(
              `${this.options.baseUrl}/cgi-bin/token?${new URLSearchParams({
                grant_type: "client_credential",
                appid: account.appid,
                secret: account.secret,
              })}`,
              { method: "GET", timeoutMs: this.options.timeoutMs },
            );
        const errcode = typeof json.errcode === "number" ? json.errcode : 0;
        if (errcode !== 0) {
          const errmsg = String(json.errmsg ?? "");
          const retry = BUSY_ERRCODES.has(errcode) && attempt < 3;
          record({
            errcode,
            errmsg,
            rid: ridOf(errmsg),
            responseBody: json,
            outcome: retry ? "retried" : "failed",
          });
          if (retry) {
            await backoff(attempt);
            continue;
          }
          throw new WeChatCallError(operation, { kind: "wechat", errcode, errmsg, rid: ridOf(errmsg) });
        }
        const parsed = tokenAnswer.safeParse(json);
        if (!parsed.success) {
          record({ failure: "malformed", outcome: "failed" });
          throw new WeChatCallError(operation, {
            kind: "malformed",
            message: "the token answer has no access_token",
          });
        }
        record({ errcode: 0, responseBody: { expires_in: parsed.data.expires_in }, outcome: "success" });
        return parsed.data;
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        const retry = attempt < 3;
        record({ failure: error.failure, errmsg: error.message, outcome: retry ? "retried" : "failed" });
        if (!retry) throw new WeChatCallError(operation, { kind: error.failure, message: error.message });
        await backoff(attempt);
      }
    }
  }
}

/** Exponential backoff with full jitter: about 250 ms, 500 ms, 1 s … capped at 4 s. */
export function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(4_000, 250 * 2 ** (attempt - 1));
  return new Promise((resolve) => setTimeout(resolve, ceiling / 2 + Math.random() * (ceiling / 2)));
}
