/**
 * What PostgreSQL can store, for the schemas and for the parsers of the pages' URLs alike: text without a NUL
 * character or half of a surrogate pair (UTF-8 cannot encode one), integers inside its `integer`, and times of
 * a year its `timestamptz` takes. Free of zod, so that the browser can check a value without loading it.
 */

export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/** PostgreSQL has no year 0, and JavaScript writes years past 9999 in a form ISO 8601 parsers refuse. */
export function isStorableYear(time: Date): boolean {
  const year = time.getUTCFullYear();
  return year >= 1 && year <= 9999;
}
