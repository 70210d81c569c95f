import { eq } from "drizzle-orm";

import { MESSAGES } from "@/lib/i18n/messages";
import type { DatabaseHandle } from "@/server/db/client";
import { type OperatorRole, operators } from "@/server/db/schema";
import { createOperatorIfAbsent } from "@/server/operators";
import type { RequestContext, RequestMessages } from "@/server/request-context";

import { clientFor, testBox } from "./wechat";

/** The server's `actionErrors` messages in English, as a request's context carries them. */
export const translate: RequestMessages = (key, values) => {
  let text: string = MESSAGES.en.actionErrors[key];
  for (const [name, value] of Object.entries(values ?? {})) text = text.replace(`{${name}}`, value);
  return text;
};

/**
 * The request context of an operator (created if absent) in the test's database, with the product's
 * WeChat client against the sandbox at `sandboxUrl`: what authAction hands an operation.
 */
export async function operatorContext(
  handle: DatabaseHandle,
  sandboxUrl: string,
  who: { email: string; name: string; role: OperatorRole; password: string },
): Promise<RequestContext> {
  await createOperatorIfAbsent(handle.db, who);
  const [operator] = await handle.db.select().from(operators).where(eq(operators.email, who.email));
  if (!operator) throw new Error(`no operator ${who.email}`);
  return {
    db: handle.db,
    box: testBox(),
    wechat: clientFor(handle, sandboxUrl, 3_000),
    operator: { id: operator.id, email: operator.email, name: operator.name, role: who.role },
    locale: "en",
    t: translate,
  };
}
