"use server";

import { settingsSchema } from "@/lib/schemas/settings";

import { newActionId, recordActivity } from "../activity/record";
import { getDb } from "../db";
import { getSettings, saveSettings } from "../settings";
import { authAction } from "./safe-action";

export const updateSettings = authAction({ role: "admin", schema: settingsSchema, name: "updateSettings" }, async (input, { operator }) => {
  const db = await getDb();
  const before = await getSettings(db);
  await saveSettings(db, input, operator.id);
  await recordActivity(db, newActionId(), {
    operation: "settings.update",
    operator: { id: operator.id, email: operator.email, name: operator.name },
    outcome: "success",
    request: { before, after: input },
  });
  return getSettings(db);
});
