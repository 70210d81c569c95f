/**
 * What the verification file's preflight found, as facts the UI turns into words (one code per kind
 * of problem, never a sentence). Shared by the server, which fetches the file, and the browser,
 * which shows the report.
 */

export type PreflightProblem =
  /** The URL cannot be parsed, or is neither http:// nor https://. */
  | { code: "invalid_url"; reason: "unparseable" | "scheme" }
  /** The host name does not resolve (`errorCode` as the resolver gave it: ENOTFOUND, EAI_AGAIN…). */
  | { code: "dns"; host: string; errorCode: string }
  /** Refused before connecting: the host is, or resolves to, an address that is not public. */
  | { code: "private_address"; host: string; addresses: string[] }
  /** The connection was refused, reset or unreachable. */
  | { code: "connect"; errorCode: string }
  /** No complete answer within the preflight's time limit. */
  | { code: "timeout"; timeoutMs: number }
  /** The TLS handshake itself failed (e.g. plain HTTP on the https port, no common protocol or cipher). */
  | { code: "tls_handshake"; errorCode: string }
  /** The certificate is self-signed, or chains to a certificate nobody trusts. */
  | { code: "tls_self_signed"; reason: string; subject?: string; issuer?: string }
  /** The certificate has expired. */
  | { code: "tls_expired"; expiresAt: string }
  /** Any other certificate error, a name that does not match the host included. */
  | { code: "tls_invalid"; reason: string; host: string; subject?: string; subjectAltNames?: string }
  /** The negotiated protocol is older than TLS 1.2, which WeChat refuses. */
  | { code: "tls_old_protocol"; protocol: string }
  /** Warning: the certificate is valid but expires soon. */
  | { code: "cert_expiring"; expiresAt: string; daysLeft: number }
  /** A redirect, which WeChat does not follow (neither does the preflight). */
  | { code: "redirect"; status: number; location?: string }
  /** Any answer but 200 and the redirects. */
  | { code: "status"; status: number }
  /** The body is larger than the preflight reads; reading stopped. */
  | { code: "too_large"; maxBytes: number; receivedBytes: number; contentLength?: number }
  /** The body starts with a UTF-8 byte order mark. */
  | { code: "body_bom" }
  /** The body equals the content once whitespace around it is removed. */
  | { code: "body_whitespace"; leading: string; trailing: string }
  /** The body equals the content once invisible characters (zero-width, control) are removed. */
  | { code: "body_hidden_characters"; codePoints: string[] }
  /** The body is an HTML page (a login page, a single-page app's fallback) instead of the file. */
  | { code: "body_html"; contentType?: string; title?: string; receivedBytes: number }
  /** The body is something else. `received` is its start, `differsAt` the first differing character. */
  | {
      code: "body_mismatch";
      received: string;
      receivedBytes: number;
      expectedBytes: number;
      differsAt: number;
    }
  /** The URL's file name differs from the file's name only by upper/lower case. */
  | { code: "file_name_case"; expected: string; actual: string }
  /** Warning: the answer came, but later than WeChat's limit of about one second. */
  | { code: "slow"; elapsedMs: number; limitMs: number }
  /** Warning: the URL is plain http://, which WeChat accepts but anyone on the path can alter. */
  | { code: "http_not_https" };

export type PreflightProblemCode = PreflightProblem["code"];

export interface PreflightReport {
  /** True when WeChat should accept the file: no problem other than warnings. */
  ok: boolean;
  /** The URL as given. */
  url: string;
  /** The address actually requested, as URL parsing normalized it (redirects are never followed). */
  finalUrl?: string;
  /** The HTTP status, when the server answered. */
  status?: number;
  elapsedMs: number;
  problems: PreflightProblem[];
  /** The certificate's end (ISO time), when an https:// server presented one, trusted or not. */
  certExpiresAt?: string;
}

/** Problems that do not stop WeChat from accepting the file. */
export const PREFLIGHT_WARNINGS: ReadonlySet<PreflightProblemCode> = new Set<PreflightProblemCode>([
  "cert_expiring",
  "slow",
  "http_not_https",
]);

export function isPreflightWarning(problem: PreflightProblem): boolean {
  return PREFLIGHT_WARNINGS.has(problem.code);
}
