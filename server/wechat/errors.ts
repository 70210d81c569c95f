import "server-only";

/** Why a WeChat call failed without an answer from WeChat. */
export type TransportFailure = "timeout" | "network" | "malformed";

/**
 * A WeChat call that failed for good (after retries). Carries what an operator
 * and WeChat support need (errcode, errmsg, rid) and never the access token.
 */
export class WeChatCallError extends Error {
  constructor(
    readonly operation: string,
    readonly detail:
      | { kind: "wechat"; errcode: number; errmsg: string; rid: string | null }
      | { kind: TransportFailure; message: string },
  ) {
    super(
      detail.kind === "wechat"
        ? `WeChat ${operation} failed: ${detail.errcode} ${detail.errmsg}`
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
  constructor(
    readonly failure: TransportFailure,
    message: string,
  ) {
    super(message);
    this.name = "TransportError";
  }
}
