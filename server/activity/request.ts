import "server-only";

import { getTranslations } from "next-intl/server";

import type { SummaryTranslator } from "./queries";

/** Translates entry summaries (`activity.summary.*`) in the operator's language. */
export async function summaryTranslator(): Promise<SummaryTranslator> {
  const t = (await getTranslations("activity")) as unknown as {
    (key: string, values?: Record<string, string | number>): string;
    has(key: string): boolean;
  };
  return (key, values) => (t.has(`summary.${key}`) ? t(`summary.${key}`, values) : key);
}
