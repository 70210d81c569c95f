import "server-only";

import { and, eq } from "drizzle-orm";

import type { DesiredRule } from "@/lib/changesets/contract";
import { desiredOf } from "@/lib/changesets/plan";

import { changeWithActivity } from "../activity/record";
import { actor } from "../activity/track";
import { changeSetItems, desiredRules, wechatAccounts } from "../db/schema";
import type { RequestContext } from "../request-context";
import { readAllRules } from "../rules/mirror";
import type { JobServices } from "./job-context";
import type { ChangeSetRow } from "./store";

/**
 * After a change set ends: the account's desired rules become what WeChat holds now as this
 * product left it (the rows that succeeded as planned, every other rule as mirrored), and the
 * job's own activity entry is written, its rows' entries under it.
 */
export async function recordFinish(
  services: JobServices,
  changeSet: ChangeSetRow,
  context: RequestContext | null,
): Promise<void> {
  const { db } = services;
  const [account] = await db.select().from(wechatAccounts).where(eq(wechatAccounts.id, changeSet.accountId));
  if (!account) return;
  const kind = account.kind === "miniprogram" ? "A" : "B";
  const items = await db
    .select()
    .from(changeSetItems)
    .where(and(eq(changeSetItems.changeSetId, changeSet.id)));
  const desired = new Map<string, DesiredRule>();
  for (const rule of await readAllRules(db, account.id))
    desired.set(`${rule.targetAppid}|${rule.prefix}`, desiredOf(rule, kind));
  for (const item of items) {
    if (item.state !== "done") continue;
    const key = `${item.targetAppid}|${item.prefix}`;
    if (item.action === "delete") desired.delete(key);
    else if (item.desired) desired.set(key, item.desired as DesiredRule);
  }
  const count = (state: string) => items.filter((item) => item.state === state).length;
  // The desired rules and the job's entry are stored together, or neither is.
  await changeWithActivity(
    db,
    changeSet.actionId,
    async (tx) => {
      await tx.delete(desiredRules).where(eq(desiredRules.accountId, account.id));
      const rows = [...desired].map(([key, rule]) => ({
        accountId: account.id,
        targetAppid: key.slice(0, key.indexOf("|")),
        prefix: rule.prefix,
        rule,
        changeSetId: changeSet.id,
      }));
      for (let start = 0; start < rows.length; start += 1_000)
        await tx.insert(desiredRules).values(rows.slice(start, start + 1_000));
    },
    () => ({
      operation: "changes.finish",
      operator: context ? actor(context) : null,
      account: { id: account.id, appid: account.appid, name: account.name },
      outcome: count("failed") > 0 || changeSet.status === "failed" ? "failure" : "success",
      batchId: changeSet.actionId,
      request: { changeSetId: changeSet.id, kind: changeSet.kind },
      result: {
        status: changeSet.status,
        done: count("done"),
        failed: count("failed"),
        cancelled: count("cancelled"),
      },
      summary: {
        key: `changesFinished_${changeSet.status}`,
        values: { done: count("done"), failed: count("failed") },
      },
    }),
  );
}
