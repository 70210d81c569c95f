import "server-only";

import { inArray } from "drizzle-orm";

import {
  type Capability,
  type CapabilityStatus,
  type ProbeResult,
  classifyCapability,
} from "@/lib/accounts/capability";

import { newActionId } from "../activity/record";
import { type ActivityDraft, tracked } from "../activity/track";
import type { Database } from "../db";
import { accountCapabilities } from "../db/schema";
import type { RequestContext } from "../request-context";
import { WeChatCallError } from "../wechat";
import { openScope } from "./open-scope";

/** One probe: an answer, WeChat's errcode, or no answer. Anything but a WeChat failure is the product's and is thrown. */
async function probe(call: () => Promise<{ qrcodejump_open?: number } | unknown>): Promise<ProbeResult> {
  try {
    const answer = await call();
    const open = (answer as { qrcodejump_open?: unknown } | undefined)?.qrcodejump_open;
    return typeof open === "number" ? { ok: true, featureOpen: open === 1 } : { ok: true };
  } catch (error) {
    if (!(error instanceof WeChatCallError)) throw error;
    return { ok: false, errcode: error.detail.kind === "wechat" ? error.detail.errcode : null };
  }
}

/**
 * Asks WeChat whether the account can use QR-code jump rules: one `qrcodejumpget` (and one
 * `qrcodejumpdownload` for a Mini Program), nothing changed at WeChat. The verdict is kept for the
 * accounts table and the rules page, and the check leaves its activity entry.
 */
export function checkCapability(context: RequestContext, accountId: string): Promise<Capability> {
  const actionId = newActionId();
  const draft: ActivityDraft = { operation: "account.check" };
  return tracked(
    context,
    actionId,
    draft,
    async () => {
      const scope = await openScope(context, accountId, actionId, draft);
      let verdict: Pick<Capability, "status" | "errcode" | "missingSet">;
      if (scope.account.kind === "officialaccount") {
        const [first] = scope.linked;
        verdict = first
          ? classifyCapability("officialaccount", [
              await probe(() => scope.client.listTypeBPage(first, 1, 1)),
            ])
          : { status: "no-linked-mini-program", errcode: null, missingSet: null };
      } else {
        const get = await probe(() => scope.client.listTypeA());
        // The download only when the get went through: its failure would repeat the get's.
        const probes = get.ok ? [get, await probe(() => scope.client.downloadVerificationFile())] : [get];
        verdict = classifyCapability("miniprogram", probes);
      }
      return saveCapability(context.db, scope.account.id, verdict);
    },
    (capability) => ({
      status: capability.status,
      errcode: capability.errcode,
      missingSet: capability.missingSet,
    }),
  );
}

async function saveCapability(
  db: Database,
  accountId: string,
  verdict: Pick<Capability, "status" | "errcode" | "missingSet">,
): Promise<Capability> {
  const row = { accountId, ...verdict, checkedAt: new Date() };
  await db
    .insert(accountCapabilities)
    .values(row)
    .onConflictDoUpdate({ target: accountCapabilities.accountId, set: { ...row, accountId: undefined } });
  return { ...verdict, checkedAt: row.checkedAt.toISOString() };
}

/** A stored verdict as the pages show it; null for an account never checked. */
export function capabilityOf(row: typeof accountCapabilities.$inferSelect | undefined): Capability | null {
  if (!row) return null;
  return {
    status: row.status as CapabilityStatus,
    errcode: row.errcode,
    missingSet: row.missingSet === 3 || row.missingSet === 18 ? row.missingSet : null,
    checkedAt: row.checkedAt.toISOString(),
  };
}

/** The last verdict of each account, for those checked. */
export async function readCapabilities(db: Database, accountIds: string[]): Promise<Map<string, Capability>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(accountCapabilities)
    .where(inArray(accountCapabilities.accountId, accountIds));
  return new Map(
    rows.flatMap((row) => {
      const capability = capabilityOf(row);
      return capability ? [[row.accountId, capability] as const] : [];
    }),
  );
}

export async function readCapability(db: Database, accountId: string): Promise<Capability | null> {
  return (await readCapabilities(db, [accountId])).get(accountId) ?? null;
}
