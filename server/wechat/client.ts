import "server-only";

import { randomUUID } from "node:crypto";

import type { z } from "zod";

import type { Database } from "../db";
import type { SecretBox } from "../secret-box";
import { AccountClient } from "./account-client";
import { sendAttempt } from "./attempt";
import { spendAddBudget } from "./add-budget";
import { PlatformClient } from "./platform-client";
import { type CallRecord, completeCall, redactBody, startCall } from "./call-log";
import type { CallSpec } from "./call-spec";
import { WeChatCallError } from "./errors";
import {
  type CallLimits,
  MINI_PROGRAM_LIMITS,
  SERVICE_ACCOUNT_LIMITS,
  acquireCallSlot,
  markCallDone,
} from "./rate-limiter";
import { INITIAL_RETRY_STATE, type RetryPolicy, type Settled, nextStep } from "./retry-policy";
import { TokenStore, backoff } from "./tokens";
import type { AccountCredentials, CallContext } from "./types";

/**
 * How long a change WeChat did not answer in time may still take effect after our deadline. WeChat
 * documents no processing time; its slowest step in these calls is fetching the verification file
 * on an add, which its own self-check allows about 1 s (the sandbox 3 s). 5 s covers that with room
 * for WeChat's internal queueing, and costs an operator 5 s only when WeChat already failed to
 * answer. Until it has passed, a read that shows the change missing proves nothing.
 */
export const DEFAULT_SETTLE_MS = 5_000;

export interface WeChatClientOptions {
  db: Database;
  box: SecretBox;
  /** https://api.weixin.qq.com, or the sandbox. */
  baseUrl: string;
  timeoutMs?: number;
  /** See DEFAULT_SETTLE_MS. */
  settleMs?: number;
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
  private readonly settleMs: number;

  constructor(private readonly options: WeChatClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
    this.tokens = new TokenStore({
      db: options.db,
      box: options.box,
      baseUrl: options.baseUrl,
      timeoutMs: this.timeoutMs,
    });
  }

  /** The calls of one account, recorded under `context`. */
  forAccount(account: AccountCredentials, context: CallContext = {}): AccountClient {
    return new AccountClient(this, account, context);
  }

  /** The third-party platform's own calls (pre-auth codes, authorizations), recorded under `context`. */
  forPlatform(context: CallContext = {}): PlatformClient {
    return new PlatformClient(this, context);
  }

  /**
   * Runs one logical call of an account through tokens, the limiter and retries (internal to
   * AccountClient). The token is the account's own or its authorizer_access_token, by its credentials.
   */
  call<S extends z.ZodType>(
    account: AccountCredentials,
    context: CallContext,
    spec: CallSpec<S>,
  ): Promise<z.output<S>> {
    return this.run(
      {
        appid: account.appid,
        limits: account.kind === "officialaccount" ? SERVICE_ACCOUNT_LIMITS : MINI_PROGRAM_LIMITS,
        param: "access_token",
        get: () => this.tokens.get(account),
        refresh: (rejected) => this.tokens.refresh(account, rejected),
      },
      context,
      spec,
    );
  }

  /** Runs one call of the platform with its component_access_token (internal to PlatformClient). */
  async callComponent<S extends z.ZodType>(context: CallContext, spec: CallSpec<S>): Promise<z.output<S>> {
    const componentAppid = await this.tokens.componentAppid();
    return this.run(
      {
        appid: componentAppid,
        limits: MINI_PROGRAM_LIMITS,
        param: "component_access_token",
        get: async () => (await this.tokens.component()).token,
        refresh: (rejected) => this.tokens.refreshComponent(rejected),
      },
      context,
      spec,
    );
  }

  private async run<S extends z.ZodType>(
    source: TokenSource,
    context: CallContext,
    spec: CallSpec<S>,
  ): Promise<z.output<S>> {
    const callId = randomUUID();
    const policy: RetryPolicy = spec.alreadyDone ? { alreadyDone: spec.alreadyDone } : {};
    let state = INITIAL_RETRY_STATE;

    for (let attempt = 1; ; attempt++) {
      // The token first: a slot taken before a slow token fetch would be spent late and let
      // the next second's calls crowd into WeChat's window.
      const token = await source.get();
      const base: CallRecord = {
        callId,
        actionId: context.actionId ?? null,
        operatorId: context.operatorId ?? null,
        appid: source.appid,
        operation: spec.operation,
        prefix: spec.prefix ?? null,
        requestBody: spec.loggedBody ?? redactBody(spec.body),
        latencyMs: 0,
        attempt,
        outcome: "failed",
      };
      // Written before the slot is taken: a write between slot and request would stretch every
      // window of the limit. A call killed while queued is then "outcome unknown" too, which errs safe.
      const recordId = await startCall(this.options.db, base);
      const slot = spec.throttled
        ? await acquireCallSlot(this.options.db, source.appid, source.limits)
        : null;
      const started = Date.now();
      const record = (fields: Partial<CallRecord>) =>
        completeCall(this.options.db, recordId, { ...base, latencyMs: Date.now() - started, ...fields });

      const {
        outcome: first,
        fields,
        parsed,
      } = await sendAttempt(
        { baseUrl: this.options.baseUrl, timeoutMs: this.timeoutMs },
        spec,
        source.param,
        token,
      ).finally(() => (slot === null ? undefined : markCallDone(this.options.db, slot)));
      if (spec.spendsAddBudgetOf) await spendAddBudget(this.options.db, spec.spendsAddBudgetOf, first);
      let outcome = first;
      for (;;) {
        const decision = nextStep(state, outcome, policy);
        state = decision.state;
        const step = decision.step;
        if (step.kind === "settle") {
          const after = outcome.kind === "no-answer" || outcome.kind === "error" ? outcome : null;
          if (after === null) throw new Error(`settle after a ${outcome.kind} outcome`);
          const settled = await this.settle(spec, { answered: step.answered });
          outcome = { kind: "settled", after, state: settled.state, note: settled.note };
          continue;
        }
        if (step.kind === "confirm") {
          if (outcome.kind !== "error" || !spec.alreadyDone)
            throw new Error(`confirm after a ${outcome.kind} outcome`);
          outcome = {
            kind: "confirmed",
            after: outcome,
            done: await this.confirms(spec.alreadyDone.confirm),
          };
          continue;
        }
        await record({ ...fields, ...step.record });
        if (step.kind === "return") return (step.value === "answer" ? parsed : undefined) as z.output<S>;
        if (step.kind === "throw") throw new WeChatCallError(spec.operation, step.detail);
        if (step.kind === "refresh-token-then-retry") await source.refresh(token);
        else if (step.wait.kind === "backoff") await backoff(step.wait.failures);
        else await new Promise((resolve) => setTimeout(resolve, 1_000 + Math.random() * 250));
        break;
      }
    }
  }

  /**
   * Whether an uncertain change took effect, by reading WeChat's state. When
   * WeChat did not answer, it may still be processing the call: a read that
   * shows the change missing is trusted only once the settle window has
   * passed, so the change is never sent again while the first sending can
   * still land. "unknown" when the state could not be read.
   */
  private async settle(
    spec: CallSpec<z.ZodType>,
    how: { answered: boolean },
  ): Promise<{ state: Settled; note?: string }> {
    if (!spec.settled) return { state: "not done" };
    const settled = spec.settled;
    const read = async (): Promise<Settled> => {
      try {
        return (await settled()) ? "done" : "not done";
      } catch {
        return "unknown";
      }
    };
    const first = await read();
    if (first === "done") return { state: "done", note: "confirmed by reading WeChat's state" };
    // An answer (even -1) means WeChat is done with the call: what it shows now is final.
    if (how.answered) {
      return first === "unknown"
        ? { state: "unknown", note: "outcome unknown: WeChat's rules could not be read" }
        : { state: "not done", note: "not made, by reading WeChat's state" };
    }
    await new Promise((resolve) => setTimeout(resolve, this.settleMs));
    const second = await read();
    if (second === "done")
      return {
        state: "done",
        note: `confirmed by reading WeChat's state after the ${this.settleMs} ms settle window`,
      };
    if (second === "unknown") {
      return {
        state: "unknown",
        note: `outcome unknown: WeChat's rules could not be read after the ${this.settleMs} ms settle window`,
      };
    }
    return {
      state: "not done",
      note: `not made, by reading WeChat's state after the ${this.settleMs} ms settle window`,
    };
  }

  private async confirms(confirm: () => Promise<boolean>): Promise<boolean> {
    try {
      return await confirm();
    } catch {
      return false; // could not tell: the errcode stands
    }
  }
}

/** Where a call's token comes from, and what the query parameter carrying it is called. */
interface TokenSource {
  /** Whose calls these are, in the call records and the rate limit. */
  appid: string;
  /** The limits its calls wait for: a Service Account's include 200 a minute. */
  limits: CallLimits;
  param: "access_token" | "component_access_token";
  get(): Promise<string>;
  refresh(rejected: string): Promise<string>;
}
