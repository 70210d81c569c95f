"use server";

import { settingsSchema } from "@/lib/schemas/settings";

import { getDb } from "../db";
import { updateSettings as saveAndRecord } from "../settings";
import { authAction } from "./safe-action";

export const updateSettings = authAction({ role: "admin", schema: settingsSchema, name: "updateSettings" }, async (input, { operator }) =>
  saveAndRecord(await getDb(), operator, input),
);
