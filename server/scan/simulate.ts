import "server-only";

import type { PrefixOverlapReport, SimulatedScan } from "@/lib/scan/contract";
import { prefixOverlaps } from "@/lib/wechat/overlap";
import { type ScanRole, type ScanRule, simulateScans } from "@/lib/wechat/scan";

import type { RequestContext } from "../request-context";
import { visibleScanRules } from "./visible-rules";

/** The losing rules a result names at most: the deciding one and its nearest rivals say enough. */
const OTHERS_SHOWN = 5;
/** The rules a prefix warning lists at most, each way. */
const OVERLAPS_SHOWN = 5;

/** The simulator's answer for each URL, against the mirror of every account the operator may see. */
export async function simulate(
  context: Pick<RequestContext, "db" | "operator">,
  urls: readonly string[],
  role: ScanRole,
): Promise<{ results: SimulatedScan[]; rulesConsidered: number }> {
  const rules = await visibleScanRules(context.db, context.operator);
  const results = simulateScans(rules, urls, role, Date.now()).map((result) => ({
    ...result,
    rule: result.rule && plain(result.rule),
    others: result.others.slice(0, OTHERS_SHOWN).map(plain),
    othersCount: result.others.length,
    outcome:
      !result.outcome.opens && result.outcome.broaderPublished
        ? { ...result.outcome, broaderPublished: plain(result.outcome.broaderPublished) }
        : result.outcome,
  }));
  return { results, rulesConsidered: rules.length };
}

/** The rules `prefix` would shadow or be shadowed by, among every rule the operator may see. */
export async function prefixOverlapsFor(
  context: Pick<RequestContext, "db" | "operator">,
  accountId: string,
  prefix: string,
  editing: string | undefined,
): Promise<PrefixOverlapReport> {
  const rules = await visibleScanRules(context.db, context.operator);
  const { shadows, shadowedBy } = prefixOverlaps(rules, prefix, { accountId, prefix: editing });
  return {
    shadows: shadows.slice(0, OVERLAPS_SHOWN).map(plain),
    shadowedBy: shadowedBy.slice(0, OVERLAPS_SHOWN).map(plain),
    shadowsCount: shadows.length,
    shadowedByCount: shadowedBy.length,
  };
}

/** A rule as the browser is given it: only what the simulator's view shows. */
function plain(rule: ScanRule): ScanRule {
  return {
    accountId: rule.accountId,
    accountName: rule.accountName,
    kind: rule.kind,
    prefix: rule.prefix,
    state: rule.state,
    openAppid: rule.openAppid,
    path: rule.path,
    openVersion: rule.openVersion,
    debugUrls: rule.debugUrls,
  };
}
