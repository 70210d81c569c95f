"use client";

import { useTranslations } from "next-intl";

import { CopyButton } from "@/components/ui/copy-button";
import type { RuleFormFailure } from "./rule-form-save";

/**
 * Why a save failed, above the form's buttons. For a WeChat refusal: WeChat's
 * explanation and what to do, the errcode, and the rid that WeChat support
 * asks for, with a copy button.
 */
export function RuleFormAlert({ failure }: { failure: RuleFormFailure }) {
  const t = useTranslations("ruleForm");
  const { message, wechat } = failure;

  return (
    <div
      role="alert"
      data-testid="rule-form-error"
      className="space-y-1.5 rounded-md border border-destructive/50 bg-destructive/10 px-3 py-2 text-sm"
    >
      <p className="font-medium text-destructive">{wechat?.title ?? message}</p>
      {wechat ? (
        <>
          {message !== wechat.title ? <p>{message}</p> : null}
          <p>{wechat.meaning}</p>
          <p>{wechat.action}</p>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
            <span>
              {wechat.errcode === null
                ? t("wechat.noAnswer")
                : t("wechat.errcode", { errcode: wechat.errcode })}
            </span>
            {wechat.rid ? (
              <span className="inline-flex items-center gap-1">
                {t("wechat.rid")}:<code className="select-all font-mono text-foreground">{wechat.rid}</code>
                <CopyButton value={wechat.rid} label={t("wechat.copyRid")} />
                <span>{t("wechat.ridHelp")}</span>
              </span>
            ) : null}
          </div>
        </>
      ) : null}
    </div>
  );
}
