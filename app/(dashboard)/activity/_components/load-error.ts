"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";

import { ActivityRequestError } from "@/lib/activity/queries";

/** Why a request of this page failed, in the operator's words (never the server's raw message). */
export function useLoadErrorText(): (error: unknown) => string {
  const t = useTranslations("activity.errors");
  return useCallback(
    (error: unknown) => {
      const status = error instanceof ActivityRequestError ? error.status : 0;
      if (status === 401) return t("unauthenticated");
      if (status === 403) return t("forbidden");
      return t("generic");
    },
    [t],
  );
}
