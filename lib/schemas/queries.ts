/**
 * The query strings and path parameters of the route handlers: anything
 * malformed is a 400 naming the parameter, never a guess and never a database
 * error. Numbers stay inside PostgreSQL's `integer`, dates inside what its
 * `timestamptz` accepts, text goes through `text()`. Messages are i18n keys
 * under `validation`.
 */
import { z } from "zod";

import { ACTIVITY_MAX_PAGE_SIZE, ACTIVITY_OPERATIONS, type ActivityQuery } from "../activity/contract";
import { MAX_PAGE_SIZE, type RuleQuery } from "../rules/contract";
import { APPID_PATTERN } from "../wechat/ids";
import { text } from "./text";

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

function integer(min: number, max: number) {
  return z.coerce.number("number").int("integer").min(min, "outOfRange").max(max, "outOfRange");
}

/** An ISO time with an offset, of a year PostgreSQL can store (it has no year 0). */
const isoTime = z.iso.datetime({ offset: true, error: "date" }).refine((value) => {
  const year = new Date(value).getUTCFullYear();
  return year >= 1 && year <= 9999;
}, "date");

const uuid = z.uuid("invalid");

export const activityQuerySchema = z.object({
  account: uuid.optional(),
  operator: uuid.optional(),
  operation: z.enum(ACTIVITY_OPERATIONS, "invalid").optional(),
  outcome: z.enum(["success", "failure", "unknown"], "invalid").optional(),
  errcode: integer(INT32_MIN, INT32_MAX).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  q: text("invalid").max(1024, "tooLong").optional(),
  page: integer(1, INT32_MAX).optional(),
  pageSize: integer(1, ACTIVITY_MAX_PAGE_SIZE).optional(),
}) satisfies z.ZodType<ActivityQuery>;

export const overviewQuerySchema = z.object({
  range: z.enum(["24h", "7d", "30d"], "invalid").default("7d"),
  account: uuid.optional(),
});

/** `/api/activity/[id]`: a positive id small enough to stay exact in JavaScript. */
export const activityEntryParamsSchema = z.object({
  id: text("invalid")
    .regex(/^[1-9]\d{0,14}$/, "invalid")
    .transform(Number),
});

export const ruleQuerySchema = z.object({
  q: text("invalid").max(1024, "tooLong").optional(),
  state: z.coerce
    .number("invalid")
    .pipe(z.literal([1, 2], "invalid"))
    .optional(),
  target: text("invalid").regex(APPID_PATTERN, "invalid").optional(),
  sort: z.enum(["prefix", "path", "state"], "invalid").optional(),
  dir: z.enum(["asc", "desc"], "invalid").optional(),
  page: integer(1, INT32_MAX).optional(),
  pageSize: integer(1, MAX_PAGE_SIZE).optional(),
}) satisfies z.ZodType<RuleQuery>;

/** `/api/accounts/[accountId]/…`. */
export const accountParamsSchema = z.object({ accountId: uuid });
