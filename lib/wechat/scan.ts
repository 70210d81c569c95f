/**
 * The scan simulator (REFERENCE §3): what happens when someone scans a URL, given every rule the
 * operator can see. Which rule decides and why, which build opens for whom, and what the Mini
 * Program page receives; or that the scan falls back to the web page, and the reason. Built on the
 * one matching function (`matchTestLink`); an index by scheme, host and path keeps it fast for
 * thousands of rules. Pure and browser-safe.
 */
import { ROLES_FOR_BUILD, type ScanBuild, type ScanRole } from "../scan/roles";
import { matchTestLink, split } from "./match";

export { ROLES_FOR_BUILD, SCAN_ROLES, type ScanBuild, type ScanRole } from "../scan/roles";

export interface ScanRule {
  accountId: string;
  accountName: string;
  kind: "A" | "B";
  prefix: string;
  /** 1 unpublished, 2 published. */
  state: 1 | 2;
  /** The Mini Program the scan opens (type A: the account itself; type B: the linked one). */
  openAppid: string;
  path: string;
  /** Type A: the build a test link opens (1 develop, 2 trial, 3 release). */
  openVersion: 1 | 2 | 3 | null;
  debugUrls: readonly string[];
}

export type FallbackReason =
  /** Not a URL WeChat could match at all. */
  | "invalidUrl"
  /** No rule covers the URL. */
  | "noRule"
  /** The most specific rule covering it is not published (a broader published one does not help). */
  | "unpublished"
  /** An exact test link of an unpublished rule, but the scanner's role may not open its build. */
  | "roleNotPermitted";

export type ScanOutcome =
  | {
      opens: true;
      build: ScanBuild;
      /** True when an exact test link (`debug_url`) chose the build. */
      viaTestLink: boolean;
      appid: string;
      path: string;
      /** What the page's `onLoad` query receives: the scanned URL encoded, and the scan time in seconds. */
      query: { q: string; scancode_time: number };
    }
  | {
      opens: false;
      reason: FallbackReason;
      /** For `unpublished`: a broader published rule that would have opened, were it the most specific. */
      broaderPublished: ScanRule | null;
      /** For `roleNotPermitted`: the build the test link opens, and who may open it. */
      testBuild: ScanBuild | null;
    };

export interface ScanResult {
  url: string;
  /** The rule that decides: the most specific that covers the URL. */
  rule: ScanRule | null;
  /** Every other rule that covers it, most specific first: they lose to `rule`. */
  others: ScanRule[];
  /** The URL is exactly one of the deciding rule's test links. */
  testLink: boolean;
  outcome: ScanOutcome;
}

const BUILD_OF = { 1: "develop", 2: "trial", 3: "release" } as const;

function keyOf(scheme: string, host: string, path: string): string {
  return `${scheme}://${host}${path || "/"}`;
}

/** Every directory a path lies under, deepest first (`/a/b/c` → `/a/b/`, `/a/`, `/`). */
function directoriesOf(path: string): string[] {
  const directories: string[] = [];
  for (let end = path.lastIndexOf("/"); end >= 0; end = path.lastIndexOf("/", end - 1)) {
    directories.push(path.slice(0, end + 1));
    if (end === 0) break;
  }
  return directories;
}

/** Rules indexed once, then asked about any number of URLs. */
export class ScanIndex {
  /** Rules by the scheme, host and path they name, exactly. */
  private readonly byPath = new Map<string, ScanRule[]>();

  constructor(rules: readonly ScanRule[]) {
    for (const rule of rules) {
      const parts = split(rule.prefix.trim());
      if (!parts) continue;
      const key = keyOf(parts.scheme, parts.host, parts.path);
      const bucket = this.byPath.get(key);
      if (bucket) bucket.push(rule);
      else this.byPath.set(key, [rule]);
    }
  }

  /** The rules that cover `url`, most specific (longest prefix) first. */
  covering(url: string): ScanRule[] | null {
    const parts = split(url.trim());
    if (!parts || parts.host === "") return null;
    const path = parts.path || "/";
    // A rule covers the URL only if it names the URL's own path, or (ending in "/") a directory above it.
    const keys = new Set([path, ...directoriesOf(path)]);
    const found: ScanRule[] = [];
    for (const candidatePath of keys) {
      for (const rule of this.byPath.get(keyOf(parts.scheme, parts.host, candidatePath)) ?? []) {
        if (matchTestLink(rule.prefix, url.trim()).ok) found.push(rule);
      }
    }
    return found.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** What scanning `url` does for `role`, at `now` (ms). */
  scan(url: string, role: ScanRole, now: number): ScanResult {
    const covering = this.covering(url);
    const fallback = (reason: FallbackReason, extra: Partial<Extract<ScanOutcome, { opens: false }>> = {}) =>
      ({ opens: false, reason, broaderPublished: null, testBuild: null, ...extra }) as const;
    if (covering === null)
      return { url, rule: null, others: [], testLink: false, outcome: fallback("invalidUrl") };
    const [rule, ...others] = covering;
    if (!rule) return { url, rule: null, others: [], testLink: false, outcome: fallback("noRule") };

    const scanned = url.trim();
    const opens = (build: ScanBuild, viaTestLink: boolean): ScanOutcome => ({
      opens: true,
      build,
      viaTestLink,
      appid: rule.openAppid,
      path: rule.path,
      query: { q: encodeURIComponent(scanned), scancode_time: Math.floor(now / 1000) },
    });
    const testLink = rule.kind === "A" && rule.debugUrls.includes(scanned);
    const result = (outcome: ScanOutcome): ScanResult => ({ url, rule, others, testLink, outcome });

    if (testLink && rule.openVersion !== null) {
      const build = BUILD_OF[rule.openVersion];
      if (ROLES_FOR_BUILD[build].includes(role)) return result(opens(build, true));
      // Anyone else scanning a test link is an ordinary scan: the release build once published.
      if (rule.state !== 2) return result(fallback("roleNotPermitted", { testBuild: build }));
    }
    if (rule.state === 2) return result(opens("release", false));
    return result(
      fallback("unpublished", { broaderPublished: others.find((other) => other.state === 2) ?? null }),
    );
  }
}

/** Scans each URL once against the rules (the simulator's batch). */
export function simulateScans(
  rules: readonly ScanRule[],
  urls: readonly string[],
  role: ScanRole,
  now: number,
): ScanResult[] {
  const index = new ScanIndex(rules);
  return urls.map((url) => index.scan(url, role, now));
}
