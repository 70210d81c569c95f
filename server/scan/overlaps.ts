import "server-only";

import { type Overlap, analyseOverlaps } from "@/lib/wechat/overlap";

import type { CurrentOperator } from "../auth/session";
import type { Database } from "../db";
import { visibleScanRules } from "./visible-rules";

/** The findings of one kind the page lists at most; the count says how many there are. */
const SHOWN_PER_KIND = 50;

export interface OverlapGroup {
  kind: Overlap["kind"];
  count: number;
  shown: Overlap[];
}

/** The overlap analysis over every rule the operator may see, grouped by kind, most harmful first. */
export async function overlapsFor(
  db: Database,
  operator: CurrentOperator,
): Promise<{ rules: number; groups: OverlapGroup[] }> {
  const rules = await visibleScanRules(db, operator);
  const groups: OverlapGroup[] = [];
  for (const overlap of analyseOverlaps(rules)) {
    const last = groups.at(-1);
    if (last?.kind === overlap.kind) {
      last.count += 1;
      if (last.shown.length < SHOWN_PER_KIND) last.shown.push(overlap);
    } else groups.push({ kind: overlap.kind, count: 1, shown: [overlap] });
  }
  return { rules: rules.length, groups };
}
