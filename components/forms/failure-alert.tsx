"use client";

import type { Ref } from "react";

import { WeChatFailureDetails } from "@/components/wechat/wechat-failure";
import type { ActionError, ActionErrorCode, WeChatFailure } from "@/lib/action-result";

/** Why a save failed, as a form shows it above its buttons. */
export interface FormFailure {
  code?: ActionErrorCode;
  /** The action's message; null when a field already says it. */
  message: string | null;
  wechat?: WeChatFailure;
  /** Messages no field shows: for the form as a whole (`fieldErrors._form`) and for fields it has no input for. */
  formErrors: string[];
  /** WeChat's explanation is on a field already: the alert keeps only what the field does not say. */
  onField?: boolean;
}

/**
 * A failed action's result for the form's alert. The message is left out when it only repeats what a field
 * says (a taken email says so on the email field); a WeChat refusal always keeps its explanation.
 */
export function formFailure(error: ActionError): FormFailure {
  const onFields = Object.entries(error.fieldErrors ?? {})
    .filter(([field]) => field !== "_form")
    .flatMap(([, messages]) => messages);
  return {
    code: error.code,
    message: !error.wechat && onFields.includes(error.message) ? null : error.message,
    wechat: error.wechat,
    formErrors: error.fieldErrors?._form ?? [],
    onField: Boolean(error.wechat) && onFields.length > 0,
  };
}

/**
 * The failure at the top of a form: WeChat's explanation with its rid (only the title and rid when a field
 * already explains it), or the action's message. Focusable, so a failed submit can bring it into view.
 */
export function FailureAlert({
  failure,
  accountId,
  ref,
}: {
  failure: FormFailure;
  /** The WeChat account the failure is about, for the explain view's link to where the fix is made. */
  accountId?: string;
  ref?: Ref<HTMLDivElement>;
}) {
  const { message, wechat, formErrors, onField } = failure;
  const more = formErrors.map((text) => <p key={text}>{text}</p>);
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      data-testid="form-error"
      className="scroll-mt-4 rounded-md border border-destructive/50 bg-destructive/10 px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-destructive"
    >
      {wechat ? (
        <WeChatFailureDetails
          failure={wechat}
          message={message}
          titleClassName="text-destructive"
          explainedOnField={onField}
          accountId={accountId}
        >
          {more}
        </WeChatFailureDetails>
      ) : (
        <div className="space-y-1.5 text-destructive">
          {message ? <p className="font-medium">{message}</p> : null}
          {more}
        </div>
      )}
    </div>
  );
}
