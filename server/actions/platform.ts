"use server";

import { platformSettingsSchema, startAuthorizationSchema } from "@/lib/schemas/platform";

import { publicUrl } from "../client-address";
import { env } from "../env";
import { startAuthorization } from "../platform/authorization-link";
import { getPlatformSettingsView, savePlatformSettings as saveAndRecord } from "../platform/settings";
import { authAction } from "./safe-action";

/** Saves the third-party platform's AppID and (sealed) secrets. Admins only. */
export const savePlatformSettings = authAction(
  { role: "admin", schema: platformSettingsSchema, name: "savePlatformSettings" },
  async (input, context) => {
    await saveAndRecord(context, input);
    return getPlatformSettingsView(context.db, publicUrl());
  },
);

/** A fresh authorization link (and QR code) for a merchant's admin to authorize an account. Admins only. */
export const startPlatformAuthorization = authAction(
  { role: "admin", schema: startAuthorizationSchema, name: "startPlatformAuthorization" },
  async (input, context) =>
    startAuthorization(context, input.accounts, {
      publicUrl: publicUrl(),
      authPageBase: env.WECHAT_AUTH_PAGE_BASE,
    }),
);
