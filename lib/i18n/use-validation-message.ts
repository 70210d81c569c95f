"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";

/**
 * Turns a schema message (an i18n key under `validation`) into the operator's
 * language; a message that is not a key is shown as written.
 */
export function useValidationMessage(): (message: string | undefined) => string | undefined {
  const t = useTranslations("validation");
  return useCallback(
    (message) => {
      if (!message) return undefined;
      const key = message as Parameters<typeof t>[0];
      return t.has(key) ? t(key) : message;
    },
    [t],
  );
}
