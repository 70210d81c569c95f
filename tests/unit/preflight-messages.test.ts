import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import { MESSAGES } from "@/lib/i18n/messages";
import { preflightMessage, preflightVerdict } from "@/lib/verification/preflight-messages";
import type {
  PreflightProblem,
  PreflightProblemCode,
  PreflightReport,
} from "@/lib/verification/preflight-report";

/** Every problem code, each variant of its facts (the type makes a new code fail here until it has one). */
const SAMPLES: { [C in PreflightProblemCode]: Array<Extract<PreflightProblem, { code: C }>> } = {
  invalid_url: [
    { code: "invalid_url", reason: "unparseable" },
    { code: "invalid_url", reason: "scheme" },
  ],
  dns: [{ code: "dns", host: "shop.example.com", errorCode: "ENOTFOUND" }],
  private_address: [
    { code: "private_address", host: "intra.example.com", addresses: ["10.0.0.5", "fd00::1"] },
  ],
  connect: [{ code: "connect", errorCode: "ECONNREFUSED" }],
  timeout: [{ code: "timeout", timeoutMs: 5000 }],
  tls_handshake: [{ code: "tls_handshake", errorCode: "ERR_SSL_WRONG_VERSION_NUMBER" }],
  tls_self_signed: [
    { code: "tls_self_signed", reason: "DEPTH_ZERO_SELF_SIGNED_CERT", issuer: "CN=shop" },
    { code: "tls_self_signed", reason: "SELF_SIGNED_CERT_IN_CHAIN" },
  ],
  tls_expired: [{ code: "tls_expired", expiresAt: "2024-01-31T00:00:00.000Z" }],
  tls_invalid: [
    { code: "tls_invalid", reason: "ERR_TLS_CERT_ALTNAME_INVALID", host: "a.example.com" },
    {
      code: "tls_invalid",
      reason: "ERR_TLS_CERT_ALTNAME_INVALID",
      host: "a.example.com",
      subjectAltNames: "DNS:b.example.com",
    },
  ],
  tls_old_protocol: [{ code: "tls_old_protocol", protocol: "TLSv1.1" }],
  cert_expiring: [{ code: "cert_expiring", expiresAt: "2030-01-31T00:00:00.000Z", daysLeft: 3 }],
  redirect: [
    { code: "redirect", status: 302 },
    { code: "redirect", status: 301, location: "https://shop.example.com/login" },
  ],
  status: [{ code: "status", status: 404 }],
  too_large: [{ code: "too_large", maxBytes: 65536, receivedBytes: 65537, contentLength: 102400 }],
  body_bom: [{ code: "body_bom" }],
  body_whitespace: [{ code: "body_whitespace", leading: "", trailing: "\n" }],
  body_hidden_characters: [{ code: "body_hidden_characters", codePoints: ["U+200B", "U+FEFF"] }],
  body_html: [
    { code: "body_html", receivedBytes: 900 },
    { code: "body_html", contentType: "text/html", title: "Sign in", receivedBytes: 900 },
  ],
  body_mismatch: [
    { code: "body_mismatch", received: "3f1c", receivedBytes: 4, expectedBytes: 32, differsAt: 0 },
  ],
  file_name_case: [{ code: "file_name_case", expected: "AbC.txt", actual: "abc.txt" }],
  slow: [{ code: "slow", elapsedMs: 1200, limitMs: 1000 }],
  http_not_https: [{ code: "http_not_https" }],
};

const all: PreflightProblem[] = Object.values(SAMPLES).flat();
const formatDate = (iso: string) => `date(${iso.slice(0, 10)})`;

function placeholders(message: string): string[] {
  // Top-level arguments only: `{count, plural, one {# x}}` names count, not what its branches hold.
  const names: string[] = [];
  let depth = 0;
  for (let index = 0; index < message.length; index++) {
    if (message[index] === "{") {
      if (depth === 0) names.push(/^\{(\w+)/.exec(message.slice(index))?.[1] ?? "");
      depth++;
    } else if (message[index] === "}") depth--;
  }
  return names.filter(Boolean).sort();
}

describe("preflight problem messages", () => {
  it.each(["en", "zh-CN"] as const)("give every problem a sentence with all its facts in %s", (locale) => {
    const catalog = MESSAGES[locale].verification.problems as Record<string, string>;
    const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "verification.problems" });
    for (const problem of all) {
      const { key, values } = preflightMessage(problem, formatDate);
      const template = catalog[key];
      expect(template, `${problem.code} → ${key}`).toBeTypeOf("string");
      expect(placeholders(template ?? ""), key).toEqual(Object.keys(values).sort());
      const text = t(key, values);
      for (const value of Object.values(values)) expect(text, key).toContain(String(value));
    }
  });

  it("uses every message it has", () => {
    const used = new Set(all.map((problem) => preflightMessage(problem, formatDate).key));
    expect([...used].sort()).toEqual(Object.keys(MESSAGES.en.verification.problems).sort());
  });

  it("shows the facts as the operator reads them", () => {
    expect(preflightMessage(SAMPLES.body_whitespace[0]!, formatDate).values).toEqual({
      leading: '""',
      trailing: '"\\n"',
    });
    expect(preflightMessage(SAMPLES.body_mismatch[0]!, formatDate).values).toMatchObject({ position: 1 });
    expect(preflightMessage(SAMPLES.tls_expired[0]!, formatDate).values).toEqual({
      expiresAt: "date(2024-01-31)",
    });
    expect(preflightMessage(SAMPLES.private_address[0]!, formatDate).values.addresses).toBe(
      "10.0.0.5, fd00::1",
    );
  });
});

describe("preflightVerdict", () => {
  const report = (ok: boolean, problems: PreflightProblem[]): PreflightReport => ({
    ok,
    url: "https://shop.example.com/AbC.txt",
    elapsedMs: 12,
    problems,
  });

  it("tells a clean pass, a pass with warnings and a refusal apart", () => {
    expect(preflightVerdict(report(true, []))).toBe("ok");
    expect(preflightVerdict(report(true, [{ code: "slow", elapsedMs: 1200, limitMs: 1000 }]))).toBe(
      "warnings",
    );
    expect(
      preflightVerdict(report(false, [{ code: "status", status: 404 }, { code: "http_not_https" }])),
    ).toBe("problems");
  });
});
