import "server-only";

import { randomUUID } from "node:crypto";

import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";

import { BUSY_ERRCODES, ridOf } from "@/lib/wechat/error-catalog";
import {
  type AuthorizerTokenRequest,
  type StableTokenRequest,
  authorizerTokenAnswer,
  tokenAnswer,
} from "@/lib/wechat/types";

import type { Transaction } from "../db";
import { wechatAccounts, wechatPlatformAuthorizers } from "../db/schema";
import type { SecretBox } from "../secret-box";
import type { CallRecord } from "./call-log";
import { PlatformNotReadyError, TransportError, WeChatCallError } from "./errors";
import { type WeChatAnswer, requestJson } from "./http";
import type { DirectCredentials } from "./types";

/**
 * The token requests TokenStore makes of WeChat (tokens.ts decides when, caches and shares): an account's own
 * token, an authorizer's, and the one retry loop every token request goes through.
 */

export interface TokenRequestOptions {
  box: SecretBox;
  baseUrl: string;
  timeoutMs: number;
}

/** A token WeChat handed out, and for how many seconds. */
export interface Fetched {
  token: string;
  expiresIn: number;
}

export async function requestDirectToken(
  options: TokenRequestOptions,
  account: DirectCredentials,
  forceRefresh: boolean,
  records: CallRecord[],
): Promise<Fetched> {
  const { baseUrl, timeoutMs } = options;
  const stable = account.tokenMode === "stable";
  const answer = await tokenCall(records, {
    appid: account.appid,
    operation: stable ? "stable_token" : "token",
    loggedBody: stable
      ? {
          grant_type: "client_credential",
          appid: account.appid,
          secret: "[redacted]",
          force_refresh: forceRefresh,
        }
      : { grant_type: "client_credential", appid: account.appid, secret: "[redacted]" },
    schema: tokenAnswer,
    send: () =>
      stable
        ? requestJson(`${baseUrl}/cgi-bin/stable_token`, {
            method: "POST",
            body: {
              grant_type: "client_credential",
              appid: account.appid,
              secret: account.secret,
              force_refresh: forceRefresh,
            } satisfies StableTokenRequest,
            timeoutMs,
          })
        : requestJson(
            `${baseUrl}/cgi-bin/token?${new URLSearchParams({
              grant_type: "client_credential",
              appid: account.appid,
              secret: account.secret,
            })}`,
            { method: "GET", timeoutMs },
          ),
  });
  return { token: answer.access_token, expiresIn: answer.expires_in };
}

export async function requestAuthorizerToken(
  options: TokenRequestOptions,
  tx: Transaction,
  records: CallRecord[],
  appid: string,
  component: { componentAppid: string; token: string },
): Promise<Fetched> {
  const [authorizer] = await tx
    .select({
      accountId: wechatPlatformAuthorizers.accountId,
      componentAppid: wechatPlatformAuthorizers.componentAppid,
      refreshTokenSealed: wechatPlatformAuthorizers.refreshTokenSealed,
    })
    .from(wechatPlatformAuthorizers)
    .innerJoin(wechatAccounts, eq(wechatAccounts.id, wechatPlatformAuthorizers.accountId))
    .where(and(eq(wechatAccounts.appid, appid), isNull(wechatPlatformAuthorizers.unauthorizedAt)));
  if (!authorizer || authorizer.componentAppid !== component.componentAppid)
    throw new PlatformNotReadyError("not-authorized");
  const refreshToken = options.box.open(authorizer.refreshTokenSealed);
  const answer = await tokenCall(records, {
    appid,
    operation: "api_authorizer_token",
    loggedBody: {
      component_appid: component.componentAppid,
      authorizer_appid: appid,
      authorizer_refresh_token: "[redacted]",
    },
    schema: authorizerTokenAnswer,
    send: () =>
      requestJson(
        `${options.baseUrl}/cgi-bin/component/api_authorizer_token?component_access_token=${encodeURIComponent(component.token)}`,
        {
          method: "POST",
          body: {
            component_appid: component.componentAppid,
            authorizer_appid: appid,
            authorizer_refresh_token: refreshToken,
          } satisfies AuthorizerTokenRequest,
          timeoutMs: options.timeoutMs,
        },
      ),
  });
  const renewed = answer.authorizer_refresh_token;
  if (renewed && renewed !== refreshToken) {
    await tx
      .update(wechatPlatformAuthorizers)
      .set({ refreshTokenSealed: options.box.seal(renewed) })
      .where(eq(wechatPlatformAuthorizers.accountId, authorizer.accountId));
  }
  return { token: answer.authorizer_access_token, expiresIn: answer.expires_in };
}

/**
 * One token request, retried on busy answers and failed connections (3 attempts). Each attempt is
 * recorded with `loggedBody` (no secret) and only the answer's `expires_in`: never a token.
 */
export async function tokenCall<S extends z.ZodType<{ expires_in: number }>>(
  records: CallRecord[],
  call: {
    appid: string;
    operation: string;
    loggedBody: Record<string, unknown>;
    schema: S;
    send: () => Promise<WeChatAnswer>;
  },
): Promise<z.output<S>> {
  const callId = randomUUID();
  for (let attempt = 1; ; attempt++) {
    const started = Date.now();
    const record = (fields: Partial<CallRecord>) =>
      records.push({
        callId,
        appid: call.appid,
        operation: call.operation,
        requestBody: call.loggedBody,
        latencyMs: Date.now() - started,
        attempt,
        outcome: "failed",
        ...fields,
      });
    try {
      const { json } = await call.send();
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
        throw new WeChatCallError(call.operation, { kind: "wechat", errcode, errmsg, rid: ridOf(errmsg) });
      }
      const parsed = call.schema.safeParse(json);
      if (!parsed.success) {
        record({ failure: "malformed", outcome: "failed" });
        throw new WeChatCallError(call.operation, {
          kind: "malformed",
          message: "the token answer lacks the token or its lifetime",
        });
      }
      record({ errcode: 0, responseBody: { expires_in: parsed.data.expires_in }, outcome: "success" });
      return parsed.data;
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      const retry = attempt < 3;
      record({ failure: error.failure, errmsg: error.message, outcome: retry ? "retried" : "failed" });
      if (!retry) throw new WeChatCallError(call.operation, { kind: error.failure, message: error.message });
      await backoff(attempt);
    }
  }
}

/** Exponential backoff with full jitter: about 250 ms, 500 ms, 1 s … capped at 4 s. */
export function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(4_000, 250 * 2 ** (attempt - 1));
  return new Promise((resolve) => setTimeout(resolve, ceiling / 2 + Math.random() * (ceiling / 2)));
}
