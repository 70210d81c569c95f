import "server-only";

import type { z } from "zod";

/** One logical WeChat call, as AccountClient describes it to WeChatClient.call. */
export interface CallSpec<S extends z.ZodType> {
  operation: string;
  path: string;
  body: Record<string, unknown>;
  /** What the call record keeps of `body` when more than its top-level secret and token keys must go. */
  loggedBody?: Record<string, unknown>;
  schema: S;
  /** What the call record keeps of a success answer that carries tokens or codes (default: all of it). */
  recordAnswer?: (json: Record<string, unknown>) => unknown;
  prefix?: string | null;
  /** Counts against the 5-a-second limit (the qrcodejump family). */
  throttled: boolean;
  /**
   * After an uncertain failure (no answer, or -1/886001), tells whether the
   * operation took effect anyway, by reading WeChat's state. Without it the
   * call is simply sent again (reads and other idempotent calls).
   */
  settled?: () => Promise<boolean>;
  /** A type-B add or edit: each attempt counts against this Mini Program's lifetime add budget. */
  spendsAddBudgetOf?: string;
  /**
   * An errcode that may mean the change is already made (85071 on an add sent again after a crash,
   * "not found" on a delete sent again): a success when `confirm` reads WeChat's state and agrees.
   */
  alreadyDone?: {
    errcode: number;
    onlyAfterUncertain: boolean;
    confirm: () => Promise<boolean>;
    note: string;
  };
}
