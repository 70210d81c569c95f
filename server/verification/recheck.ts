import "server-only";

import { and, eq, notInArray } from "drizzle-orm";

import {
  type AccountVerificationView,
  type RecheckOutcome,
  recheckVerdict,
} from "@/lib/verification/recheck";
import type { PreflightReport } from "@/lib/verification/preflight-report";
import { verificationFileUrl } from "@/lib/wechat/match";

import { visibleAccount } from "../access/grants";
import type { ActivityActor } from "../activity/record";
import { actor } from "../activity/track";
import type { Database } from "../db";
import { type WeChatAccount, verificationChecks, wechatAccounts, wechatRules } from "../db/schema";
import { type Env, env } from "../env";
import type { RequestContext } from "../request-context";
import { fail } from "../rules/open-scope";
import { storedVerificationFile } from "./hosted-files";
import { preflightVerificationFile } from "./preflight";
import { type RuleCheck, storeRecheck } from "./recheck-store";
import { accountVerificationView, publishedTypeARules } from "./recheck-view";

/**
 * The recheck of every published Mini Program rule's verification file: WeChat checked the file once, when
 * the rule was added, but a file deleted by a redeploy or a certificate left to expire breaks the next edit
 * of the rule (85069) and, for the certificate, every browser that opens its links. Each rule's file is
 * fetched again by the preflight, under the deployment's address policy and the preflight's time and size
 * caps, and the outcome is stored per rule (`verification_checks`).
 */

export interface RecheckPolicy {
  /** `PREFLIGHT_ALLOW_PRIVATE`: whether private, loopback and link-local addresses may be fetched. */
  allowPrivate: boolean;
  /** `VERIFICATION_CERT_WARN_DAYS`. */
  certWarnDays: number;
  /** Fetches in flight at once; rules whose file is at one address share one fetch. */
  concurrency?: number;
  /** The preflight's limits (its defaults when unset). */
  timeoutMs?: number;
  maxBytes?: number;
  /** Certificates trusted besides Node's roots (a private CA in front of every site; the tests' own). */
  trustedCertificates?: string[];
}

export const RECHECK_CONCURRENCY = 4;

/** The deployment's policy, from the environment. */
export function recheckPolicyFromEnv(
  source: Pick<Env, "PREFLIGHT_ALLOW_PRIVATE" | "VERIFICATION_CERT_WARN_DAYS"> = env,
): RecheckPolicy {
  return { allowPrivate: source.PREFLIGHT_ALLOW_PRIVATE, certWarnDays: source.VERIFICATION_CERT_WARN_DAYS };
}

export interface AccountRecheck {
  accountId: string;
  counts: Record<RecheckOutcome, number>;
  /** Activity entries written: rules that turned warning or failed, or recovered. */
  changes: number;
}

/** Runs `work` over `items`, at most `limit` at a time, keeping their order. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Rechecks one Mini Program's published rules; `asker` is the operator of "Recheck now", null for the schedule. */
export async function recheckAccount(
  db: Database,
  account: WeChatAccount,
  policy: RecheckPolicy,
  asker: ActivityActor | null,
  now: () => Date = () => new Date(),
): Promise<AccountRecheck> {
  const rules = await db
    .select({ prefix: wechatRules.prefix })
    .from(wechatRules)
    .where(publishedTypeARules(account));
  // One file per account, stored by every download from WeChat (hosted or not): without it, only the
  // server behind each prefix can be checked, at the directory the file would be in.
  const file = await storedVerificationFile(db, account.id);
  const targets = rules.map(({ prefix }) => ({
    prefix,
    url: verificationFileUrl(prefix, file?.fileName ?? "") ?? prefix,
  }));

  const urls = [...new Set(targets.map((target) => target.url))];
  const reports = await mapLimited(urls, policy.concurrency ?? RECHECK_CONCURRENCY, (url) =>
    preflightVerificationFile({
      url,
      expectedContent: file?.fileContent ?? "",
      expectedFileName: file?.fileName ?? "",
      allowPrivate: policy.allowPrivate,
      timeoutMs: policy.timeoutMs,
      maxBytes: policy.maxBytes,
      trustedCertificates: policy.trustedCertificates,
    }),
  );
  const reportOf = new Map<string, PreflightReport>(urls.map((url, index) => [url, reports[index]!]));

  const checkedAt = now();
  const checks: RuleCheck[] = targets.map((target) => ({
    prefix: target.prefix,
    fileUrl: target.url,
    fileKnown: file !== null,
    verdict: recheckVerdict(reportOf.get(target.url)!, {
      fileKnown: file !== null,
      warnDays: policy.certWarnDays,
      now: checkedAt,
    }),
  }));
  const changes = await storeRecheck(db, account, checks, asker, checkedAt);
  const counts: Record<RecheckOutcome, number> = { ok: 0, warning: 0, failed: 0 };
  for (const check of checks) counts[check.verdict.outcome] += 1;
  return { accountId: account.id, counts, changes };
}

/** The scheduled recheck: every enabled Mini Program, one after the other, made for no operator. */
export async function recheckAllAccounts(db: Database, policy: RecheckPolicy): Promise<AccountRecheck[]> {
  const accounts = await db
    .select()
    .from(wechatAccounts)
    .where(and(eq(wechatAccounts.kind, "miniprogram"), eq(wechatAccounts.disabled, false)));
  // Rows of accounts disabled (or turned Service Account) since would warn about what no one checks.
  const ids = accounts.map((account) => account.id);
  await db
    .delete(verificationChecks)
    .where(ids.length > 0 ? notInArray(verificationChecks.accountId, ids) : undefined);
  const done: AccountRecheck[] = [];
  for (const account of accounts) {
    try {
      done.push(await recheckAccount(db, account, policy, null));
    } catch (error) {
      console.error(
        `[verification] recheck of ${account.appid} failed:`,
        error instanceof Error ? error.message : error,
      );
    }
  }
  return done;
}

/** "Recheck now" on an account's rules page: its published rules, checked now, as the page shows them. */
export async function recheckVerificationNow(
  context: RequestContext,
  accountId: string,
  policy: RecheckPolicy = recheckPolicyFromEnv(),
): Promise<AccountVerificationView> {
  const account = await visibleAccount(context.db, context.operator, accountId);
  if (!account) fail({ code: "NOT_FOUND", message: context.t("accountNotFound") });
  if (account.kind !== "miniprogram")
    fail({ code: "CONFLICT", message: context.t("recheckMiniProgramOnly") });
  await recheckAccount(context.db, account, policy, actor(context));
  return accountVerificationView(context.db, account);
}
