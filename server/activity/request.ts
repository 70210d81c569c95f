import "server-only";

import { getTranslations } from "next-intl/server";

import type { SummaryTranslator } from "./queries";

/** Summary values that hold an id shown in the reader's language: a role, or a server action's name. */
const NAMED_VALUES: Record<string, string> = {
  role: "roleNames",
  roleBefore: "roleNames",
  roleAfter: "roleNames",
  action: "actionNames",
};

interface ActivityTranslator {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}

/** Entry summaries (`activity.summary.*`) through a translator of the `activity` namespace; unknown keys as they are. */
export function summaryTranslatorOf(t: ActivityTranslator): SummaryTranslator {
  const named = (values?: Record<string, string | number>) =>
    values &&
    Object.fromEntries(
      Object.entries(values).map(([name, value]) => {
        const names = NAMED_VALUES[name];
        return names && t.has(`${names}.${value}`) ? [name, t(`${names}.${value}`)] : [name, value];
      }),
    );
  return (key, values) => (t.has(`summary.${key}`) ? t(`summary.${key}`, named(values)) : key);
}

/** Translates entry summaries in the operator's language. */
export async function summaryTranslator(): Promise<SummaryTranslator> {
  return summaryTranslatorOf((await getTranslations("activity")) as unknown as ActivityTranslator);
}
