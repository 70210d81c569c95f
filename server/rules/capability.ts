import "server-only";

import { eq, inArray } from "drizzle-orm";

import {
  type Capability,
  type CapabilityStatus,
  type ProbeResult,
  classifyCapability,
} from "@/lib/accounts/capability";

import { credentialsOf } from "../accounts";
import { newActionId } from "../activity/record";
import { type ActivityDraft, tracked, trackedInBackground } from "../activity/track";
import type { Database } from "../db";
import { type WeChatAccount, accountCapabilities, wechatAccounts } from "../db/schema";
import type { RequestContext } from "../request-context";
import type { SecretBox } from "../secret-box";
import { type AccountClient, type WeChatClient, WeChatCallError } from "../wechat";
import { accountViewOf } from "./account-view-of";
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

type Verdict = Pick<Capability, "status" | "errcode" | "missingSet">;

/** The probes of a check and their verdict: nothing is changed at WeChat. */
async function probeAccount(
  kind: WeChatAccount["kind"],
  linked: string[],
  client: AccountClient,
): Promise<Verdict> {
  if (kind === "officialaccount") {
    const [first] = linked;
    return first
      ? classifyCapability("officialaccount", [await probe(() => client.listTypeBPage(first, 1, 1))])
      : { status: "no-linked-mini-program", errcode: null, missingSet: null };
  }
  const get = await probe(() => client.listTypeA());
  // The download only when the get went through: its failure would repeat the get's.
  const probes = get.ok ? [get, await probe(() => client.downloadVerificationFile())] : [get];
  return classifyCapability("miniprogram", probes);
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
      const verdict = await probeAccount(scope.account.kind, scope.linked, scope.client);
      return saveCapability(context.db, scope.account.id, verdict);
    },
    (capability) => ({
      status: capability.status,
      errcode: capability.errcode,
      missingSet: capability.missingSet,
    }),
  );
}

/**
 * The same check for an account WeChat told about by itself (an authorization pushed to the event URL),
 * made by the server for no operator. It is skipped when the account was checked since `since` (the
 * admin's redirect back checked the same grant), and for an account that is not enabled. Its activity
 * entry is the server's own; a failure is recorded there and thrown.
 */
export async function checkCapabilityInBackground(
  deps: { db: Database; box: SecretBox; wechat: WeChatClient },
  accountId: string,
  since: Date,
): Promise<Capability | null> {
  const [account] = await deps.db.select().from(wechatAccounts).where(eq(wechatAccounts.id, accountId));
  if (!account || account.disabled) return null;
  const last = await readCapability(deps.db, accountId);
  if (last && new Date(last.checkedAt) >= since) return null;

  const draft = {
    operation: "account.check" as const,
    account: { id: account.id, appid: account.appid, name: account.name },
  };
  const actionId = newActionId();
  return trackedInBackground(
    deps.db,
    actionId,
    draft,
    async () => {
      const view = await accountViewOf(deps.db, account);
      const client = deps.wechat.forAccount(credentialsOf(account, deps.box), { actionId });
      const verdict = await probeAccount(
        account.kind,
        view.linkedMiniPrograms.map((program) => program.appid),
        client,
      );
      return { verdict, capability: await saveCapability(deps.db, account.id, verdict) };
    },
    ({ verdict }) => ({ ...verdict }),
  ).then(({ capability }) => capability);
}

async function saveCapability(db: Database, accountId: string, verdict: Verdict): Promise<Capability> {
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
