"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";

import type { ActivityEntry, ActivityOperation } from "@/lib/activity/contract";
import { OPERATION_LABEL_KEY, type OperationLabelKey } from "@/lib/activity/labels";
import { explainWeChatError } from "@/lib/wechat/error-catalog";

const LABEL_KEYS: Partial<Record<string, OperationLabelKey>> = OPERATION_LABEL_KEY;

/** An operation's label in the operator's language (an operation this page does not know yet shows as recorded). */
export function useOperationLabel(): (operation: ActivityOperation) => string {
  const t = useTranslations("activity.operations");
  return useCallback(
    (operation: ActivityOperation) => {
      const key = LABEL_KEYS[operation];
      return key ? t(key) : operation;
    },
    [t],
  );
}

/** The catalog's short title of an errcode, in the operator's language. */
export function useErrorTitle(): (errcode: number, errmsg?: string | null) => string {
  const locale = useLocale();
  return useCallback(
    (errcode: number, errmsg?: string | null) => explainWeChatError(errcode, errmsg ?? "", locale).title,
    [locale],
  );
}

/**
 * "44990 ×1, retried" when WeChat was called more than once: the codes answered on the way (not
 * the final one) and how often, so a success that needed retries stands out.
 */
export function useRetryHint(): (
  entry: Pick<ActivityEntry, "attempts" | "errcodesSeen" | "errcode">,
) => string | null {
  const t = useTranslations("activity.table");
  const format = useFormatter();
  return useCallback(
    (entry) => {
      if (entry.attempts <= 1) return null;
      const counts = new Map<number, number>();
      for (const code of entry.errcodesSeen) {
        if (code !== entry.errcode) counts.set(code, (counts.get(code) ?? 0) + 1);
      }
      const parts = [...counts].map(([errcode, count]) =>
        t("codeCount", { errcode: String(errcode), count }),
      );
      parts.push(t("retried"));
      return format.list(parts, { type: "conjunction", style: "narrow" });
    },
    [t, format],
  );
}
