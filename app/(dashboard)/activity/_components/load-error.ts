"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";

import { statusOf } from "@/lib/api-client";

/** Why a request of this page failed, in the operator's words (never the server's raw message). */
export function useLoadErrorText(): (error: unknown) => string {
  const t = useTranslations("activity.errors");
  return useCallback(
    (error: unknown) => {
      const status = statusOf(error);
      if (status === 401) return t("unauthenticated");
      if (status === 403) return t("forbidden");
      return t("generic");
    },
    [t],
  );
}
