// How a refused change reads to the admin: WeChat's explanation, what to do, and the rid to quote.
"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";

import type { ActionError, WeChatFailure } from "@/lib/action-result";

import { CopyButton } from "@/components/ui/copy-button";

/** What the account form shows above its buttons when a save fails. */
export interface AccountFormFailure {
  message: string;
  wechat?: WeChatFailure;
  /** Messages for the form as a whole (`fieldErrors._form`), e.g. the IP whitelist hint of 40164. */
  formErrors: string[];
}

export function toFormFailure(error: ActionError, message: string): AccountFormFailure {
  return { message, wechat: error.wechat, formErrors: error.fieldErrors?._form ?? [] };
}

/** One line of text for places that only take a string (the confirmation dialog's alert). */
export function useAccountErrorText(): (error: ActionError) => string {
  const t = useTranslations("accountsAdmin.error");
  return useCallback(
    (error: ActionError) => {
      const { wechat } = error;
      const form = error.fieldErrors?._form ?? [];
      if (!wechat) return [error.message, ...form].join(" ");
      const message = [
        t("summary", { title: wechat.title, meaning: wechat.meaning, action: wechat.action }),
        ...form,
      ].join(" ");
      return wechat.rid ? t("withRid", { message, rid: wechat.rid }) : message;
    },
    [t],
  );
}

/**
 * Why a save failed, above the form's buttons. For a WeChat refusal: its
 * title, what it means and what to do, the errcode, and the rid that WeChat
 * support asks for, with a copy button.
 */
export function AccountFormAlert({ failure }: { failure: AccountFormFailure }) {
  const t = useTranslations("accountsAdmin.error");
  const { message, wechat, formErrors } = failure;

  return (
    <div
      role="alert"
      data-testid="account-form-error"
      className="space-y-1.5 rounded-md border border-destructive/50 bg-destructive/10 px-3 py-2 text-sm"
    >
      <p className="font-medium text-destructive">{wechat?.title ?? message}</p>
      {wechat && message !== wechat.title ? <p>{message}</p> : null}
      {wechat ? <p>{wechat.meaning}</p> : null}
      {formErrors.map((formError) => (
        <p key={formError}>{formError}</p>
      ))}
      {wechat ? (
        <>
          <p>{wechat.action}</p>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
            <span>
              {wechat.errcode === null ? t("noAnswer") : t("errcode", { errcode: String(wechat.errcode) })}
            </span>
            {wechat.rid ? (
              <span className="inline-flex items-center gap-1" data-testid="account-form-error-rid">
                {t("rid")}: <code className="select-all font-mono text-foreground">{wechat.rid}</code>
                <CopyButton value={wechat.rid} label={t("copyRid", { rid: wechat.rid })} className="size-6" />
                <span>{t("ridHelp")}</span>
              </span>
            ) : null}
          </div>
        </>
      ) : null}
    </div>
  );
}
