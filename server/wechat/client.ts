import "server-only";

import { randomUUID } from "node:crypto";

import type { z } from "zod";

import { ridOf } from "@/lib/wechat/error-catalog";

import type { Database } from "../db";
import type { SecretBox } from "../secret-box";
import { type CallRecord, recordCall, redactBody } from "./call-log";
import { TransportError, WeChatCallError } from "./errors";
import { requestJson } from "./http";
import { acquireCallSlot, markCallDone } from "./rate-limiter";
import * as schemas from "./schemas";
import { TokenStore, backoff } from "./tokens";
import type { AccountCredentials, CallContext, TypeARuleInput, TypeBRuleInput } from "./types";

/** Attempts per call for transient failures (-1, 886001, timeouts, dropped connections, garbage). */
const MAX_ATTEMPTS = 4;
/** 44990 means our limiter and WeChat's clock disagreed; waiting a window is always enough, but bounded. */
const MAX_THROTTLED = 5;
const BUSY = new Set([-1, 886001]);
const TOKEN_REJECTED = new Set([40001, 42001]);

export interface WeChatClientOptions {
  db: Database;
  box: SecretBox;
  /** https://api.weixin.qq.com, or the sandbox. */
  baseUrl: string;
  timeoutMs?: number;
}

interface CallSpec<S extends z.ZodType> {
  operation: string;
  path: string;
  body: Record<string, unknown>;
  schema: S;
  prefix?: string | null;
  /** Counts against the 5-a-second limit (the qrcodejump family). */
  throttled: boolean;
  /**
   * After an uncertain failure (no answer, or -1/886001), tells whether the
   * operation took effect anyway, by reading WeChat's state. Without it the
   * call is simply sent again (reads and other idempotent calls).
   */
  settled?: () => Promise<boolean>;
  /** An errcode that, after an uncertain failure, means our earlier attempt succeeded (85071 on add). */
  successAfterUncertain?: number;
}

/**
 * The one way the product talks to WeChat: tokens, the shared rate limit,
 * retries that never apply an operation twice, parsed answers, and a record
 * of every attempt. Nothing it logs, records or throws contains a token or an
 * AppSecret.
 */
export class WeChatClient {
  readonly tokens: TokenStore;
  private readonly timeoutMs: number;

  constructor(private readonly options: WeChatClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.tokens = new TokenStore({ db: options.db, box: options.box, baseUrl: options.baseUrl, timeoutMs: this.timeoutMs });
  }

  /** The calls of one account, recorded under `context`. */
  forAccount(account: AccountCredentials, context: CallContext = {}): AccountClient {
    return new AccountClient(this, account, context);
  }

  /** Runs one logical call through tokens, the limiter and retries (internal to AccountClient). */
  async call<S extends z.ZodType>(account: AccountCredentials, context: CallContext, spec: CallSpec<S>): Promise<z.output<S>> {
    const callId = randomUUID();
    let tokenRenewed = false;
    let throttled = 0;
    let uncertain = false;
    let failures = 0;

    for (let attempt = 1; ; attempt++) {
      // The token first: a slot taken before a slow token fetch would be spent late and let
      // the next second's calls crowd into WeChat's window.
      const token = await this.tokens.get(account);
      const slot = spec.throttled ? await acquireCallSlot(this.options.db, account.appid) : null;
      const started = Date.now();
      const base: CallRecord = {
        callId,
        actionId: context.actionId ?? null,
        operatorId: context.operatorId ?? null,
        appid: account.appid,
        operation: spec.operation,
        prefix: spec.prefix ?? null,
        requestBody: redactBody(spec.body),
        latencyMs: 0,
        attempt,
        outcome: "failed",
      };
      const record = (fields: Partial<CallRecord>) =>
        recordCall(this.options.db, { ...base, latencyMs: Date.now() - started, ...fields });

      let json: Record<string, unknown>;
      try {
        ({ json } = await requestJson(`${this.options.baseUrl}${spec.path}?access_token=${encodeURIComponent(token)}`, {
          method: "POST",
          body: spec.body,
          timeoutMs: this.timeoutMs,
        }).finally(() => (slot === null ? undefined : markCallDone(this.options.db, slot))));
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        failures += 1;
        uncertain = true;
        if (await this.settledAfterUncertainty(spec)) {
          await record({ failure: error.failure, errmsg: error.message, outcome: "success", note: "confirmed by reading WeChat's state" });
          return undefined as z.output<S>;
        }
        const retry = failures < MAX_ATTEMPTS;
        await record({ failure: error.failure, errmsg: error.message, outcome: retry ? "retried" : "failed" });
        if (!retry) throw new WeChatCallError(spec.operation, { kind: error.failure, message: error.message });
        await backoff(failures);
        continue;
      }

      const errcode = typeof json.errcode === "number" ? json.errcode : 0;
      const errmsg = typeof json.errmsg === "string" ? json.errmsg : "";
      const rid = ridOf(errmsg);
      const responseBody = spec.operation === "download" ? { file_name: json.file_name } : json;

      if (errcode === 0) {
        const parsed = spec.schema.safeParse(json);
        if (!parsed.success) {
          await record({ errcode, responseBody, failure: "malformed", outcome: "failed" });
          throw new WeChatCallError(spec.operation, { kind: "malformed", message: "WeChat's answer did not have the expected fields" });
        }
        await record({ errcode, errmsg: errmsg || "ok", responseBody, outcome: "success" });
        return parsed.data;
      }

      if (uncertain && spec.successAfterUncertain === errcode) {
        await record({ errcode, errmsg, rid, responseBody, outcome: "success", note: "an earlier attempt had already succeeded" });
        return undefined as z.output<S>;
      }
      if (TOKEN_REJECTED.has(errcode) && !tokenRenewed) {
        tokenRenewed = true;
        await record({ errcode, errmsg, rid, responseBody, outcome: "retried" });
        await this.tokens.refresh(account, token);
        continue;
      }
      if (errcode === 44990 && throttled < MAX_THROTTLED) {
        throttled += 1;
        await record({ errcode, errmsg, rid, responseBody, outcome: "retried" });
        await new Promise((resolve) => setTimeout(resolve, 1_000 + Math.random() * 250));
        continue;
      }
      if (BUSY.has(errcode)) {
        failures += 1;
        uncertain = true;
        if (await this.settledAfterUncertainty(spec)) {
          await record({ errcode, errmsg, rid, responseBody, outcome: "success", note: "confirmed by reading WeChat's state" });
          return undefined as z.output<S>;
        }
        if (failures < MAX_ATTEMPTS) {
          await record({ errcode, errmsg, rid, responseBody, outcome: "retried" });
          await backoff(failures);
          continue;
        }
      }
      await record({ errcode, errmsg, rid, responseBody, outcome: "failed" });
      throw new WeChatCallError(spec.operation, { kind: "wechat", errcode, errmsg, rid });
    }
  }

  private async settledAfterUncertainty(spec: CallSpec<z.ZodType>): Promise<boolean> {
    if (!spec.settled) return false;
    try {
      return await spec.settled();
    } catch {
      return false; // could not tell: the retry decides
    }
  }
}

/** The WeChat calls of one account. */
export class AccountClient {
  constructor(
    private readonly client: WeChatClient,
    readonly account: AccountCredentials,
    private readonly context: CallContext,
  ) {}

  private call<S extends z.ZodType>(spec: CallSpec<S>): Promise<z.output<S>> {
    return this.client.call(this.account, this.context, spec);
  }

  private requireKind(kind: AccountCredentials["kind"], operation: string): void {
    if (this.account.kind !== kind) throw new Error(`${operation} needs a ${kind} account, ${this.account.appid} is not one`);
  }

  /** Adds (or, with `edit`, modifies) a type-A rule of a Mini Program. */
  async saveTypeA(rule: TypeARuleInput, options: { edit: boolean }): Promise<void> {
    this.requireKind("miniprogram", "a type-A rule");
    const body = {
      prefix: rule.prefix,
      permit_sub_rule: rule.permitSubRule,
      path: rule.path,
      open_version: rule.openVersion,
      debug_url: rule.debugUrls,
      is_edit: options.edit ? 1 : 0,
    };
    const sameAsSent = (found: schemas.TypeARule | undefined) =>
      found !== undefined &&
      found.path === rule.path &&
      found.permit_sub_rule === rule.permitSubRule &&
      found.open_version === rule.openVersion &&
      JSON.stringify([...found.debug_url].sort()) === JSON.stringify([...rule.debugUrls].sort());
    await this.call({
      operation: options.edit ? "edit" : "add",
      path: "/cgi-bin/wxopen/qrcodejumpadd",
      body,
      schema: schemas.ok,
      prefix: rule.prefix,
      throttled: true,
      settled: async () => sameAsSent((await this.listTypeA()).rule_list.find((found) => found.prefix === rule.prefix)),
      successAfterUncertain: options.edit ? undefined : 85071,
    });
  }

  /** Adds (or modifies) a type-B rule of a Service Account. */
  async saveTypeB(rule: TypeBRuleInput, options: { edit: boolean }): Promise<void> {
    this.requireKind("officialaccount", "a type-B rule");
    await this.call({
      operation: options.edit ? "edit" : "add",
      path: "/cgi-bin/wxopen/qrcodejumpadd",
      body: { prefix: rule.prefix, appid: rule.appid, path: rule.path, is_edit: options.edit ? 1 : 0 },
      schema: schemas.ok,
      prefix: rule.prefix,
      throttled: true,
      settled: async () => (await this.findTypeB(rule.appid, rule.prefix))?.path === rule.path,
      successAfterUncertain: options.edit ? undefined : 85071,
    });
  }

  /** Deletes a rule; `appid` (the Mini Program) is needed for a Service Account's rule. */
  async deleteRule(prefix: string, appid?: string): Promise<void> {
    const body = this.account.kind === "officialaccount" ? { prefix, appid } : { prefix };
    await this.call({
      operation: "delete",
      path: "/cgi-bin/wxopen/qrcodejumpdelete",
      body,
      schema: schemas.ok,
      prefix,
      throttled: true,
      settled: async () => (await this.findRule(prefix, appid)) === undefined,
    });
  }

  /** Publishes a rule; reading first after an uncertain failure keeps a publish from being spent twice. */
  async publishRule(prefix: string, appid?: string): Promise<void> {
    await this.call({
      operation: "publish",
      path: "/cgi-bin/wxopen/qrcodejumppublish",
      body: { prefix },
      schema: schemas.ok,
      prefix,
      throttled: true,
      settled: async () => (await this.findRule(prefix, appid))?.state === 2,
    });
  }

  /** All type-A rules of the Mini Program, with the feature switch, publishes left and the rule limit. */
  listTypeA(): Promise<schemas.TypeAList> {
    this.requireKind("miniprogram", "type-A rules");
    return this.call({ operation: "get", path: "/cgi-bin/wxopen/qrcodejumpget", body: {}, schema: schemas.typeAList, throttled: true });
  }

  /** One page (1-based) of a Service Account's rules for one Mini Program; page_size at most 200. */
  listTypeBPage(appid: string, page: number, pageSize = 200): Promise<schemas.TypeBList> {
    this.requireKind("officialaccount", "type-B rules");
    return this.call({
      operation: "get",
      path: "/cgi-bin/wxopen/qrcodejumpget",
      body: { appid, get_type: 2, page_num: page, page_size: pageSize },
      schema: schemas.typeBList,
      throttled: true,
    });
  }

  /** Every type-B rule for one Mini Program, walking all pages. */
  async listAllTypeB(appid: string): Promise<schemas.TypeBList> {
    const first = await this.listTypeBPage(appid, 1);
    const rules = [...first.rule_list];
    for (let page = 2; rules.length < first.total_count && page <= Math.ceil(first.total_count / 200); page++) {
      rules.push(...(await this.listTypeBPage(appid, page)).rule_list);
    }
    return { ...first, rule_list: rules };
  }

  /** Looks up to 200 type-B prefixes. */
  findTypeBPrefixes(appid: string, prefixes: string[]): Promise<schemas.TypeBList> {
    this.requireKind("officialaccount", "type-B rules");
    return this.call({
      operation: "get",
      path: "/cgi-bin/wxopen/qrcodejumpget",
      body: { appid, get_type: 1, prefix_list: prefixes },
      schema: schemas.typeBList,
      throttled: true,
    });
  }

  /** The verification file a Mini Program must serve before adding a rule. */
  downloadVerificationFile(): Promise<schemas.VerificationFile> {
    return this.call({
      operation: "download",
      path: "/cgi-bin/wxopen/qrcodejumpdownload",
      body: {},
      schema: schemas.verificationFile,
      throttled: true,
    });
  }

  /** What WeChat saw of a failed call, by its rid (kept 7 days). */
  async lookupRid(rid: string): Promise<schemas.RidRecord> {
    const answer = await this.call({
      operation: "rid_get",
      path: "/cgi-bin/openapi/rid/get",
      body: { rid },
      schema: schemas.ridRecord,
      throttled: false,
    });
    return answer.request;
  }

  private async findTypeB(appid: string, prefix: string): Promise<schemas.TypeBRule | undefined> {
    return (await this.findTypeBPrefixes(appid, [prefix])).rule_list.find((rule) => rule.prefix === prefix);
  }

  private async findRule(prefix: string, appid?: string): Promise<{ state: 1 | 2 } | undefined> {
    if (this.account.kind === "miniprogram") return (await this.listTypeA()).rule_list.find((rule) => rule.prefix === prefix);
    if (!appid) throw new Error("a Service Account's rule is found by its Mini Program appid");
    return this.findTypeB(appid, prefix);
  }
}
