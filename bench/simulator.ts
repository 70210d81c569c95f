/**
 * The scan simulator: 1,000 URLs against 10,000 rules must be answered in under 200 ms. Prints the
 * median and worst of the runs; exits non-zero when the median is above the floor.
 *
 *   npm run bench:simulator [-- --rules 10000 --urls 1000 --runs 20 --hosts 20]
 *
 * The rules are spread over `--hosts` hosts of two accounts (`--hosts 1` puts all of them on one
 * host, the worst case), in nested directories, with and without a trailing slash or a query, a
 * tenth unpublished, some with test links. The URLs hit rules, miss them, and hit test links.
 * Measured is building the index and answering every URL, as the server does per request.
 */
import { parseArgs } from "node:util";

import { type ScanRule, simulateScans } from "@/lib/wechat/scan";

const FLOOR_MS = 200;
const { values } = parseArgs({
  options: {
    rules: { type: "string", default: "10000" },
    urls: { type: "string", default: "1000" },
    runs: { type: "string", default: "20" },
    hosts: { type: "string", default: "20" },
  },
});
const ruleCount = Number(values.rules);
const urlCount = Number(values.urls);
const runs = Number(values.runs);
const hosts = Number(values.hosts);

// A small deterministic generator, so every run measures the same data.
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = (n: number) => Math.floor(random() * n);

const rules: ScanRule[] = Array.from({ length: ruleCount }, (_, n) => {
  const host = `shop${n % hosts}.example.com`;
  const depth = 1 + pick(3);
  const path = Array.from({ length: depth }, (_, level) => `d${level}-${pick(40)}`).join("/");
  const shape = n % 4;
  const prefix =
    shape === 0
      ? `https://${host}/${path}/${n}/`
      : shape === 1
        ? `https://${host}/${path}/${n}`
        : shape === 2
          ? `https://${host}/${path}/p${n}?id=${n}`
          : `https://${host}/${path}/${n}/`;
  return {
    accountId: n % 2 ? "a" : "b",
    accountName: n % 2 ? "Shop A" : "Shop B",
    kind: "A",
    prefix,
    state: n % 10 === 0 ? 1 : 2,
    openAppid: "wx1111111111111111",
    path: "pages/index/index",
    openVersion: (1 + (n % 3)) as 1 | 2 | 3,
    debugUrls: shape === 3 ? [`${prefix}t?x=1`] : [],
  };
});

const urls = Array.from({ length: urlCount }, (_, n) => {
  const rule = rules[pick(rules.length)] as ScanRule;
  if (n % 5 === 0) return `https://elsewhere${n}.example.org/x/${n}`;
  if (n % 7 === 0 && rule.debugUrls[0]) return rule.debugUrls[0];
  if (rule.prefix.endsWith("/")) return `${rule.prefix}item/${n}?from=poster`;
  return rule.prefix.includes("?") ? `${rule.prefix}&n=${n}` : `${rule.prefix}?n=${n}`;
});

const timings: number[] = [];
let opened = 0;
for (let run = 0; run < runs; run++) {
  const started = performance.now();
  const results = simulateScans(rules, urls, "tester", Date.now());
  timings.push(performance.now() - started);
  opened = results.filter((result) => result.outcome.opens).length;
}
timings.sort((a, b) => a - b);
const median = timings[Math.floor(timings.length / 2)] ?? 0;
const worst = timings.at(-1) ?? 0;
console.log(
  `simulator: ${urlCount} URLs against ${ruleCount} rules on ${hosts} host(s): median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms over ${runs} runs (${opened} open the Mini Program); floor ${FLOOR_MS} ms`,
);
if (median > FLOOR_MS) process.exit(1);
