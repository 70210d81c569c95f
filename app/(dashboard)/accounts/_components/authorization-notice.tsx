import { CircleCheck, CircleAlert } from "lucide-react";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";

import type { Locale } from "@/lib/i18n/config";
import { explainWeChatError } from "@/lib/wechat/error-catalog";

/** What the redirect back from WeChat's authorization page left in the Accounts page's address. */
const outcome = z.object({
  authorization: z.enum(["added", "updated", "invalid", "failed"]),
  reason: z.enum(["not-configured", "no-ticket", "not-authorized"]).optional(),
  errcode: z.coerce.number().int().optional(),
});

/**
 * The notice of an authorization through the platform: its text comes from the catalogs, chosen by codes in
 * the address (never text taken from it). Success is a status, failure an alert.
 */
export async function AuthorizationNotice({
  query,
}: {
  query: Record<string, string | string[] | undefined>;
}) {
  const parsed = outcome.safeParse(query);
  if (!parsed.success) return null;
  const t = await getTranslations("platform.notice");
  const { authorization, reason, errcode } = parsed.data;
  const ok = authorization === "added" || authorization === "updated";
  let text: string = ok || authorization === "invalid" ? t(authorization) : t("failed");
  if (!ok && reason) text = t(reason);
  if (!ok && errcode !== undefined) {
    const explained = explainWeChatError(errcode, "", (await getLocale()) as Locale);
    text = `${t("failedCode", { errcode })} ${explained.title}: ${explained.meaning} ${explained.action}`;
  }
  const Icon = ok ? CircleCheck : CircleAlert;
  return (
    <div
      role={ok ? "status" : "alert"}
      data-testid="authorization-notice"
      className={
        ok
          ? "flex gap-2 rounded-md border border-emerald-600/40 bg-emerald-600/10 px-3 py-2 text-sm"
          : "flex gap-2 rounded-md border border-destructive/50 bg-destructive/10 px-3 py-2 text-sm text-destructive"
      }
    >
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <p>{text}</p>
    </div>
  );
}
