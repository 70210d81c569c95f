import "server-only";

import { getTranslations } from "next-intl/server";
import { z } from "zod";

import { ACTIVITY_MAX_PAGE_SIZE, ACTIVITY_OPERATIONS, type ActivityQuery } from "@/lib/activity/contract";

import type { SummaryTranslator } from "./queries";

/** The activity filters as the URL carries them; anything malformed is a 400, not a guess. */
export const activityQuerySchema = z.object({
  account: z.uuid().optional(),
  operator: z.uuid().optional(),
  operation: z.enum(ACTIVITY_OPERATIONS).optional(),
  outcome: z.enum(["success", "failure"]).optional(),
  errcode: z.coerce.number().int().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  q: z.string().max(1024).optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(ACTIVITY_MAX_PAGE_SIZE).optional(),
});

export function parseActivityQuery(url: string): ActivityQuery | null {
  const params = Object.fromEntries([...new URL(url).searchParams].filter(([, value]) => value !== ""));
  const parsed = activityQuerySchema.safeParse(params);
  return parsed.success ? parsed.data : null;
}

/** Translates entry summaries (`activity.summary.*`) in the operator's language. */
export async function summaryTranslator(): Promise<SummaryTranslator> {
  const t = (await getTranslations("activity")) as unknown as {
    (key: string, values?: Record<string, string | number>): string;
    has(key: string): boolean;
  };
  return (key, values) => (t.has(`summary.${key}`) ? t(`summary.${key}`, values) : key);
}
