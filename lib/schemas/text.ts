/**
 * The one gate for free text: PostgreSQL refuses a NUL character in `text`
 * and `jsonb`, and UTF-8 cannot encode half of a surrogate pair. Text that
 * passed a schema but could not be stored would fail after the change was made
 * (at WeChat, say), so every free-text field of every schema, query strings
 * included, goes through `text()`. The message is an i18n key under `validation`.
 */
import { z } from "zod";

import { isStorableText } from "../storable";

export const UNSTORABLE_TEXT_KEY = "unstorableText";

/**
 * A string PostgreSQL can store; `error` is the message when the value is not a
 * string at all. Aborts at the first unstorable character, so no later check
 * reports a confusing second problem about the same value.
 */
export function text(error?: string) {
  return z.string(error).refine(isStorableText, { error: UNSTORABLE_TEXT_KEY, abort: true });
}
