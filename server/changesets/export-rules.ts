import "server-only";

import type { ImportFormat } from "@/lib/changesets/contract";
import { desiredOf } from "@/lib/changesets/plan";

import type { RequestContext } from "../request-context";
import { readAllRules } from "../rules/mirror";
import { openScope } from "../rules/open-scope";
import { readWeChatNow } from "./current";
import { CONTENT_TYPES, writeRulesFile } from "./write-file";

/**
 * An account's rules as a file (from the mirror, or from a fresh read of WeChat first), in the
 * operator's language: importing it again, unedited, plans nothing.
 */
export async function exportRules(
  context: RequestContext,
  accountId: string,
  format: ImportFormat,
  fresh: boolean,
): Promise<{ body: Uint8Array; contentType: string; fileName: string }> {
  const scope = await openScope(context, accountId);
  const kind = scope.account.kind === "miniprogram" ? "A" : "B";
  const rules = fresh
    ? await readWeChatNow(context.db, scope)
    : await readAllRules(context.db, scope.account.id);
  const body = await writeRulesFile(
    kind,
    format,
    rules.map((rule) => desiredOf(rule, kind)),
    context.locale,
    { appid: scope.account.appid },
  );
  const day = new Date().toISOString().slice(0, 10);
  return {
    body,
    contentType: CONTENT_TYPES[format],
    fileName: `${scope.account.appid}-rules-${day}.${format}`,
  };
}
