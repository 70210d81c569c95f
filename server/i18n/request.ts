import "server-only";

import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";

import { type Locale, LOCALE_COOKIE, isLocale, negotiateLocale } from "@/lib/i18n/config";
import { MESSAGES } from "@/lib/i18n/messages";

/** The operator's language: their remembered choice, else the browser's. */
export async function resolveLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: MESSAGES[locale], timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
});
