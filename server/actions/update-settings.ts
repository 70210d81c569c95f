"use server";

import { settingsSchema } from "@/lib/schemas/settings";

import { updateSettings as saveAndRecord } from "../settings";
import { authAction } from "./safe-action";

export const updateSettings = authAction(
  { role: "admin", schema: settingsSchema, name: "updateSettings" },
  async (input, context) => saveAndRecord(context, input),
);
