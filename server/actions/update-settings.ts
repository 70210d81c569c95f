"use server";

import { settingsSchema } from "@/lib/schemas/settings";

import { getDb } from "../db";
import { getSettings, saveSettings } from "../settings";
import { authAction } from "./safe-action";

export const updateSettings = authAction({ role: "admin", schema: settingsSchema }, async (input, { operator }) => {
  const db = await getDb();
  await saveSettings(db, input, operator.id);
  return getSettings(db);
});
