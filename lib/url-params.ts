/**
 * Parsers of the values a page keeps in its URL (nuqs), one per kind of query parameter. Each turns what
 * the address bar holds into a value the page's endpoint accepts, or null when it holds anything else
 * (a hand-edited or outdated link): the page then shows its default rather than an error. They mirror
 * the route handlers' zod schemas (`lib/schemas/queries.ts`) without loading zod in the browser, and
 * `tests/unit/query-params.test.ts` checks each table's parsers against its schema. For the pages only
 * (route handlers parse with the schemas): the browser's URL state, and the server drawing a page's first
 * rows from the same address. `nuqs/server` is the entry without the client hooks, so both sides load it.
 */
import { createParser } from "nuqs/server";

import { INT32_MAX, INT32_MIN, isStorableText, isStorableYear } from "./storable";

const INTEGER = /^-?\d{1,10}$/;
const LONE_HIGH_SURROGATE_AT_END = /[\ud800-\udbff]$/;

function integer(value: string, min: number, max: number): number | null {
  if (!INTEGER.test(value)) return null;
  const number = Number(value);
  return number >= min && number <= max ? number : null;
}

/** Free text without its surrounding white space, cut to `max` characters; text PostgreSQL cannot store is dropped. */
export function textParam(max: number) {
  return createParser({
    parse(value) {
      const trimmed = value.trim();
      if (!trimmed || !isStorableText(trimmed)) return null;
      const cut = trimmed.slice(0, max);
      // Never cut between the halves of a pair.
      return LONE_HIGH_SURROGATE_AT_END.test(cut) ? cut.slice(0, -1) : cut;
    },
    serialize: (value) => value,
  });
}

/** A whole number from `min` to `max` (by default, any PostgreSQL `integer`), written in plain digits. */
export function integerParam(min = INT32_MIN, max = INT32_MAX) {
  return createParser({ parse: (value) => integer(value, min, max), serialize: String });
}

/** A 1-based page number. */
export const pageParam = integerParam(1).withDefault(1);

/** Rows per page: a larger number than the endpoint serves is read as the most it serves. */
export function pageSizeParam(max: number, fallback: number) {
  return createParser({
    parse: (value) => {
      const size = integer(value, 1, INT32_MAX);
      return size === null ? null : Math.min(size, max);
    },
    serialize: String,
  }).withDefault(fallback);
}

/** One of a fixed list of strings. */
export function literalParam<const T extends string>(values: readonly T[]) {
  return createParser<T>({
    parse: (value) => (values.includes(value as T) ? (value as T) : null),
    serialize: (value) => value,
  });
}

/** One of a fixed list of numbers, written in plain digits. */
export function numberLiteralParam<const T extends number>(values: readonly T[]) {
  return createParser<T>({
    parse: (value) => {
      const number = integer(value, INT32_MIN, INT32_MAX);
      return values.includes(number as T) ? (number as T) : null;
    },
    serialize: String,
  });
}

/** A string of a fixed form (`pattern` is anchored). */
export function patternParam(pattern: RegExp) {
  return createParser({
    parse: (value) => (pattern.test(value) ? value : null),
    serialize: (value) => value,
  });
}

/** A moment, written as an ISO time in UTC; anything `Date.parse` reads is taken, of a year PostgreSQL stores. */
export const isoTimeParam = createParser({
  parse(value) {
    const time = new Date(Date.parse(value));
    return Number.isNaN(time.getTime()) || !isStorableYear(time) ? null : time.toISOString();
  },
  serialize: (value) => value,
});

/** A UUID as PostgreSQL's `uuid` and zod's check take it (an RFC 9562 version and variant, or nil, or max). */
export const uuidParam = patternParam(
  /^([0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/i,
);
