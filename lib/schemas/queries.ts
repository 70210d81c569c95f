/**
 * The query strings and path parameters of the route handlers: anything
 * malformed is a 400 naming the parameter, never a guess and never a database
 * error. Numbers stay inside PostgreSQL's `integer`, dates inside what its
 * `timestamptz` accepts, text goes through `text()`. Messages are i18n keys
 * under `validation`.
 *
 * Each server-paged table has one schema here, the one its route handler
 * parses with. The page keeps the same query in its URL through the parsers
 * in `lib/<table>/query-params.ts`, which do without zod (it stays out of the
 * pages' first load) and are checked against these schemas by
 * `tests/unit/query-params.test.ts`: whatever the address bar holds, the page
 * never asks its endpoint for something it refuses.
 */
import { z } from "zod";

import {
  ACTIVITY_ENTRY_ID,
  ACTIVITY_MAX_PAGE_SIZE,
  ACTIVITY_OPERATIONS,
  ACTIVITY_OUTCOMES,
  type ActivityQuery,
  DEFAULT_OVERVIEW_RANGE,
  MAX_ACTIVITY_SEARCH_LENGTH,
  OVERVIEW_RANGES,
} from "../activity/contract";
import { IMPORT_FORMATS, PLAN_ACTIONS } from "../changesets/contract";
import { LOCALES } from "../i18n/config";
import { MAX_PAGE_SIZE, MAX_RULE_SEARCH_LENGTH, RULE_SORT_COLUMNS, type RuleQuery } from "../rules/contract";
import { INT32_MAX, INT32_MIN, isStorableYear } from "../storable";
import { APPID_PATTERN } from "../wechat/ids";
import { text } from "./text";

function integer(min: number, max: number) {
  return z.coerce.number("number").int("integer").min(min, "outOfRange").max(max, "outOfRange");
}

/** An ISO time with an offset, of a year PostgreSQL can store (it has no year 0). */
const isoTime = z.iso
  .datetime({ offset: true, error: "date" })
  .refine((value) => isStorableYear(new Date(value)), "date");

const uuid = z.uuid("invalid");

/** The activity log's filters and page: `GET /api/activity` and its CSV export. */
export const activityQuerySchema = z.object({
  account: uuid.optional(),
  operator: uuid.optional(),
  operation: z.enum(ACTIVITY_OPERATIONS, "invalid").optional(),
  outcome: z.enum(ACTIVITY_OUTCOMES, "invalid").optional(),
  errcode: integer(INT32_MIN, INT32_MAX).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  q: text("invalid").max(MAX_ACTIVITY_SEARCH_LENGTH, "tooLong").optional(),
  page: integer(1, INT32_MAX).optional(),
  pageSize: integer(1, ACTIVITY_MAX_PAGE_SIZE).optional(),
}) satisfies z.ZodType<ActivityQuery>;

export const overviewQuerySchema = z.object({
  range: z.enum(OVERVIEW_RANGES, "invalid").default(DEFAULT_OVERVIEW_RANGE),
  account: uuid.optional(),
});

/** `/api/activity/[id]`: a positive id small enough to stay exact in JavaScript. */
export const activityEntryParamsSchema = z.object({
  id: text("invalid").regex(ACTIVITY_ENTRY_ID, "invalid").transform(Number),
});

/** The rules table's filters, order and page: `GET /api/accounts/[accountId]/rules`. */
export const ruleQuerySchema = z.object({
  q: text("invalid").max(MAX_RULE_SEARCH_LENGTH, "tooLong").optional(),
  state: z.coerce
    .number("invalid")
    .pipe(z.literal([1, 2], "invalid"))
    .optional(),
  target: text("invalid").regex(APPID_PATTERN, "invalid").optional(),
  sort: z.enum(RULE_SORT_COLUMNS, "invalid").optional(),
  dir: z.enum(["asc", "desc"], "invalid").optional(),
  page: integer(1, INT32_MAX).optional(),
  pageSize: integer(1, MAX_PAGE_SIZE).optional(),
}) satisfies z.ZodType<RuleQuery>;

/** `/api/accounts/[accountId]/…`. */
export const accountParamsSchema = z.object({ accountId: uuid });

/** `/api/change-sets/[changeSetId]/…`. */
export const changeSetParamsSchema = z.object({ changeSetId: uuid });

/** `GET /api/change-sets/[changeSetId]/items`: a page of a plan's rows, optionally of one action or outcome. */
export const planItemQuerySchema = z.object({
  action: z.enum(PLAN_ACTIONS, "invalid").optional(),
  state: z.enum(["pending", "running", "done", "failed", "skipped", "cancelled"], "invalid").optional(),
  page: integer(1, INT32_MAX).optional(),
  pageSize: integer(1, MAX_PAGE_SIZE).optional(),
});

/** `GET /api/accounts/[accountId]/rules/export`: the format, and whether WeChat is read first. */
export const ruleExportQuerySchema = z.object({
  format: z.enum(IMPORT_FORMATS, "invalid").default("csv"),
  fresh: z.enum(["0", "1"], "invalid").optional(),
});

/** `GET /api/rule-templates`: an empty rules file of a kind, in a format and a language. */
export const ruleTemplateQuerySchema = z.object({
  kind: z.enum(["A", "B"], "invalid"),
  format: z.enum(IMPORT_FORMATS, "invalid").default("csv"),
  lang: z.enum(LOCALES, "invalid").default("en"),
});
