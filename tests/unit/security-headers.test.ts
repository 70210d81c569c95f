import { describe, expect, it } from "vitest";

import { createNonce, pageContentSecurityPolicy } from "@/server/security/headers";

describe("pageContentSecurityPolicy", () => {
  it("allows scripts by nonce only, and no eval outside development", () => {
    const policy = pageContentSecurityPolicy({ nonce: "abc123==", https: false });
    expect(policy).toContain("script-src 'self' 'nonce-abc123==' 'strict-dynamic';");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toContain("upgrade-insecure-requests");
    expect(policy).toContain("frame-ancestors 'none'");
    // A nonce beside 'unsafe-inline' would make browsers ignore 'unsafe-inline'.
    expect(policy).toContain("style-src 'self' 'unsafe-inline';");
  });

  it("adds 'unsafe-eval' in development only, and upgrade-insecure-requests over HTTPS only", () => {
    expect(pageContentSecurityPolicy({ nonce: "n", https: false, development: true })).toContain(
      "script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval';",
    );
    expect(pageContentSecurityPolicy({ nonce: "n", https: true }).split("; ")).toContain(
      "upgrade-insecure-requests",
    );
  });
});

describe("createNonce", () => {
  it("is 128 random bits in base64, new every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
