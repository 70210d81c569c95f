import "server-only";

import { getLocale, getTranslations } from "next-intl/server";

import type { Locale } from "@/lib/i18n/config";

import type { CurrentOperator } from "./auth/session";
import { type Database, getDb } from "./db";
import type { SecretBox } from "./secret-box";
import { getSecretBox } from "./secrets";
import { type WeChatClient, getWeChatClient } from "./wechat";

/** The `actionErrors` messages the server's operations need, in the operator's language. */
export type RequestMessages = (
  key:
    | "accountNotFound"
    | "ruleNotFound"
    | "replaceNotConfirmed"
    | "replaceUnchanged"
    | "replaceAddedUnpublished"
    | "replaceRestoredPublished"
    | "replaceRestored"
    | "replaceRestoredUnpublished"
    | "replaceLost"
    | "replacePreviousA"
    | "replacePreviousB"
    | "replacePreviousPublished"
    | "linkNotLinked"
    | "noAnswerTitle"
    | "noAnswerMeaning"
    | "noAnswerAction"
    | "accountExists"
    | "emailExists"
    | "lastAdmin"
    | "notYourself"
    | "operatorNotFound"
    | "linkInvalid"
    | "accountIdsUnknown"
    | "warningActivityNotRecorded"
    | "warningRuleMirrorBehind"
    | "warningTokenNotForgotten"
    | "platformAccountNoSecret"
    | "platformSecretRequired"
    | "platformNotConfigured"
    | "platformNoTicket"
    | "platformNotAuthorized"
    | "authorizationLinkInvalid"
    | "changeSetNotFound"
    | "changeSetNothingToRetry"
    | "changeSetMoved"
    | "changeSetAnotherActive"
    | "changeSetNeedsApproval"
    | "changeSetRefused_publishes"
    | "changeSetRefused_addBudget"
    | "changeSetRefused_ruleLimit"
    | "changeSetRefused_nothingToDo"
    | "changeSetRefused_invalidRows"
    | "fileErrorAtCell"
    | "fileErrorAtRow"
    | "fileError_tooLarge"
    | "fileError_empty"
    | "fileError_format"
    | "fileError_encoding"
    | "fileError_csv"
    | "fileError_json"
    | "fileError_jsonShape"
    | "fileError_xlsx"
    | "fileError_missingColumns"
    | "fileError_unknownColumn"
    | "fileError_duplicateColumn"
    | "fileError_formula"
    | "fileError_tooManyRows"
    | "occupiedByOurs"
    | "occupiedByHidden"
    | "occupiedOutside"
    | "hostingNotConfigured"
    | "recheckMiniProgramOnly"
    | "internal",
  values?: Record<string, string>,
) => string;

/** Everything an operation needs: the request's operator and language, and the server's parts. */
export interface RequestContext {
  db: Database;
  box: SecretBox;
  wechat: WeChatClient;
  operator: CurrentOperator;
  locale: Locale;
  t: RequestMessages;
}

/** The context of the current request, for the operator the action or route wrapper let through. */
export async function requestContext(operator: CurrentOperator): Promise<RequestContext> {
  const [db, wechat, locale, t] = await Promise.all([
    getDb(),
    getWeChatClient(),
    getLocale(),
    getTranslations("actionErrors"),
  ]);
  return {
    db,
    wechat,
    box: getSecretBox(),
    operator,
    locale,
    t: ((key, values) => t(key, values)) as RequestMessages,
  };
}
