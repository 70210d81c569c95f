import type { ScanResult, ScanRule } from "@/lib/wechat/scan";

/** One URL's answer, as the simulator's action gives it to the browser. */
export interface SimulatedScan extends ScanResult {
  /** How many rules cover the URL besides the deciding one (`others` lists the nearest few). */
  othersCount: number;
}

/** What a new or edited prefix would do among the rules the operator may see. */
export interface PrefixOverlapReport {
  /** Broader rules this prefix would take scans from. */
  shadows: ScanRule[];
  /** More specific rules that would take scans from this prefix. */
  shadowedBy: ScanRule[];
  shadowsCount: number;
  shadowedByCount: number;
}
