// How a refused change reads to the admin: WeChat's explanation, what to do, and the rid to quote.
"use client";

import { WeChatFailureDetails } from "@/components/wechat/wechat-failure";
import type { ActionError, WeChatFailure } from "@/lib/action-result";

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

/** Why a save failed, above the form's buttons: WeChat's explanation with its rid, or the action's message. */
export function AccountFormAlert({ failure }: { failure: AccountFormFailure }) {
  const { message, wechat, formErrors } = failure;
  const more = formErrors.map((formError) => <p key={formError}>{formError}</p>);

  return (
    <div
      role="alert"
      data-testid="account-form-error"
      className="rounded-md border border-destructive/50 bg-destructive/10 px-3 py-2 text-sm"
    >
      {wechat ? (
        <WeChatFailureDetails failure={wechat} message={message} titleClassName="text-destructive">
          {more}
        </WeChatFailureDetails>
      ) : (
        <div className="space-y-1.5 text-destructive">
          <p className="font-medium">{message}</p>
          {more}
        </div>
      )}
    </div>
  );
}
