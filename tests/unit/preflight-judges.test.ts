import { describe, expect, it } from "vitest";

import { isPreflightWarning } from "@/lib/verification/preflight-report";
import { ipLiteral, mayConnect } from "@/server/verification/guarded-lookup";
import { judgeBody, judgeFileName } from "@/server/verification/judge-body";
import { judgeTls } from "@/server/verification/judge-tls";

const CONTENT = "5b8e0f2d9c7a41e6b3f0a7c2d4e6f801";
const body = (text: string) => Buffer.from(text, "utf8");

describe("judgeBody", () => {
  it("accepts exactly the content and nothing else", () => {
    expect(judgeBody(body(CONTENT), CONTENT)).toEqual([]);
    expect(judgeBody(body(CONTENT.toUpperCase()), CONTENT)).toMatchObject([{ code: "body_mismatch" }]);
  });

  it("names the whitespace around the content", () => {
    expect(judgeBody(body(`  ${CONTENT}\r\n`), CONTENT)).toEqual([
      { code: "body_whitespace", leading: "  ", trailing: "\r\n" },
    ]);
  });

  it("reports a BOM together with whatever else is wrong after it", () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(judgeBody(Buffer.concat([bom, body(CONTENT)]), CONTENT)).toEqual([{ code: "body_bom" }]);
    expect(judgeBody(Buffer.concat([bom, body(`${CONTENT}\n`)]), CONTENT)).toEqual([
      { code: "body_bom" },
      { code: "body_whitespace", leading: "", trailing: "\n" },
    ]);
  });

  it("names invisible characters by code point", () => {
    expect(judgeBody(body(`${CONTENT.slice(0, 4)}\u200b${CONTENT.slice(4)}\u00ad`), CONTENT)).toEqual([
      { code: "body_hidden_characters", codePoints: ["U+200B", "U+00AD"] },
    ]);
  });

  it("recognises HTML by its start, or by its content type", () => {
    expect(judgeBody(body("<html><body>Loading…</body></html>"), CONTENT)).toMatchObject([
      { code: "body_html", title: undefined },
    ]);
    expect(judgeBody(body("\n<div id=root></div>"), CONTENT)).toMatchObject([{ code: "body_html" }]);
    expect(judgeBody(body("Please <b>log in</b>"), CONTENT, "text/html")).toMatchObject([
      { code: "body_html" },
    ]);
    expect(judgeBody(body("Please <b>log in</b>"), CONTENT, "text/plain")).toMatchObject([
      { code: "body_mismatch" },
    ]);
  });

  it("says where a different body starts to differ, and shows only its start", () => {
    const long = `${CONTENT.slice(0, 10)}${"x".repeat(500)}`;
    const [problem] = judgeBody(body(long), CONTENT);
    expect(problem).toEqual({
      code: "body_mismatch",
      received: long.slice(0, 120),
      receivedBytes: 510,
      expectedBytes: 32,
      differsAt: 10,
    });
    expect(judgeBody(Buffer.alloc(0), CONTENT)).toMatchObject([{ code: "body_mismatch", differsAt: 0 }]);
  });
});

describe("judgeFileName", () => {
  it("reports a name differing only in case, decoded", () => {
    expect(judgeFileName(new URL("https://a.example.com/x/wx8fk2pq7c.txt"), "Wx8fK2pQ7c.txt")).toEqual([
      { code: "file_name_case", expected: "Wx8fK2pQ7c.txt", actual: "wx8fk2pq7c.txt" },
    ]);
    expect(judgeFileName(new URL("https://a.example.com/x/Wx8fK2pQ7c.txt"), "Wx8fK2pQ7c.txt")).toEqual([]);
    expect(judgeFileName(new URL("https://a.example.com/%41.txt"), "A.txt")).toEqual([]);
    expect(judgeFileName(new URL("https://a.example.com/other.txt"), "A.txt")).toEqual([]);
  });
});

describe("judgeTls", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  const trusted = { protocol: "TLSv1.3", authorized: true, subject: "a.example.com", issuer: "R11" };

  it("accepts a trusted certificate far from its expiry", () => {
    expect(judgeTls({ ...trusted, validTo: "Dec  4 13:57:52 2026 GMT" }, "a.example.com", now)).toEqual([]);
  });

  it("warns within 30 days of expiry, with the date", () => {
    expect(judgeTls({ ...trusted, validTo: "Jun 20 00:00:00 2026 GMT" }, "a.example.com", now)).toEqual([
      { code: "cert_expiring", expiresAt: "2026-06-20T00:00:00.000Z", daysLeft: 19 },
    ]);
  });

  it.each([
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "tls_self_signed"],
    ["SELF_SIGNED_CERT_IN_CHAIN", "tls_self_signed"],
    ["CERT_HAS_EXPIRED", "tls_expired"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "tls_invalid"],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "tls_invalid"],
  ])("sorts %s as %s", (reason, code) => {
    const facts = {
      ...trusted,
      authorized: false,
      authorizationError: reason,
      validTo: "May  1 00:00:00 2026 GMT",
    };
    const problems = judgeTls(facts, "a.example.com", now);
    expect(problems.map((problem) => problem.code)).toEqual([code]);
    if (code === "tls_expired") expect(problems[0]).toEqual({ code, expiresAt: "2026-05-01T00:00:00.000Z" });
  });

  it("reports a protocol older than TLS 1.2 besides the certificate", () => {
    expect(judgeTls({ ...trusted, protocol: "TLSv1" }, "a.example.com", now)).toEqual([
      { code: "tls_old_protocol", protocol: "TLSv1" },
    ]);
    expect(judgeTls({ ...trusted, protocol: "TLSv1.2" }, "a.example.com", now)).toEqual([]);
  });
});

describe("the preflight's connection guard", () => {
  it("reads IP literals as URL hosts are written", () => {
    expect(ipLiteral("[::1]")).toBe("::1");
    expect(ipLiteral("127.0.0.1")).toBe("127.0.0.1");
    expect(ipLiteral("localhost")).toBeUndefined();
  });

  it("allows private addresses only when told, and never an invalid one", () => {
    expect(mayConnect("93.184.216.34", false)).toBe(true);
    expect(mayConnect("10.0.0.1", false)).toBe(false);
    expect(mayConnect("10.0.0.1", true)).toBe(true);
    expect(mayConnect("not-an-address", true)).toBe(false);
  });

  it("counts only expiring certificates, slow answers and http:// as warnings", () => {
    expect(isPreflightWarning({ code: "slow", elapsedMs: 1500, limitMs: 1000 })).toBe(true);
    expect(isPreflightWarning({ code: "http_not_https" })).toBe(true);
    expect(isPreflightWarning({ code: "body_bom" })).toBe(false);
  });
});
