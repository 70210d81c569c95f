/**
 * Warnings about a rule prefix WeChat accepts but an operator would likely not mean (issue: know
 * before you scan). None of them blocks a save; what WeChat refuses is `checkPrefix`'s business.
 * Pure and browser-safe.
 */
import { type RuleKind, isIpHost, split } from "./match";

export type PrefixLint =
  /** Characters outside ASCII, not percent-encoded: scanners send them encoded, so they never match. */
  | { kind: "nonAscii"; encoded: string }
  /** A port other than the scheme's default: WeChat compares it too, and few QR codes carry one. */
  | { kind: "port"; port: string }
  /** An IP address instead of a domain name: WeChat fetches the verification file by name. */
  | { kind: "ipHost" }
  /** Upper-case letters in the scheme or host: matching ignores them, but they read as a mistake. */
  | { kind: "upperCase"; lowered: string }
  /** Ends with "?": legal, and it matches the path with any query. */
  | { kind: "anyQuery" }
  /** A Service Account link under /r/ (a different kind of link); its QR codes are under /q/. */
  | { kind: "typeBUnderR"; suggested: string }
  /** hlht:// rules can only be set in WeChat's own console. */
  | { kind: "hlht" };

const DEFAULT_PORT: Record<string, string> = { http: "80", https: "443" };
const SCHEME_AND_HOST = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*)/;

/** The prefix with every non-ASCII character percent-encoded (UTF-8), the rest left as written. */
export function encodeNonAscii(prefix: string): string {
  return prefix.replace(/[^\u0000-\u007F]+/g, (run) => encodeURIComponent(run));
}

export function lintPrefix(prefix: string, kind: RuleKind): PrefixLint[] {
  const lints: PrefixLint[] = [];
  const text = prefix.trim();
  if (/^hlht:\/\//i.test(text)) return [{ kind: "hlht" }];
  if (kind === "B") {
    if (/^https?:\/\/weixin\.qq\.com\/r\//i.test(text))
      lints.push({ kind: "typeBUnderR", suggested: text.replace(/\/r\//i, "/q/") });
    return lints;
  }
  const parts = split(text);
  if (!parts) return lints;
  if (/[^\u0000-\u007F]/.test(text)) lints.push({ kind: "nonAscii", encoded: encodeNonAscii(text) });
  const written = SCHEME_AND_HOST.exec(text)?.[1] ?? "";
  if (written !== written.toLowerCase())
    lints.push({ kind: "upperCase", lowered: written.toLowerCase() + text.slice(written.length) });
  const port = /:(\d+)$/.exec(parts.host)?.[1];
  if (port && port !== DEFAULT_PORT[parts.scheme]) lints.push({ kind: "port", port });
  if (isIpHost(parts.host)) lints.push({ kind: "ipHost" });
  if (parts.query === "") lints.push({ kind: "anyQuery" });
  return lints;
}
