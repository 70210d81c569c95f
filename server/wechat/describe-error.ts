import "server-only";

import type { ActionError, WeChatFailure } from "@/lib/action-result";
import { OUTCOME_UNKNOWN, explainWeChatError } from "@/lib/wechat/error-catalog";

import { ActionFailure } from "../actions/failure";
import type { RequestContext } from "../request-context";
import { PlatformNotReadyError, WeChatCallError } from "./errors";

const PLATFORM_MESSAGE = {
  "not-configured": "platformNotConfigured",
  "no-ticket": "platformNoTicket",
  "not-authorized": "platformNotAuthorized",
} as const;

/** Turns a failed WeChat call into what the operator sees: the catalog's text, the field to blame, the rid. */
export function describeWeChatError(
  context: Pick<RequestContext, "locale" | "t">,
  error: unknown,
  rule?: { prefix?: string; debugUrls?: string[] },
): ActionError {
  if (error instanceof PlatformNotReadyError) {
    return { code: "CONFLICT", message: context.t(PLATFORM_MESSAGE[error.reason]) };
  }
  if (!(error instanceof WeChatCallError)) {
    if (error instanceof ActionFailure) return error.error;
    console.error("[rules] unexpected failure:", error instanceof Error ? error.message : error);
    return { code: "INTERNAL", message: context.t("internal") };
  }
  if (error.detail.kind === "unknown") {
    const { title, meaning, action } = OUTCOME_UNKNOWN[context.locale];
    return { code: "WECHAT", message: title, wechat: { errcode: null, rid: null, title, meaning, action } };
  }
  if (error.detail.kind !== "wechat") {
    const wechat: WeChatFailure = {
      errcode: null,
      rid: null,
      title: context.t("noAnswerTitle"),
      meaning: context.t("noAnswerMeaning"),
      action: context.t("noAnswerAction"),
    };
    return { code: "WECHAT", message: wechat.title, wechat };
  }
  const { errcode, errmsg, rid } = error.detail;
  const explained = explainWeChatError(
    errcode,
    errmsg,
    context.locale,
    rule?.prefix ? { prefix: rule.prefix, debugUrls: rule.debugUrls ?? [] } : undefined,
  );
  const onField = `${explained.title}: ${explained.meaning} ${explained.action}`;
  const fieldErrors: Record<string, string[]> = {};
  if (explained.field === "debugUrl") {
    const offending = explained.offendingLinks ?? [];
    if (offending.length === 0) fieldErrors.debugUrls = [onField];
    for (const index of offending) fieldErrors[`debugUrls.${index}`] = [onField];
  } else if (explained.field) {
    fieldErrors[explained.field] = [onField];
  }
  return {
    code: "WECHAT",
    message: explained.title,
    ...(Object.keys(fieldErrors).length > 0 ? { fieldErrors } : {}),
    wechat: { errcode, rid, title: explained.title, meaning: explained.meaning, action: explained.action },
  };
}
