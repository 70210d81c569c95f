/**
 * The least time `calls` calls to one account can take under WeChat's limits: `perSecond` a second,
 * and `perMinute` in any minute (type B: 200). Call n starts no sooner than n/perSecond s, nor sooner
 * than a minute after call n − perMinute started; the last takes its 1/perSecond s. In milliseconds.
 */
export function callFloorMs(calls: number, perSecond: number, perMinute = Infinity): number {
  if (calls <= 0) return 0;
  const starts: number[] = [];
  for (let n = 0; n < calls; n++) {
    const bySecond = (n / perSecond) * 1000;
    const byMinute = n >= perMinute ? (starts[n - perMinute] ?? 0) + 60_000 : 0;
    starts.push(Math.max(bySecond, byMinute));
  }
  return (starts.at(-1) ?? 0) + 1000 / perSecond;
}

/** WeChat's limits per account kind (REFERENCE §1): 5 a second, and type B 200 a minute besides. */
export const ACCOUNT_CALL_LIMITS = {
  miniprogram: { perSecond: 5, perMinute: Infinity },
  officialaccount: { perSecond: 5, perMinute: 200 },
} as const;
