import "server-only";

import { inArray } from "drizzle-orm";

import type { OverlapRule } from "@/lib/wechat/overlap";

import { visibleAccounts } from "../access/grants";
import type { CurrentOperator } from "../auth/session";
import type { Database } from "../db";
import { wechatRules } from "../db/schema";

/**
 * Every rule of every account the operator may see, as the mirror holds it, in the shape the scan
 * simulator and the overlap analysis take. A type-A rule opens its own Mini Program; a type-B rule
 * the linked one it names.
 */
export async function visibleScanRules(db: Database, operator: CurrentOperator): Promise<OverlapRule[]> {
  const accounts = await visibleAccounts(db, operator);
  if (accounts.length === 0) return [];
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const rows = await db
    .select()
    .from(wechatRules)
    .where(
      inArray(
        wechatRules.accountId,
        accounts.map((account) => account.id),
      ),
    );
  return rows.flatMap((row) => {
    const account = byId.get(row.accountId);
    if (!account) return [];
    const kind = account.kind === "miniprogram" ? "A" : "B";
    return [
      {
        accountId: account.id,
        accountName: account.name,
        kind,
        prefix: row.prefix,
        state: row.state === 2 ? 2 : 1,
        openAppid: kind === "A" ? account.appid : row.targetAppid,
        path: row.path,
        openVersion: kind === "A" ? openVersionOf(row.openVersion) : null,
        debugUrls: kind === "A" ? row.debugUrls : [],
        permitSubRule:
          kind === "A" && (row.permitSubRule === 1 || row.permitSubRule === 2) ? row.permitSubRule : null,
      } satisfies OverlapRule,
    ];
  });
}

function openVersionOf(value: number | null): 1 | 2 | 3 | null {
  return value === 1 || value === 2 || value === 3 ? value : null;
}
