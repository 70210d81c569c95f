import { describe, expect, it } from "vitest";

import {
  type ErrorAnswer,
  INITIAL_RETRY_STATE,
  MAX_ATTEMPTS,
  MAX_THROTTLED,
  type NoAnswer,
  type Outcome,
  type RetryPolicy,
  type RetryState,
  type Settled,
  type Step,
  UNKNOWN_MESSAGE,
  nextStep,
} from "@/server/wechat/retry-policy";

const error = (errcode: number): ErrorAnswer => ({
  kind: "error",
  errcode,
  errmsg: `e${errcode} rid: 1-2-3`,
  rid: "1-2-3",
});
const timeout: NoAnswer = { kind: "no-answer", failure: "timeout", message: "no answer within 300 ms" };
const settled = (after: NoAnswer | ErrorAnswer, state: Settled, note?: string): Outcome => ({
  kind: "settled",
  after,
  state,
  note,
});

const ADD: RetryPolicy = {
  alreadyDone: { errcode: 85071, onlyAfterUncertain: false, note: "already there, as sent" },
};
const ADD_NO_RESUME: RetryPolicy = {
  alreadyDone: { errcode: 85071, onlyAfterUncertain: true, note: "already there, as sent" },
};
const DELETE: RetryPolicy = {
  alreadyDone: { errcode: 40097, onlyAfterUncertain: true, note: "not there any more" },
};

/** Follows the decisions for a sequence of outcomes, as the client's loop does. */
function follow(outcomes: Outcome[], policy: RetryPolicy = {}, state: RetryState = INITIAL_RETRY_STATE) {
  const steps: Step[] = [];
  for (const outcome of outcomes) {
    const decision = nextStep(state, outcome, policy);
    state = decision.state;
    steps.push(decision.step);
  }
  return { state, steps, last: steps.at(-1) };
}

describe("the retry policy", () => {
  it("returns a parsed success answer", () => {
    expect(nextStep(INITIAL_RETRY_STATE, { kind: "success" }).step).toEqual({
      kind: "return",
      value: "answer",
      record: { outcome: "success" },
    });
  });

  it("gives up on a malformed success answer at once, without retrying", () => {
    expect(
      nextStep(INITIAL_RETRY_STATE, { kind: "malformed", message: "without the expected fields (rule_list)" })
        .step,
    ).toEqual({
      kind: "throw",
      detail: { kind: "malformed", message: "without the expected fields (rule_list)" },
      record: { outcome: "failed" },
    });
  });

  it("fails on a plain refusal, keeping errcode, errmsg and rid", () => {
    expect(nextStep(INITIAL_RETRY_STATE, error(85066)).step).toEqual({
      kind: "throw",
      detail: { kind: "wechat", errcode: 85066, errmsg: "e85066 rid: 1-2-3", rid: "1-2-3" },
      record: { outcome: "failed" },
    });
  });

  describe("a rejected token", () => {
    it.each([40001, 42001])("%i renews the token and retries once", (errcode) => {
      const first = nextStep(INITIAL_RETRY_STATE, error(errcode));
      expect(first.step).toEqual({ kind: "refresh-token-then-retry", record: { outcome: "retried" } });
      expect(first.state.tokenRenewed).toBe(true);
      expect(nextStep(first.state, error(errcode)).step).toMatchObject({
        kind: "throw",
        detail: { kind: "wechat", errcode },
      });
    });

    it("a second kind of rejection after renewing is not renewed again", () => {
      expect(follow([error(40001), error(42001)]).last).toMatchObject({
        kind: "throw",
        detail: { errcode: 42001 },
      });
    });
  });

  describe("44990, over the rate limit", () => {
    it(`waits a window and retries, ${MAX_THROTTLED} times, then fails`, () => {
      const { steps, state } = follow(Array.from({ length: MAX_THROTTLED + 1 }, () => error(44990)));
      for (const step of steps.slice(0, MAX_THROTTLED)) {
        expect(step).toEqual({
          kind: "retry-after",
          wait: { kind: "rate-window" },
          record: { outcome: "retried" },
        });
      }
      expect(steps.at(-1)).toMatchObject({
        kind: "throw",
        detail: { kind: "wechat", errcode: 44990 },
        record: { outcome: "failed" },
      });
      expect(state).toMatchObject({ throttled: MAX_THROTTLED, failures: 0, uncertain: false });
    });

    it("needs no settled read: WeChat did nothing with the call", () => {
      expect(follow([error(44990)], ADD).last?.kind).toBe("retry-after");
    });
  });

  describe("busy answers (-1, 886001)", () => {
    it.each([-1, 886001])("%i reads WeChat's state first, as an answered call", (errcode) => {
      const decision = nextStep(INITIAL_RETRY_STATE, error(errcode));
      expect(decision.step).toEqual({ kind: "settle", answered: true });
      expect(decision.state).toMatchObject({ failures: 1, uncertain: true });
    });

    it(`backs off and retries while not done, up to ${MAX_ATTEMPTS} attempts, then fails with the last answer`, () => {
      const outcomes = Array.from({ length: MAX_ATTEMPTS }, () => [
        error(-1),
        settled(error(-1), "not done", "not made"),
      ]).flat();
      const { steps } = follow(outcomes);
      const retries = steps.filter((step) => step.kind === "retry-after");
      expect(retries).toEqual(
        Array.from({ length: MAX_ATTEMPTS - 1 }, (_, index) => ({
          kind: "retry-after",
          wait: { kind: "backoff", failures: index + 1 },
          record: { outcome: "retried", note: "not made" },
        })),
      );
      expect(steps.at(-1)).toEqual({
        kind: "throw",
        detail: { kind: "wechat", errcode: -1, errmsg: "e-1 rid: 1-2-3", rid: "1-2-3" },
        record: { outcome: "failed" },
      });
    });

    it("returns nothing when the read shows the change made", () => {
      expect(follow([error(-1), settled(error(-1), "done", "confirmed")]).last).toEqual({
        kind: "return",
        value: "nothing",
        record: { outcome: "success", note: "confirmed" },
      });
    });

    it("is an unknown outcome when WeChat's state cannot be read, never sent again", () => {
      expect(follow([error(886001), settled(error(886001), "unknown", "could not be read")]).last).toEqual({
        kind: "throw",
        detail: { kind: "unknown", message: UNKNOWN_MESSAGE },
        record: { outcome: "unknown", note: "could not be read" },
      });
    });
  });

  describe("no answer (timeout, dropped connection, garbage)", () => {
    it("reads WeChat's state first, as an unanswered call (after the settle window)", () => {
      const decision = nextStep(INITIAL_RETRY_STATE, timeout);
      expect(decision.step).toEqual({ kind: "settle", answered: false });
      expect(decision.state).toMatchObject({ failures: 1, uncertain: true });
    });

    it(`retries up to ${MAX_ATTEMPTS} attempts, then fails with the transport failure`, () => {
      const outcomes = Array.from({ length: MAX_ATTEMPTS }, () => [
        timeout,
        settled(timeout, "not done", "not made"),
      ]).flat();
      const { steps } = follow(outcomes);
      expect(steps.filter((step) => step.kind === "retry-after")).toHaveLength(MAX_ATTEMPTS - 1);
      expect(steps.at(-1)).toEqual({
        kind: "throw",
        detail: { kind: "timeout", message: "no answer within 300 ms" },
        record: { outcome: "failed", note: "not made" },
      });
    });

    it("busy answers and lost answers share one budget of attempts", () => {
      const { steps } = follow([
        timeout,
        settled(timeout, "not done"),
        error(-1),
        settled(error(-1), "not done"),
        { kind: "no-answer", failure: "network", message: "socket hang up" },
        settled({ kind: "no-answer", failure: "network", message: "socket hang up" }, "not done"),
        timeout,
        settled(timeout, "not done"),
      ]);
      expect(
        steps
          .filter((step) => step.kind === "retry-after")
          .map((step) => step.kind === "retry-after" && step.wait),
      ).toEqual([
        { kind: "backoff", failures: 1 },
        { kind: "backoff", failures: 2 },
        { kind: "backoff", failures: 3 },
      ]);
      expect(steps.at(-1)).toMatchObject({ kind: "throw", detail: { kind: "timeout" } });
    });

    it("returns nothing when the change is found made, and is unknown when it cannot be read", () => {
      expect(follow([timeout, settled(timeout, "done", "after the window")]).last).toMatchObject({
        kind: "return",
        value: "nothing",
        record: { outcome: "success", note: "after the window" },
      });
      expect(follow([timeout, settled(timeout, "unknown")]).last).toMatchObject({
        kind: "throw",
        detail: { kind: "unknown" },
        record: { outcome: "unknown" },
      });
    });
  });

  describe("an errcode that may mean the change is already made", () => {
    it("85071 on an add is checked against WeChat's state even on the first attempt (resuming)", () => {
      expect(nextStep(INITIAL_RETRY_STATE, error(85071), ADD).step).toEqual({ kind: "confirm" });
    });

    it("85071 on an add that must not resume is checked only after an uncertain attempt", () => {
      expect(nextStep(INITIAL_RETRY_STATE, error(85071), ADD_NO_RESUME).step).toMatchObject({
        kind: "throw",
        detail: { errcode: 85071 },
      });
      expect(follow([timeout, settled(timeout, "not done"), error(85071)], ADD_NO_RESUME).last).toEqual({
        kind: "confirm",
      });
    });

    it("is a success with the policy's note when confirmed", () => {
      expect(
        follow([error(85071), { kind: "confirmed", after: error(85071), done: true }], ADD).last,
      ).toEqual({
        kind: "return",
        value: "nothing",
        record: { outcome: "success", note: "already there, as sent" },
      });
    });

    it("stands as a refusal when not confirmed", () => {
      expect(
        follow([error(85071), { kind: "confirmed", after: error(85071), done: false }], ADD).last,
      ).toMatchObject({
        kind: "throw",
        detail: { kind: "wechat", errcode: 85071 },
        record: { outcome: "failed" },
      });
    });

    it("'not found' (40097) on a delete is a success only after an uncertain attempt, when the rule is gone", () => {
      expect(nextStep(INITIAL_RETRY_STATE, error(40097), DELETE).step).toMatchObject({
        kind: "throw",
        detail: { errcode: 40097 },
      });
      const resent = follow([error(-1), settled(error(-1), "not done"), error(40097)], DELETE);
      expect(resent.last).toEqual({ kind: "confirm" });
      expect(
        nextStep(resent.state, { kind: "confirmed", after: error(40097), done: true }, DELETE).step,
      ).toEqual({
        kind: "return",
        value: "nothing",
        record: { outcome: "success", note: "not there any more" },
      });
    });

    it("a code that is not the policy's is not checked", () => {
      expect(nextStep(INITIAL_RETRY_STATE, error(85071), DELETE).step.kind).toBe("throw");
    });
  });

  it("never changes the state it is given", () => {
    const state = { ...INITIAL_RETRY_STATE };
    nextStep(state, error(-1));
    nextStep(state, error(40001));
    nextStep(state, error(44990));
    expect(state).toEqual(INITIAL_RETRY_STATE);
  });
});
