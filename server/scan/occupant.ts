import "server-only";

import { and, eq, ne, or } from "drizzle-orm";

import type { ActionError } from "@/lib/action-result";
import { matchTestLink } from "@/lib/wechat/match";

import { visibleAccounts } from "../access/grants";
import { wechatAccounts, wechatRules } from "../db/schema";
import type { RequestContext } from "../request-context";

/** Who holds a prefix WeChat refused as occupied (85072), as far as this console knows. */
export type Occupant =
  | { kind: "ours"; accountName: string; prefix: string }
  /** An account of this console the operator has not been given: not named to them. */
  | { kind: "hidden" }
  | { kind: "outside" };

/**
 * The rule of another of our Mini Programs that WeChat's 85072 is about: the very same prefix, or an
 * occupying rule (`permit_sub_rule` 2) that covers it; the most specific one when several do.
 */
export async function occupantOf(
  context: Pick<RequestContext, "db" | "operator">,
  accountId: string,
  prefix: string,
): Promise<Occupant> {
  const rows = await context.db
    .select({ accountId: wechatRules.accountId, prefix: wechatRules.prefix, name: wechatAccounts.name })
    .from(wechatRules)
    .innerJoin(wechatAccounts, eq(wechatAccounts.id, wechatRules.accountId))
    .where(
      and(
        eq(wechatAccounts.kind, "miniprogram"),
        ne(wechatRules.accountId, accountId),
        or(eq(wechatRules.prefix, prefix), eq(wechatRules.permitSubRule, 2)),
      ),
    );
  const holders = rows
    .filter((row) => row.prefix === prefix || matchTestLink(row.prefix, prefix).ok)
    .sort((a, b) => b.prefix.length - a.prefix.length);
  if (holders.length === 0) return { kind: "outside" };
  const visible = new Set((await visibleAccounts(context.db, context.operator)).map((account) => account.id));
  const named = holders.find((row) => visible.has(row.accountId));
  return named ? { kind: "ours", accountName: named.name, prefix: named.prefix } : { kind: "hidden" };
}

/** The 85072 failure, its meaning saying who holds the prefix instead of "WeChat does not say which". */
export function withOccupant(context: Pick<RequestContext, "t">, failure: ActionError, occupant: Occupant) {
  if (!failure.wechat) return failure;
  const meaning =
    occupant.kind === "ours"
      ? context.t("occupiedByOurs", { account: occupant.accountName, prefix: occupant.prefix })
      : context.t(occupant.kind === "hidden" ? "occupiedByHidden" : "occupiedOutside");
  const wechat = { ...failure.wechat, meaning };
  const onField = `${wechat.title}: ${wechat.meaning} ${wechat.action}`;
  return {
    ...failure,
    wechat,
    fieldErrors: { ...failure.fieldErrors, prefix: [onField] },
  } satisfies ActionError;
}
