/**
 * WeChat's QR-code jump matching (REFERENCE §3 and §4): what makes a rule
 * prefix acceptable, which scanned URLs a prefix covers, which rule wins a
 * scan, and where the verification file must be served. The one
 * implementation used by the forms as the operator types, by the server
 * actions, and by the WeChat API sandbox (85066, 85068, 85072), so all three
 * agree. Pure and browser-safe: no Node imports.
 *
 * Only http and https prefixes are accepted. Older WeChat docs also allowed
 * ftp (and some mention `hlht`), current ones do not; refusing them costs an
 * operator nothing real, while accepting them here could let a rule through
 * that WeChat then refuses.
 */

export type RuleKind = "A" | "B";

/** Every Service Account (type B) rule starts with this: a parametric QR code URL. */
export const TYPE_B_PREFIX = "http://weixin.qq.com/q/";

/** WeChat documents no limit; this one keeps absurd input out of forms and the sandbox. */
export const MAX_PREFIX_LENGTH = 1024;

/** At most this many `debug_url` test links per type-A rule. */
export const MAX_TEST_LINKS = 5;

export type PrefixProblem =
  /** Nothing was entered. */
  | "empty"
  /** Longer than MAX_PREFIX_LENGTH. */
  | "tooLong"
  /** A space, tab or line break anywhere, including around the URL. */
  | "whitespace"
  /** Full-width ASCII or CJK punctuation (：／？。) that an input method slipped in. */
  | "fullWidth"
  /** Not `scheme://host…` at all, or contains control characters. */
  | "invalidUrl"
  /** A scheme other than http or https. */
  | "scheme"
  /** Nothing between `://` and the path. */
  | "missingHost"
  /** A host that is not a domain name or IP address (with an optional port), or has user info. */
  | "invalidHost"
  /** A `#fragment`: browsers never send it, so WeChat could not fetch the verification file. */
  | "fragment"
  /** Type B: does not start with http://weixin.qq.com/q/ followed by a code. */
  | "typeBPrefix";

/** Not an error, but the operator should know. */
export type PrefixHint =
  /** No trailing "/" (and no query): the rule covers its own path only, not sub-paths. */
  "noTrailingSlash";

export interface PrefixCheck {
  /** True when there are no problems (hints do not block). */
  ok: boolean;
  problems: PrefixProblem[];
  hints: PrefixHint[];
}

// Full-width ASCII variants (！ to ～), CJK symbols and punctuation (、。「」：),
// full-width currency and signs (￥ ￡).
const FULL_WIDTH = /[\uFF01-\uFF5E\u3001-\u303F\uFFE0-\uFFE6]/;
// Control characters other than whitespace, which is reported as such.
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F]/;
const WHITESPACE = /\s/;
const URL_SHAPE = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(#.*)?$/;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;

export interface SplitUrl {
  /** Lower-cased. */
  scheme: string;
  /** Lower-cased host, with the port if one was written. */
  host: string;
  /** The path exactly as written, without query or fragment; "" when there is none. */
  path: string;
  /** The query exactly as written, without "?"; null when the URL has no "?". */
  query: string | null;
  hasFragment: boolean;
}

/**
 * Splits a URL as written. WeChat compares rules and links as strings, so the
 * path and query are kept exactly as typed instead of being normalised the way
 * `new URL` would (percent-encoding, dot segments, default ports).
 */
export function split(url: string): SplitUrl | null {
  const match = URL_SHAPE.exec(url);
  if (!match) return null;
  const [, scheme = "", host = "", path = "", query, fragment] = match;
  return {
    scheme: scheme.toLowerCase(),
    host: host.toLowerCase(),
    path,
    query: query ?? null,
    hasFragment: fragment !== undefined,
  };
}

/** Whether a host as `split` gives it (with an optional port) is an IP address rather than a name. */
export function isIpHost(host: string): boolean {
  const name = host.replace(/:\d{1,5}$/, "");
  return IPV4.test(name) || IPV6.test(name);
}

function validHost(host: string): boolean {
  if (host.includes("@")) return false;
  const portMatch = /:(\d{1,5})$/.exec(host);
  if (portMatch && Number(portMatch[1]) > 65_535) return false;
  const name = portMatch ? host.slice(0, portMatch.index) : host;
  if (IPV4.test(name) || IPV6.test(name)) return true;
  if (name.length === 0 || name.length > 253) return false;
  return name.split(".").every((label) => DNS_LABEL.test(label));
}

/** Everything wrong with a rule prefix, and hints about what it will match. */
export function checkPrefix(prefix: string, kind: RuleKind): PrefixCheck {
  const problems: PrefixProblem[] = [];
  const hints: PrefixHint[] = [];
  const result = (): PrefixCheck => ({ ok: problems.length === 0, problems, hints });

  if (prefix.length === 0) {
    problems.push("empty");
    return result();
  }
  if (prefix.length > MAX_PREFIX_LENGTH) problems.push("tooLong");
  if (WHITESPACE.test(prefix)) problems.push("whitespace");
  if (FULL_WIDTH.test(prefix)) problems.push("fullWidth");

  if (kind === "B") {
    if (!prefix.startsWith(TYPE_B_PREFIX) || prefix.length === TYPE_B_PREFIX.length)
      problems.push("typeBPrefix");
    else if (CONTROL.test(prefix)) problems.push("invalidUrl");
    return result();
  }

  // Surrounding spaces are reported once, as whitespace, not again as a broken URL.
  const parts = CONTROL.test(prefix) ? null : split(prefix.trim());
  if (!parts) {
    problems.push("invalidUrl");
    return result();
  }
  if (parts.scheme !== "http" && parts.scheme !== "https") problems.push("scheme");
  if (parts.host === "") problems.push("missingHost");
  else if (!validHost(parts.host)) problems.push("invalidHost");
  if (parts.hasFragment) problems.push("fragment");
  if (problems.length === 0 && parts.query === null && !parts.path.endsWith("/"))
    hints.push("noTrailingSlash");
  return result();
}

export type LinkMismatch = "invalid" | "scheme" | "host" | "path" | "query";

export type LinkMatch = { ok: true } | { ok: false; reason: LinkMismatch };

/**
 * Whether scanning `link` is covered by the rule `prefix` (REFERENCE §3, 1–3):
 * - same scheme and host (host compared case-insensitively, port included);
 * - the same path, or, only when the prefix as written ends with "/", a path
 *   under it (`https://a.com/x` covers neither `/x/1` nor `/xy`);
 * - when the prefix has a query, a query that starts with it (string prefix);
 *   a prefix without a query covers its own path with any query.
 * Paths and queries are compared as written (case-sensitive, no decoding).
 * A link's `#fragment` plays no part.
 */
export function matchTestLink(prefix: string, link: string): LinkMatch {
  const rule = split(prefix);
  const scanned = WHITESPACE.test(link) || CONTROL.test(link) ? null : split(link);
  if (!rule || !scanned) return { ok: false, reason: "invalid" };
  if (rule.scheme !== scanned.scheme) return { ok: false, reason: "scheme" };
  if (rule.host !== scanned.host) return { ok: false, reason: "host" };

  // `https://a.com` and `https://a.com/` name the same root path.
  const rulePath = rule.path || "/";
  const scannedPath = scanned.path || "/";
  const coversSubPaths = rule.query === null && !rule.hasFragment && rule.path.endsWith("/");
  const pathCovered = coversSubPaths ? scannedPath.startsWith(rulePath) : scannedPath === rulePath;
  if (!pathCovered) return { ok: false, reason: "path" };

  if (rule.query !== null && !(scanned.query ?? "").startsWith(rule.query))
    return { ok: false, reason: "query" };
  return { ok: true };
}

/** Whether a rule with `prefix` covers the URL `other` (also used for prefixes occupied by another account: 85072). */
export function prefixCovers(prefix: string, other: string): boolean {
  return matchTestLink(prefix, other).ok;
}

/**
 * The rule a scan of `link` lands on (REFERENCE §3.4): of the rules that cover
 * it, the most specific, i.e. the longest prefix. `opens` is false when that
 * rule is unpublished (state 1): ordinary users are then not sent to the Mini
 * Program, even when a broader published rule also matches.
 */
export function resolveScan<R extends { prefix: string; state?: number }>(
  rules: readonly R[],
  link: string,
): { rule: R; opens: boolean } | null {
  let best: R | null = null;
  for (const rule of rules) {
    if (matchTestLink(rule.prefix, link).ok && (!best || rule.prefix.length > best.prefix.length))
      best = rule;
  }
  return best ? { rule: best, opens: best.state === 2 } : null;
}

/**
 * Where WeChat fetches the verification file (REFERENCE §4): in the last
 * directory the prefix names, or at the host root when it names none.
 * `https://a.com/x/y/` → `https://a.com/x/y/<file>`; `https://a.com/x/y` and
 * `https://a.com/x/y?id=1` → `https://a.com/x/<file>`; `https://a.com` →
 * `https://a.com/<file>`. Null when the prefix is not a URL.
 */
export function verificationFileUrl(prefix: string, fileName: string): string | null {
  const parts = split(prefix.trim());
  if (!parts || parts.host === "") return null;
  const path = parts.path || "/";
  const directory = path.slice(0, path.lastIndexOf("/") + 1);
  return `${parts.scheme}://${parts.host}${directory}${fileName}`;
}
