/** The one shape every server action returns. */
export type ActionErrorCode =
  "UNAUTHENTICATED" | "FORBIDDEN" | "INVALID_INPUT" | "NOT_FOUND" | "CONFLICT" | "WECHAT" | "INTERNAL";

export interface ActionError {
  code: ActionErrorCode;
  /** Already in the operator's language. */
  message: string;
  /** Per field (dotted path, e.g. `debugUrls.2`), messages in the operator's language. */
  fieldErrors?: Record<string, string[]>;
  /** When WeChat refused: the catalog's explanation in the operator's language, and the rid to quote. */
  wechat?: WeChatFailure;
}

export interface WeChatFailure {
  /** WeChat's errcode; null when no answer came (timeout, dropped connection, garbage). */
  errcode: number | null;
  rid: string | null;
  title: string;
  meaning: string;
  action: string;
}

/**
 * `warning`: the change was made, but a follow-up was not (the activity entry, the
 * local table); already in the operator's language, shown beside the success.
 */
export type ActionResult<T> = { ok: true; data: T; warning?: string } | { ok: false; error: ActionError };
