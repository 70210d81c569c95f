/**
 * The words for a preflight report: each problem code becomes a message key under
 * `verification.problems` and the facts it fills in, so the report reads as sentences in the
 * operator's language while the server only ever sends codes and facts.
 */
import { type PreflightProblem, type PreflightReport, isPreflightWarning } from "./preflight-report";

export type PreflightMessageKey =
  | "invalidUrlUnparseable"
  | "invalidUrlScheme"
  | "dns"
  | "privateAddress"
  | "connect"
  | "timeout"
  | "tlsHandshake"
  | "tlsSelfSigned"
  | "tlsExpired"
  | "tlsInvalid"
  | "tlsInvalidNames"
  | "tlsOldProtocol"
  | "certExpiring"
  | "redirect"
  | "redirectTo"
  | "status"
  | "tooLarge"
  | "bodyBom"
  | "bodyWhitespace"
  | "bodyHiddenCharacters"
  | "bodyHtml"
  | "bodyHtmlTitled"
  | "bodyMismatch"
  | "fileNameCase"
  | "slow"
  | "httpNotHttps";

export interface PreflightMessage {
  key: PreflightMessageKey;
  values: Record<string, string | number>;
}

/** How a fact that is a date is shown (the operator's locale and time zone). */
export type DateFormatter = (iso: string) => string;

/** Whitespace and other invisible text made visible: `"\n"` reads as `"\n"`, not as nothing. */
function visible(text: string): string {
  return JSON.stringify(text);
}

function dateOf(iso: string, formatDate: DateFormatter): string {
  return Number.isNaN(Date.parse(iso)) ? iso : formatDate(iso);
}

/** The message for one problem: its key and every value its sentence names. */
export function preflightMessage(problem: PreflightProblem, formatDate: DateFormatter): PreflightMessage {
  switch (problem.code) {
    case "invalid_url":
      return { key: problem.reason === "scheme" ? "invalidUrlScheme" : "invalidUrlUnparseable", values: {} };
    case "dns":
      return { key: "dns", values: { host: problem.host, errorCode: problem.errorCode } };
    case "private_address":
      return {
        key: "privateAddress",
        values: { host: problem.host, addresses: problem.addresses.join(", ") },
      };
    case "connect":
      return { key: "connect", values: { errorCode: problem.errorCode } };
    case "timeout":
      return { key: "timeout", values: { timeoutMs: problem.timeoutMs } };
    case "tls_handshake":
      return { key: "tlsHandshake", values: { errorCode: problem.errorCode } };
    case "tls_self_signed":
      return { key: "tlsSelfSigned", values: { reason: problem.reason, issuer: problem.issuer ?? "—" } };
    case "tls_expired":
      return { key: "tlsExpired", values: { expiresAt: dateOf(problem.expiresAt, formatDate) } };
    case "tls_invalid":
      return problem.subjectAltNames
        ? {
            key: "tlsInvalidNames",
            values: { host: problem.host, reason: problem.reason, names: problem.subjectAltNames },
          }
        : { key: "tlsInvalid", values: { host: problem.host, reason: problem.reason } };
    case "tls_old_protocol":
      return { key: "tlsOldProtocol", values: { protocol: problem.protocol } };
    case "cert_expiring":
      return {
        key: "certExpiring",
        values: { expiresAt: dateOf(problem.expiresAt, formatDate), daysLeft: problem.daysLeft },
      };
    case "redirect":
      return problem.location
        ? { key: "redirectTo", values: { status: problem.status, location: problem.location } }
        : { key: "redirect", values: { status: problem.status } };
    case "status":
      return { key: "status", values: { status: problem.status } };
    case "too_large":
      return {
        key: "tooLarge",
        values: { maxBytes: problem.maxBytes, receivedBytes: problem.receivedBytes },
      };
    case "body_bom":
      return { key: "bodyBom", values: {} };
    case "body_whitespace":
      return {
        key: "bodyWhitespace",
        values: { leading: visible(problem.leading), trailing: visible(problem.trailing) },
      };
    case "body_hidden_characters":
      return { key: "bodyHiddenCharacters", values: { codePoints: problem.codePoints.join(", ") } };
    case "body_html":
      return problem.title
        ? { key: "bodyHtmlTitled", values: { title: problem.title, receivedBytes: problem.receivedBytes } }
        : { key: "bodyHtml", values: { receivedBytes: problem.receivedBytes } };
    case "body_mismatch":
      return {
        key: "bodyMismatch",
        values: {
          received: visible(problem.received),
          receivedBytes: problem.receivedBytes,
          expectedBytes: problem.expectedBytes,
          position: problem.differsAt + 1,
        },
      };
    case "file_name_case":
      return { key: "fileNameCase", values: { expected: problem.expected, actual: problem.actual } };
    case "slow":
      return { key: "slow", values: { elapsedMs: problem.elapsedMs, limitMs: problem.limitMs } };
    case "http_not_https":
      return { key: "httpNotHttps", values: {} };
  }
}

/** The report at a glance: accepted as it is, accepted with warnings, or refused. */
export type PreflightVerdict = "ok" | "warnings" | "problems";

export function preflightVerdict(report: PreflightReport): PreflightVerdict {
  if (!report.ok) return "problems";
  return report.problems.some(isPreflightWarning) ? "warnings" : "ok";
}
