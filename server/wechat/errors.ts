import "server-only";

/** Why a WeChat call failed without an answer from WeChat. */
export type TransportFailure = "timeout" | "network" | "malformed";

/**
 * A change WeChat did not answer in time, whose effect could not be read back after the settle
 * window: it may or may not have been made, and it was not sent again.
 */
export type UnknownOutcome = "unknown";

/** Why a call failed for good: WeChat's refusal, or no usable answer. */
export type CallFailureDetail =
  | { kind: "wechat"; errcode: number; errmsg: string; rid: string | null }
  | { kind: TransportFailure | UnknownOutcome; message: string };

// The client is shared through globalThis, so its errors may come from another bundle's copy of this
// module: `instanceof` checks a brand instead of the class identity.
const CALL_ERROR = Symbol.for("qrjump.WeChatCallError");
const TRANSPORT_ERROR = Symbol.for("qrjump.TransportError");

function branded(value: unknown, brand: symbol): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/**
 * A WeChat call that failed for good (after retries). Carries what an operator
 * and WeChat support need (errcode, errmsg, rid) and never the access token.
 */
export class WeChatCallError extends Error {
  readonly [CALL_ERROR] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return branded(value, CALL_ERROR);
  }

  constructor(
    readonly operation: string,
    readonly detail: CallFailureDetail,
  ) {
    super(
      detail.kind === "wechat"
        ? `WeChat ${operation} failed: ${detail.errcode} ${detail.errmsg}`
        : detail.kind === "unknown"
          ? `WeChat ${operation}: outcome unknown — ${detail.message}`
          : `WeChat ${operation} failed: ${detail.message}`,
    );
    this.name = "WeChatCallError";
  }

  get errcode(): number | null {
    return this.detail.kind === "wechat" ? this.detail.errcode : null;
  }

  get rid(): string | null {
    return this.detail.kind === "wechat" ? this.detail.rid : null;
  }
}

/** A request that got no usable answer: no connection, no answer in time, or an answer that is not JSON. */
export class TransportError extends Error {
  readonly [TRANSPORT_ERROR] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return branded(value, TRANSPORT_ERROR);
  }

  constructor(
    readonly failure: TransportFailure,
    message: string,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

const PLATFORM_ERROR = Symbol.for("qrjump.PlatformNotReadyError");

/**
 * Why a call through the third-party platform cannot be made before WeChat is asked anything: the platform
 * is not configured, WeChat has not pushed a component_verify_ticket yet, or the account's authorization is
 * missing or withdrawn.
 */
export type PlatformNotReady = "not-configured" | "no-ticket" | "not-authorized";

export class PlatformNotReadyError extends Error {
  readonly [PLATFORM_ERROR] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return branded(value, PLATFORM_ERROR);
  }

  constructor(readonly reason: PlatformNotReady) {
    super(`the third-party platform cannot act: ${reason}`);
    this.name = "PlatformNotReadyError";
  }
}
