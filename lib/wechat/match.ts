/**
 * WeChat's QR-code jump matching (REFERENCE §3): which URLs a rule's prefix
 * covers, what makes a prefix acceptable, and where the verification file must
 * be served. One implementation, used by the forms as the operator types, by
 * the server actions, and by the WeChat API sandbox, so all three agree.
 * Pure and browser-safe.
 */

export type RuleKind = "A" | "B";

/** The only prefix a Service Account (type B) rule may have. */
export const TYPE_B_PREFIX = "http://weixin.qq.com/q/";

export type PrefixProblem =
  | "empty"
  | "whitespace"
  | "fullWidth"
  | "invalidUrl"
  | "scheme"
  | "host"
  | "fragment"
  | "typeB"
  | "tooLong";

/** Not an error: the operator should know about it. */
export type PrefixHint = "noTrailingSlash";

export interface PrefixCheck {
  problems: PrefixProblem[];
  hints: PrefixHint[];
}

export const MAX_PREFIX_LENGTH = 1024;

// Full-width ASCII variants, the ideographic space and CJK punctuation that
// an IME slips into URLs (：／？。、).
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000-\u303F]/;

interface SplitUrl {
  scheme: string;
  host: string;
  /** The path as written, without query or fragment; "" when there is none. */
  path: string;
  /** The query as written, without "?"; null when the URL has no "?". */
  query: string | null;
  hasFragment: boolean;
}

/**
 * Splits a URL as written. WeChat compares rules and links as strings, so
 * this keeps the path and query exactly as typed instead of normalising them.
 */
function split(url: string): SplitUrl | null {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(#.*)?$/.exec(url);
  if (!match) return null;
  const [, scheme = "", host = "", path = "", query, fragment] = match;
  return {
    scheme: scheme.toLowerCase(),
    host: host.toLowerCase(),
    path,
    query: query ?? (url.includes("?") ? "" : null),
    hasFragment: fragment !== undefined,
  };
}

function validHost(host: string): boolean {
  if (!host || host.includes("@")) return false;
  try {
    return new URL(`http://${host}/`).host === host;
  } catch {
    return false;
  }
}

/** Everything wrong with a rule prefix, and hints about what it will match. */
export function checkPrefix(prefix: string, kind: RuleKind): PrefixCheck {
  const problems: PrefixProblem[] = [];
  const hints: PrefixHint[] = [];
  if (prefix.length === 0) return { problems: ["empty"], hints };
  if (/\s/.test(prefix)) problems.push("whitespace");
  if (FULL_WIDTH.test(prefix)) problems.push("fullWidth");
  if (prefix.length > MAX_PREFIX_LENGTH) problems.push("tooLong");

  if (kind === "B") {
    if (!prefix.startsWith(TYPE_B_PREFIX) || prefix.length === TYPE_B_PREFIX.length) problems.push("typeB");
    return { problems, hints };
  }

  // Surrounding spaces are reported once, as whitespace, not again as a broken URL.
  const parts = split(prefix.trim());
  if (!parts) return { problems: [...problems, "invalidUrl"], hints };
  if (parts.scheme !== "http" && parts.scheme !== "https") problems.push("scheme");
  if (!validHost(parts.host)) problems.push("host");
  if (parts.hasFragment) problems.push("fragment");
  if (problems.length === 0 && parts.query === null && !parts.path.endsWith("/")) hints.push("noTrailingSlash");
  return { problems, hints };
}

export type LinkMismatch = "invalid" | "scheme" | "host" | "path" | "query";

export type LinkMatch = { ok: true } | { ok: false; reason: LinkMismatch };

/**
 * Whether scanning `link` is covered by the rule `prefix` (REFERENCE §3, 1–3):
 * same scheme and host; the same path, or a path under it when the rule's path
 * ends with "/"; and, when the rule has a query, a query that starts with it.
 */
export function matchTestLink(prefix: string, link: string): LinkMatch {
  const rule = split(prefix);
  const scanned = split(link);
  if (!rule || !scanned || /\s/.test(link)) return { ok: false, reason: "invalid" };
  if (rule.scheme !== scanned.scheme) return { ok: false, reason: "scheme" };
  if (rule.host !== scanned.host) return { ok: false, reason: "host" };

  // Sub-paths match only when the rule as written ends with "/"; "https://a.com" covers its root alone.
  const rulePath = rule.path || "/";
  const scannedPath = scanned.path || "/";
  const pathCovered = rule.path.endsWith("/") ? scannedPath.startsWith(rulePath) : scannedPath === rulePath;
  if (!pathCovered) return { ok: false, reason: "path" };

  if (rule.query !== null && !(scanned.query ?? "").startsWith(rule.query)) return { ok: false, reason: "query" };
  return { ok: true };
}

/** True when a rule with `prefix` covers every URL that `other` covers (used for occupied prefixes). */
export function prefixCovers(prefix: string, other: string): boolean {
  return matchTestLink(prefix, other).ok;
}

/**
 * Where the verification file must be served (REFERENCE §4): in the last
 * directory named by the prefix, or at the host root when there is none.
 */
export function verificationFileUrl(prefix: string, fileName: string): string | null {
  const parts = split(prefix);
  if (!parts) return null;
  const path = parts.path || "/";
  const directory = path.slice(0, path.lastIndexOf("/") + 1);
  return `${parts.scheme}://${parts.host}${directory}${fileName}`;
}
