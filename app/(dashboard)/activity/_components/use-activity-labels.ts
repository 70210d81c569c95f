"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useCallback, useSyncExternalStore } from "react";

import type { ActivityEntry, ActivityOperation } from "@/lib/activity/contract";
import { OPERATION_LABEL_KEY, type OperationLabelKey } from "@/lib/activity/labels";
import type { ErrorExplanation, explainWeChatError } from "@/lib/wechat/error-catalog";

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

type Explain = typeof explainWeChatError;

// The errcode catalog (both languages) is wanted only for the rows and figures the page fetches once it is
// up, so it loads when a component first explains an errcode, like a lazy component, not with the page.
let explainLoaded: Explain | undefined;
let catalogLoading: Promise<void> | undefined;
const catalogListeners = new Set<() => void>();

function loadCatalog(): void {
  catalogLoading ??= import("@/lib/wechat/error-catalog").then((catalog) => {
    explainLoaded = catalog.explainWeChatError;
    for (const listener of catalogListeners) listener();
  });
}

function subscribeToCatalog(listener: () => void): () => void {
  catalogListeners.add(listener);
  return () => catalogListeners.delete(listener);
}

/**
 * An errcode explained in the operator's language, or undefined while the catalog is on its way (asking
 * starts loading it; the component renders again when it has arrived).
 */
export function useErrorExplanation(): (
  errcode: number,
  errmsg?: string | null,
) => ErrorExplanation | undefined {
  const locale = useLocale();
  const explain = useSyncExternalStore(
    subscribeToCatalog,
    () => explainLoaded,
    () => undefined,
  );
  return useCallback(
    (errcode: number, errmsg?: string | null) => {
      if (!explain) {
        loadCatalog();
        return undefined;
      }
      return explain(errcode, errmsg ?? "", locale);
    },
    [explain, locale],
  );
}

/** The catalog's short title of an errcode, in the operator's language ("" until the catalog has arrived). */
export function useErrorTitle(): (errcode: number, errmsg?: string | null) => string {
  const explanation = useErrorExplanation();
  return useCallback(
    (errcode: number, errmsg?: string | null) => explanation(errcode, errmsg)?.title ?? "",
    [explanation],
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
