import "server-only";

import { inArray } from "drizzle-orm";

import type { AccountView } from "@/lib/rules/contract";

import type { Database } from "../db";
import { type WeChatAccount, wechatAccountLinks, wechatAccounts } from "../db/schema";

// Apart from account-views.ts, which reads the session: operations and benches need only these.
/** The accounts as the picker and the rules page show them, with their linked Mini Programs named. */
export async function toViews(db: Database, accounts: WeChatAccount[]): Promise<AccountView[]> {
  if (accounts.length === 0) return [];
  const links = await db
    .select()
    .from(wechatAccountLinks)
    .where(
      inArray(
        wechatAccountLinks.accountId,
        accounts.map((account) => account.id),
      ),
    );
  const linkedAppids = [...new Set(links.map((link) => link.miniProgramAppid))];
  const named =
    linkedAppids.length > 0
      ? await db
          .select({ appid: wechatAccounts.appid, name: wechatAccounts.name })
          .from(wechatAccounts)
          .where(inArray(wechatAccounts.appid, linkedAppids))
      : [];
  const nameOf = new Map(named.map((account) => [account.appid, account.name]));
  return accounts.map((account) => ({
    id: account.id,
    appid: account.appid,
    kind: account.kind,
    name: account.name,
    linkedMiniPrograms: links
      .filter((link) => link.accountId === account.id)
      .map((link) => ({ appid: link.miniProgramAppid, name: nameOf.get(link.miniProgramAppid) ?? null }))
      .sort((a, b) => a.appid.localeCompare(b.appid)),
  }));
}

export async function accountViewOf(db: Database, account: WeChatAccount): Promise<AccountView> {
  const [view] = await toViews(db, [account]);
  if (!view) throw new Error("no view of the account");
  return view;
}
