import "server-only";

import { getLocale, getTranslations } from "next-intl/server";

import type { CurrentOperator } from "../auth/session";
import { getDb } from "../db";
import { getSecretBox } from "../secrets";
import { getWeChatClient } from "../wechat";
import type { RuleMessages, RulesContext } from "./service";

/** The rules context of the current request, for the operator the action wrapper let through. */
export async function requestRulesContext(operator: CurrentOperator): Promise<RulesContext> {
  const [db, wechat, locale, t] = await Promise.all([getDb(), getWeChatClient(), getLocale(), getTranslations("actionErrors")]);
  return {
    db,
    wechat,
    box: getSecretBox(),
    operator,
    locale,
    t: ((key, values) => t(key, values)) as RuleMessages,
  };
}
