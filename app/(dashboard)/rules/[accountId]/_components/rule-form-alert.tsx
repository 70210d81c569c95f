"use client";

import { WeChatFailureDetails } from "@/components/wechat/wechat-failure";

import type { RuleFormFailure } from "./rule-form-save";

/** Why a save failed, above the form's buttons: WeChat's explanation with its rid, or the action's message. */
export function RuleFormAlert({ failure }: { failure: RuleFormFailure }) {
  const { message, wechat } = failure;

  return (
    <div
      role="alert"
      data-testid="rule-form-error"
      className="rounded-md border border-destructive/50 bg-destructive/10 px-3 py-2 text-sm"
    >
      {wechat ? (
        <WeChatFailureDetails failure={wechat} message={message} titleClassName="text-destructive" />
      ) : (
        <p className="font-medium text-destructive">{message}</p>
      )}
    </div>
  );
}
