import "server-only";

/**
 * What a WeChat call does after each outcome of an attempt: return, wait and send again, renew the
 * token, read WeChat's state, or give up. Pure, so every branch is tested without a network; the
 * client's loop only performs the I/O a step asks for and feeds the result back.
 */
import { BUSY_ERRCODES, RATE_LIMITED } from "@/lib/wechat/error-catalog";

import type { CallFailureDetail, TransportFailure } from "./errors";

/** Attempts per call for transient failures (-1, 886001, timeouts, dropped connections, garbage). */
export const MAX_ATTEMPTS = 4;
/** 44990 means our limiter and WeChat's clock disagreed; waiting a window is always enough, but bounded. */
export const MAX_THROTTLED = 5;
export const TOKEN_REJECTED: ReadonlySet<number> = new Set([40001, 42001]);
export const UNKNOWN_MESSAGE =
  "WeChat did not answer in time, and its rules could not be read afterwards to tell whether the change was made";

/** Whether an uncertain change took effect, after reading WeChat's state. */
export type Settled = "done" | "not done" | "unknown";

export interface RetryState {
  tokenRenewed: boolean;
  throttled: number;
  /** An earlier attempt may have been carried out without our knowing. */
  uncertain: boolean;
  /** Transient failures so far (busy answers and attempts without an answer). */
  failures: number;
}

export const INITIAL_RETRY_STATE: RetryState = {
  tokenRenewed: false,
  throttled: 0,
  uncertain: false,
  failures: 0,
};

export interface RetryPolicy {
  /**
   * An errcode that may mean the change is already made (85071 on an add sent again, "not found" on a
   * delete sent again): a success when reading WeChat's state confirms it.
   */
  alreadyDone?: { errcode: number; onlyAfterUncertain: boolean; note: string };
}

export type NoAnswer = { kind: "no-answer"; failure: TransportFailure; message: string };
export type ErrorAnswer = { kind: "error"; errcode: number; errmsg: string; rid: string | null };

export type Outcome =
  | NoAnswer
  | ErrorAnswer
  | { kind: "success" }
  /** errcode 0 without the fields the answer must carry. */
  | { kind: "malformed"; message: string }
  /** What the `settle` step read, for the attempt that asked for it. */
  | { kind: "settled"; after: NoAnswer | ErrorAnswer; state: Settled; note?: string }
  /** What the `confirm` step read, for the error answer that asked for it. */
  | { kind: "confirmed"; after: ErrorAnswer; done: boolean };

/** How the attempt is recorded before the step's I/O. */
export interface AttemptRecord {
  outcome: "success" | "retried" | "failed" | "unknown";
  note?: string;
}

export type Wait = { kind: "backoff"; failures: number } | { kind: "rate-window" };

export type Step =
  /** `answer`: the parsed answer; `nothing`: a change found made by reading WeChat's state. */
  | { kind: "return"; value: "answer" | "nothing"; record: AttemptRecord }
  | { kind: "retry-after"; wait: Wait; record: AttemptRecord }
  | { kind: "refresh-token-then-retry"; record: AttemptRecord }
  /** Read whether the change took effect; `answered` when WeChat answered (its state is then final). */
  | { kind: "settle"; answered: boolean }
  /** Read whether the alreadyDone errcode means the change is there. */
  | { kind: "confirm" }
  | { kind: "throw"; detail: CallFailureDetail; record: AttemptRecord };

export interface Decision {
  state: RetryState;
  step: Step;
}

export function nextStep(state: RetryState, outcome: Outcome, policy: RetryPolicy = {}): Decision {
  switch (outcome.kind) {
    case "success":
      return { state, step: { kind: "return", value: "answer", record: { outcome: "success" } } };
    case "malformed":
      return {
        state,
        step: {
          kind: "throw",
          detail: { kind: "malformed", message: outcome.message },
          record: { outcome: "failed" },
        },
      };
    case "no-answer":
      return {
        state: { ...state, failures: state.failures + 1, uncertain: true },
        step: { kind: "settle", answered: false },
      };
    case "error": {
      const done = policy.alreadyDone;
      if (done && done.errcode === outcome.errcode && (state.uncertain || !done.onlyAfterUncertain)) {
        return { state, step: { kind: "confirm" } };
      }
      return afterError(state, outcome);
    }
    case "confirmed":
      if (outcome.done) {
        return {
          state,
          step: {
            kind: "return",
            value: "nothing",
            record: { outcome: "success", note: policy.alreadyDone?.note },
          },
        };
      }
      return afterError(state, outcome.after);
    case "settled":
      return afterSettled(state, outcome);
  }
}

function afterError(state: RetryState, answer: ErrorAnswer): Decision {
  const { errcode } = answer;
  if (TOKEN_REJECTED.has(errcode) && !state.tokenRenewed) {
    return {
      state: { ...state, tokenRenewed: true },
      step: { kind: "refresh-token-then-retry", record: { outcome: "retried" } },
    };
  }
  if (errcode === RATE_LIMITED && state.throttled < MAX_THROTTLED) {
    return {
      state: { ...state, throttled: state.throttled + 1 },
      step: { kind: "retry-after", wait: { kind: "rate-window" }, record: { outcome: "retried" } },
    };
  }
  if (BUSY_ERRCODES.has(errcode)) {
    return {
      state: { ...state, failures: state.failures + 1, uncertain: true },
      step: { kind: "settle", answered: true },
    };
  }
  return { state, step: failWith(answer) };
}

function afterSettled(state: RetryState, settled: Extract<Outcome, { kind: "settled" }>): Decision {
  const { note } = settled;
  if (settled.state === "done")
    return { state, step: { kind: "return", value: "nothing", record: { outcome: "success", note } } };
  if (settled.state === "unknown") {
    return {
      state,
      step: {
        kind: "throw",
        detail: { kind: "unknown", message: UNKNOWN_MESSAGE },
        record: { outcome: "unknown", note },
      },
    };
  }
  if (state.failures < MAX_ATTEMPTS) {
    return {
      state,
      step: {
        kind: "retry-after",
        wait: { kind: "backoff", failures: state.failures },
        record: { outcome: "retried", note },
      },
    };
  }
  const after = settled.after;
  if (after.kind === "no-answer") {
    return {
      state,
      step: {
        kind: "throw",
        detail: { kind: after.failure, message: after.message },
        record: { outcome: "failed", note },
      },
    };
  }
  return { state, step: failWith(after) };
}

function failWith(answer: ErrorAnswer): Step {
  return {
    kind: "throw",
    detail: { kind: "wechat", errcode: answer.errcode, errmsg: answer.errmsg, rid: answer.rid },
    record: { outcome: "failed" },
  };
}
