import type { OverlapRule } from "@/lib/wechat/overlap";

/** A published type-A rule of the account "Shop" for the simulator and overlap tests; `extra` overrides. */
export function scanRule(prefix: string, extra: Partial<OverlapRule> = {}): OverlapRule {
  return {
    accountId: "shop",
    accountName: "Shop",
    kind: "A",
    prefix,
    state: 2,
    openAppid: "wx1111111111111111",
    path: "pages/index/index",
    openVersion: 3,
    debugUrls: [],
    permitSubRule: 1,
    ...extra,
  };
}
