import "server-only";

import {
  isPreflightWarning,
  type PreflightProblem,
  type PreflightReport,
} from "@/lib/verification/preflight-report";
import { env } from "@/server/env";

import { ipLiteral, mayConnect } from "./guarded-lookup";
import { judgeBody, judgeFileName } from "./judge-body";
import { isoDate, judgeTls } from "./judge-tls";
import { probeUrl, type Probe } from "./probe";

/**
 * The verification file's preflight: fetch the file's URL as WeChat will when the rule is added, and
 * say exactly what would make WeChat refuse it (85069) before a rule, and an add, is spent on it.
 * Only public addresses are fetched unless `allowPrivate` says otherwise, because the URL is the
 * operator's input and the server must not become a way to reach its own network.
 */

export type { PreflightProblem, PreflightReport } from "@/lib/verification/preflight-report";

export interface PreflightInput {
  /** The file's URL, as `verificationFileUrl(prefix, fileName)` computes it. */
  url: string;
  /** The content `qrcodejumpdownload` gave, which the body must equal byte for byte. */
  expectedContent: string;
  /** The file name `qrcodejumpdownload` gave (the URL's last segment must match its case). */
  expectedFileName: string;
  /** Connect to private, loopback and link-local addresses too (tests, a sandbox on this machine). */
  allowPrivate?: boolean;
  /** The whole exchange's limit, connection to last byte. */
  timeoutMs?: number;
  /** The most of the body that is read; a verification file is a few dozen bytes. */
  maxBytes?: number;
  /** Certificates trusted besides Node's bundled roots. */
  trustedCertificates?: string[];
}

export const PREFLIGHT_TIMEOUT_MS = 5000;
export const PREFLIGHT_MAX_BYTES = 64 * 1024;
/** WeChat wants the answer "within about 1 second" (REFERENCE §4). */
export const SLOW_ANSWER_MS = 1000;

export async function preflightVerificationFile(input: PreflightInput): Promise<PreflightReport> {
  const started = performance.now();
  const report = (
    problems: PreflightProblem[],
    facts: { finalUrl?: string; status?: number; certExpiresAt?: string } = {},
  ) => ({
    ok: problems.every(isPreflightWarning),
    url: input.url,
    ...facts,
    elapsedMs: Math.round(performance.now() - started),
    problems,
  });

  let url: URL;
  try {
    url = new URL(input.url.trim());
  } catch {
    return report([{ code: "invalid_url", reason: "unparseable" }]);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return report([{ code: "invalid_url", reason: "scheme" }]);
  }

  const allowPrivate = input.allowPrivate ?? false;
  const finalUrl = url.href;
  const problems: PreflightProblem[] = [];
  // WeChat accepts http:// prefixes (REFERENCE §1: "any http/https URL"), so this only warns.
  if (url.protocol === "http:") problems.push({ code: "http_not_https" });
  problems.push(...judgeFileName(url, input.expectedFileName));

  // Node connects to an IP literal without a lookup, so the literal is checked here.
  const literal = ipLiteral(url.hostname);
  if (literal !== undefined && !mayConnect(literal, allowPrivate)) {
    problems.push({ code: "private_address", host: url.hostname, addresses: [literal] });
    return report(problems, { finalUrl });
  }

  const limits = {
    timeoutMs: input.timeoutMs ?? PREFLIGHT_TIMEOUT_MS,
    maxBytes: input.maxBytes ?? PREFLIGHT_MAX_BYTES,
  };
  const probe = await probeUrl(url, {
    allowPrivate,
    ...limits,
    trustedCertificates: input.trustedCertificates,
  });
  if (probe.tls) problems.push(...judgeTls(probe.tls, url.hostname, new Date()));
  const status = probe.outcome.kind === "answered" ? probe.outcome.status : undefined;
  problems.push(...judgeOutcome(probe, url.hostname, input.expectedContent, limits));
  const certExpiresAt = isoDate(probe.tls?.validTo);
  return report(problems, {
    finalUrl,
    ...(status === undefined ? {} : { status }),
    ...(certExpiresAt === undefined ? {} : { certExpiresAt }),
  });
}

function judgeOutcome(
  probe: Probe,
  host: string,
  expectedContent: string,
  limits: { timeoutMs: number; maxBytes: number },
): PreflightProblem[] {
  const { outcome } = probe;
  switch (outcome.kind) {
    case "refused":
      return [{ code: "private_address", host: outcome.host, addresses: outcome.addresses }];
    case "dns":
      return [{ code: "dns", host, errorCode: outcome.errorCode }];
    case "connect":
      return [{ code: "connect", errorCode: outcome.errorCode }];
    case "tls_handshake":
      return [{ code: "tls_handshake", errorCode: outcome.errorCode }];
    case "timeout":
      return [{ code: "timeout", timeoutMs: limits.timeoutMs }];
    case "answered": {
      const problems: PreflightProblem[] = [];
      const { status, headers } = outcome;
      if (status >= 300 && status < 400) {
        problems.push({ code: "redirect", status, location: headers.location });
      } else if (status !== 200) {
        problems.push({ code: "status", status });
      } else if (outcome.overflow) {
        problems.push({ code: "too_large", maxBytes: limits.maxBytes, ...outcome.overflow });
      } else {
        problems.push(...judgeBody(outcome.body, expectedContent, headers["content-type"]));
      }
      if (probe.elapsedMs > SLOW_ANSWER_MS) {
        problems.push({ code: "slow", elapsedMs: probe.elapsedMs, limitMs: SLOW_ANSWER_MS });
      }
      return problems;
    }
  }
}

/** The preflight with the deployment's address policy (`PREFLIGHT_ALLOW_PRIVATE`). */
export function preflightFromEnv(input: Omit<PreflightInput, "allowPrivate">): Promise<PreflightReport> {
  return preflightVerificationFile({ ...input, allowPrivate: env.PREFLIGHT_ALLOW_PRIVATE });
}
