import "server-only";

import type { PreflightProblem } from "@/lib/verification/preflight-report";

import type { TlsFacts } from "./probe";

/**
 * What WeChat would make of a TLS session: it wants a certificate that a public client trusts, for
 * this host, not expired, over TLS 1.2 or newer (REFERENCE §4). A certificate close to its end is
 * still accepted, so it is reported as a warning.
 */

const OLD_PROTOCOLS = new Set(["SSLv2", "SSLv3", "TLSv1", "TLSv1.1"]);
const SELF_SIGNED = new Set(["DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN"]);
const DAY_MS = 24 * 60 * 60 * 1000;
/** How close to its expiry a valid certificate is reported (`cert_expiring`). */
export const CERT_EXPIRY_WARNING_DAYS = 30;

export function judgeTls(tls: TlsFacts, host: string, now: Date): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  if (tls.protocol && OLD_PROTOCOLS.has(tls.protocol)) {
    problems.push({ code: "tls_old_protocol", protocol: tls.protocol });
  }
  const expiresAt = isoDate(tls.validTo);
  if (!tls.authorized) {
    const reason = tls.authorizationError ?? "UNKNOWN";
    if (SELF_SIGNED.has(reason)) {
      problems.push({ code: "tls_self_signed", reason, subject: tls.subject, issuer: tls.issuer });
    } else if (reason === "CERT_HAS_EXPIRED") {
      problems.push({ code: "tls_expired", expiresAt: expiresAt ?? tls.validTo ?? "" });
    } else {
      problems.push({
        code: "tls_invalid",
        reason,
        host,
        subject: tls.subject,
        subjectAltNames: tls.subjectAltNames,
      });
    }
  } else if (expiresAt) {
    const daysLeft = Math.floor((Date.parse(expiresAt) - now.getTime()) / DAY_MS);
    if (daysLeft < CERT_EXPIRY_WARNING_DAYS) problems.push({ code: "cert_expiring", expiresAt, daysLeft });
  }
  return problems;
}

/** A certificate's date as OpenSSL prints it ("Dec  4 13:57:52 2026 GMT"), as an ISO time. */
export function isoDate(opensslDate: string | undefined): string | undefined {
  if (!opensslDate) return undefined;
  const time = Date.parse(opensslDate);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
