import { z } from "zod";

import { text } from "./text";

/** Workspace settings edited by admins; messages are i18n keys under `validation`. */
export const settingsSchema = z.object({
  organizationName: text().trim().max(80, "tooLong"),
  activityRetentionDays: z.coerce
    .number("number")
    .int("integer")
    .min(7, { error: "retentionRange" })
    .max(3650, { error: "retentionRange" }),
});

export type SettingsInput = z.input<typeof settingsSchema>;
export type Settings = z.output<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { organizationName: "", activityRetentionDays: 180 };
