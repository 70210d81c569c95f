// How a refused change reads to the operator: the catalog's explanation of WeChat's answer, and the rid to quote.
"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";

import type { ActionError } from "@/lib/action-result";
import { cn } from "@/lib/utils";

import { CopyButton } from "@/components/ui/copy-button";

/** One line of text for places that only take a string (a toast, the confirm dialog's alert). */
export function useActionErrorText(): (error: ActionError) => string {
  const t = useTranslations("rules.error");
  return useCallback(
    (error: ActionError) => {
      const { wechat } = error;
      if (!wechat) return error.message;
      const message = t("summary", { title: wechat.title, meaning: wechat.meaning, action: wechat.action });
      return wechat.rid ? t("withRid", { message, rid: wechat.rid }) : message;
    },
    [t],
  );
}

/** The full explanation of an error: title, meaning, what to do, errcode and a copyable rid. */
export function ActionErrorDetails({ error, className }: { error: ActionError; className?: string }) {
  const t = useTranslations("rules.error");
  const { wechat } = error;
  if (!wechat) return <p className={cn("text-sm", className)}>{error.message}</p>;
  return (
    <div className={cn("space-y-1 text-sm", className)}>
      <p className="font-medium">{wechat.title}</p>
      <p className="text-muted-foreground">{wechat.meaning}</p>
      <p className="text-muted-foreground">{wechat.action}</p>
      {wechat.errcode !== null || wechat.rid ? (
        <p className="flex flex-wrap items-center gap-x-3 text-xs text-muted-foreground">
          {wechat.errcode !== null ? <span>{t("errcode", { errcode: String(wechat.errcode) })}</span> : null}
          {wechat.rid ? (
            <span className="inline-flex items-center gap-1" data-testid="error-rid">
              {t("rid")}: <code className="font-mono text-foreground">{wechat.rid}</code>
              <CopyButton value={wechat.rid} label={t("copyRid", { rid: wechat.rid })} className="size-6" />
            </span>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
