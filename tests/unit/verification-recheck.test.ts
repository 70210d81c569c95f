import { describe, expect, it } from "vitest";

import type { PreflightProblem, PreflightReport } from "@/lib/verification/preflight-report";
import {
  type AccountVerificationView,
  type VerificationAccountState,
  type VerificationCheckView,
  problemsToShow,
  recheckAdvice,
  recheckChange,
  recheckVerdict,
  verificationNotice,
  verificationOverviewScope,
} from "@/lib/verification/recheck";
import { parseEnv } from "@/server/env";
import { recheckPolicyFromEnv } from "@/server/verification/recheck";

const NOW = new Date("2027-03-01T12:00:00Z");
const inDays = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString();

function report(problems: PreflightProblem[], certExpiresAt?: string): PreflightReport {
  return {
    ok: problems.every((problem) => ["cert_expiring", "slow", "http_not_https"].includes(problem.code)),
    url: "https://shop.example.com/p/Wx.txt",
    elapsedMs: 12,
    problems,
    ...(certExpiresAt ? { certExpiresAt } : {}),
  };
}

const verdict = (
  problems: PreflightProblem[],
  options: { cert?: string; fileKnown?: boolean; warnDays?: number } = {},
) =>
  recheckVerdict(report(problems, options.cert), {
    fileKnown: options.fileKnown ?? true,
    warnDays: options.warnDays ?? 21,
    now: NOW,
  });

describe("recheckVerdict", () => {
  it("passes a file served as it should be, with the certificate's end and the days left", () => {
    expect(verdict([], { cert: inDays(80.5) })).toEqual({
      outcome: "ok",
      problems: [],
      certNotAfter: inDays(80.5),
      daysLeft: 80,
    });
  });

  it("warns when the certificate ends within the configured window, not the preflight's own", () => {
    // The preflight warns under 30 days; the recheck's window is VERIFICATION_CERT_WARN_DAYS.
    const preflightWarning: PreflightProblem = { code: "cert_expiring", expiresAt: inDays(25), daysLeft: 25 };
    expect(verdict([preflightWarning], { cert: inDays(25), warnDays: 21 }).outcome).toBe("ok");
    expect(verdict([preflightWarning], { cert: inDays(25), warnDays: 21 }).problems).toEqual([]);
    const near = verdict([], { cert: inDays(20.2), warnDays: 21 });
    expect(near.outcome).toBe("warning");
    expect(near.problems).toEqual([{ code: "cert_expiring", expiresAt: inDays(20.2), daysLeft: 20 }]);
    expect(verdict([], { cert: inDays(40), warnDays: 60 }).outcome).toBe("warning");
  });

  it("fails an expired or untrusted certificate without also calling it expiring", () => {
    const expired = verdict([{ code: "tls_expired", expiresAt: inDays(-2) }], { cert: inDays(-2) });
    expect(expired.outcome).toBe("failed");
    expect(expired.daysLeft).toBe(-2);
    expect(expired.problems.map((problem) => problem.code)).toEqual(["tls_expired"]);
    const selfSigned = verdict([{ code: "tls_self_signed", reason: "DEPTH_ZERO_SELF_SIGNED_CERT" }], {
      cert: inDays(3),
    });
    expect(selfSigned.problems.map((problem) => problem.code)).toEqual(["tls_self_signed"]);
  });

  it("fails a file that is gone, altered or unreachable", () => {
    expect(verdict([{ code: "status", status: 404 }]).outcome).toBe("failed");
    expect(verdict([{ code: "body_whitespace", leading: "", trailing: "\n" }]).outcome).toBe("failed");
    expect(verdict([{ code: "connect", errorCode: "ECONNREFUSED" }]).outcome).toBe("failed");
    expect(verdict([{ code: "private_address", host: "10.0.0.1", addresses: ["10.0.0.1"] }]).outcome).toBe(
      "failed",
    );
  });

  it("keeps warnings WeChat accepts, without making the rule warn", () => {
    const plain = verdict([{ code: "http_not_https" }, { code: "slow", elapsedMs: 1400, limitMs: 1000 }]);
    expect(plain.outcome).toBe("ok");
    expect(plain.problems).toHaveLength(2);
    expect(problemsToShow(plain.problems)).toEqual([]);
  });

  it("judges only the server when the file is not known: its directory may well answer 404", () => {
    expect(verdict([{ code: "status", status: 404 }], { fileKnown: false }).outcome).toBe("ok");
    expect(verdict([{ code: "body_html", receivedBytes: 900 }], { fileKnown: false }).outcome).toBe("ok");
    expect(verdict([{ code: "status", status: 503 }], { fileKnown: false }).outcome).toBe("failed");
    expect(
      verdict([{ code: "dns", host: "a.example", errorCode: "ENOTFOUND" }], { fileKnown: false }).outcome,
    ).toBe("failed");
  });
});

describe("recheckChange", () => {
  it("is news when a rule turns warning or failed, or recovers; not when it stays or first passes", () => {
    expect(recheckChange(null, "ok")).toBeNull();
    expect(recheckChange("ok", "ok")).toBeNull();
    expect(recheckChange("failed", "failed")).toBeNull();
    expect(recheckChange("warning", "warning")).toBeNull();
    expect(recheckChange(null, "failed")).toBe("problem");
    expect(recheckChange(null, "warning")).toBe("problem");
    expect(recheckChange("ok", "failed")).toBe("problem");
    expect(recheckChange("warning", "failed")).toBe("problem");
    expect(recheckChange("failed", "warning")).toBe("problem");
    expect(recheckChange("failed", "ok")).toBe("recovered");
    expect(recheckChange("warning", "ok")).toBe("recovered");
  });
});

describe("recheckAdvice", () => {
  it("names the first thing to fix", () => {
    expect(recheckAdvice([{ code: "timeout", timeoutMs: 5000 }, { code: "http_not_https" }])).toBe(
      "reachServer",
    );
    expect(recheckAdvice([{ code: "status", status: 502 }])).toBe("reachServer");
    expect(
      recheckAdvice([
        { code: "tls_expired", expiresAt: inDays(-1) },
        { code: "status", status: 404 },
      ]),
    ).toBe("fixCertificate");
    expect(recheckAdvice([{ code: "status", status: 404 }])).toBe("restoreFile");
    expect(recheckAdvice([{ code: "cert_expiring", expiresAt: inDays(3), daysLeft: 3 }])).toBe(
      "renewCertificate",
    );
    expect(recheckAdvice([{ code: "slow", elapsedMs: 1200, limitMs: 1000 }])).toBeNull();
  });
});

describe("verificationNotice", () => {
  const failing: VerificationCheckView = {
    prefix: "https://shop.example.com/p/",
    fileUrl: "https://shop.example.com/p/Wx.txt",
    fileKnown: true,
    outcome: "failed",
    checkedAt: NOW.toISOString(),
    problems: [{ code: "status", status: 404 }],
    certNotAfter: null,
    daysLeft: null,
  };
  const view = (changes: Partial<AccountVerificationView>): AccountVerificationView => ({
    lastCheckedAt: NOW.toISOString(),
    checked: 3,
    published: 3,
    attention: [],
    ...changes,
  });

  it("warns when the last recheck found rules to act on", () => {
    expect(verificationNotice(view({ attention: [failing] }))).toBe("attention");
  });

  it("says the files passed when the last recheck found nothing to act on", () => {
    expect(verificationNotice(view({}))).toBe("passed");
    // A rule published since the last recheck waits for the next one; the others still passed.
    expect(verificationNotice(view({ published: 4 }))).toBe("passed");
  });

  it("says the files were not checked yet when published rules have no recheck", () => {
    expect(verificationNotice(view({ lastCheckedAt: null, checked: 0 }))).toBe("unchecked");
  });

  it("shows nothing for an account without published rules", () => {
    expect(verificationNotice(view({ lastCheckedAt: null, checked: 0, published: 0 }))).toBeNull();
    // Rechecked before its rules were unpublished: nothing left to check.
    expect(verificationNotice(view({ published: 0 }))).toBeNull();
  });
});

describe("verificationOverviewScope", () => {
  const state = (id: string, changes: Partial<VerificationAccountState> = {}): VerificationAccountState => ({
    id,
    name: `Shop ${id}`,
    appid: `wx${id.padStart(16, "0")}`,
    checked: 2,
    lastCheckedAt: inDays(-1),
    failed: 0,
    warning: 0,
    ...changes,
  });
  const overview = {
    accounts: [
      state("a", { failed: 1, lastCheckedAt: inDays(-2) }),
      state("b"),
      state("c", { checked: 0, lastCheckedAt: null }),
      state("d", { warning: 2, lastCheckedAt: inDays(-3) }),
    ],
  };

  it("covers every Mini Program when the overview is not filtered", () => {
    expect(verificationOverviewScope(overview, undefined)).toEqual({
      account: null,
      checkedAccounts: 3,
      lastCheckedAt: inDays(-1),
      attention: [overview.accounts[0], overview.accounts[3]],
    });
    expect(verificationOverviewScope({ accounts: [] }, undefined)).toEqual({
      account: null,
      checkedAccounts: 0,
      lastCheckedAt: null,
      attention: [],
    });
  });

  it("covers only the Mini Program the overview is filtered to", () => {
    expect(verificationOverviewScope(overview, "a")).toEqual({
      account: overview.accounts[0],
      checkedAccounts: 1,
      lastCheckedAt: inDays(-2),
      attention: [overview.accounts[0]],
    });
    expect(verificationOverviewScope(overview, "b")).toMatchObject({ attention: [], checkedAccounts: 1 });
    expect(verificationOverviewScope(overview, "c")).toMatchObject({
      lastCheckedAt: null,
      checkedAccounts: 0,
    });
  });

  it("has nothing to say of an account that is no Mini Program the operator may see", () => {
    expect(verificationOverviewScope(overview, "service-account")).toBeNull();
  });
});

describe("recheckPolicyFromEnv", () => {
  const valid = { AUTH_SECRET: "x".repeat(32), SECRETS_KEY: "ab".repeat(32) };

  it("takes the preflight's address policy and the warning window from the environment", () => {
    expect(recheckPolicyFromEnv(parseEnv(valid))).toEqual({ allowPrivate: false, certWarnDays: 21 });
    expect(
      recheckPolicyFromEnv(
        parseEnv({ ...valid, PREFLIGHT_ALLOW_PRIVATE: "true", VERIFICATION_CERT_WARN_DAYS: "45" }),
      ),
    ).toEqual({ allowPrivate: true, certWarnDays: 45 });
  });
});
