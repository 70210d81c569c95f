import "server-only";

import { inArray, sql } from "drizzle-orm";

import { DEFAULT_SETTINGS, type Settings, settingsSchema } from "@/lib/schemas/settings";

import { type Transaction, changeWithActivity, newActionId } from "./activity/record";
import { actor } from "./activity/track";
import type { Database } from "./db";
import { settings } from "./db/schema";
import type { RequestContext } from "./request-context";

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

export async function getSettings(db: Database | Transaction): Promise<Settings> {
  const rows = await db.select().from(settings).where(inArray(settings.key, KEYS));
  const stored = Object.fromEntries(rows.map((row) => [row.key, row.value]));
  // A value that no longer passes the schema falls back to its default.
  const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...stored });
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function saveSettings(
  db: Database | Transaction,
  values: Settings,
  operatorId: string,
): Promise<void> {
  await db
    .insert(settings)
    .values(KEYS.map((key) => ({ key, value: values[key], updatedBy: operatorId })))
    .onConflictDoUpdate({
      target: settings.key,
      set: { value: sql`excluded.value`, updatedBy: sql`excluded.updated_by`, updatedAt: sql`now()` },
    });
}

/** Saves the settings and their activity entry together (both or neither); returns what is stored now. */
export async function updateSettings(
  context: Pick<RequestContext, "db" | "operator">,
  values: Settings,
): Promise<Settings> {
  const before = await getSettings(context.db);
  return changeWithActivity(
    context.db,
    newActionId(),
    async (tx) => {
      await saveSettings(tx, values, context.operator.id);
      return getSettings(tx);
    },
    () => ({
      operation: "settings.update",
      operator: actor(context),
      outcome: "success",
      request: { before, after: values },
    }),
  );
}
