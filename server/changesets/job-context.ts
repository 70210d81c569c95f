import "server-only";

import { eq } from "drizzle-orm";
import { createTranslator } from "use-intl/core";

import { type Locale, isLocale } from "@/lib/i18n/config";
import { MESSAGES } from "@/lib/i18n/messages";

import type { Database } from "../db";
import { operators } from "../db/schema";
import type { RequestContext, RequestMessages } from "../request-context";
import type { SecretBox } from "../secret-box";
import type { WeChatClient } from "../wechat";

/** The server's parts a background job runs with (the request's, without a request). */
export interface JobServices {
  db: Database;
  box: SecretBox;
  wechat: WeChatClient;
}

/** The `actionErrors` messages in `locale`, for work done outside a request. */
export function messagesIn(locale: Locale): RequestMessages {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "actionErrors" });
  return ((key, values) => t(key, values)) as RequestMessages;
}

/**
 * The context a change set runs in: the operator who applied it (their grants, their name in the
 * activity log) and the language it was planned in. Null when that operator is gone or disabled.
 */
export async function jobContext(
  services: JobServices,
  operatorId: string | null,
  locale: string,
): Promise<RequestContext | null> {
  if (!operatorId) return null;
  const [operator] = await services.db.select().from(operators).where(eq(operators.id, operatorId));
  if (!operator || operator.disabled) return null;
  const language: Locale = isLocale(locale) ? locale : "en";
  return {
    ...services,
    operator: { id: operator.id, email: operator.email, name: operator.name, role: operator.role },
    locale: language,
    t: messagesIn(language),
  };
}
