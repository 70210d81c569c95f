import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { createSecretBox, parseSecretsKey } from "@/server/secret-box";

describe("the secret box (AES-256-GCM)", () => {
  const box = createSecretBox(randomBytes(32));

  it("opens what it sealed, and seals the same value differently each time", () => {
    const sealed = box.seal("5f2c9e1a7b3d4c6e8f0a1b2c3d4e5f60");
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain("5f2c9e1a7b3d4c6e8f0a1b2c3d4e5f60");
    expect(box.seal("5f2c9e1a7b3d4c6e8f0a1b2c3d4e5f60")).not.toBe(sealed);
    expect(box.open(sealed)).toBe("5f2c9e1a7b3d4c6e8f0a1b2c3d4e5f60");
  });

  it("refuses a tampered value and a value sealed under another key", () => {
    const sealed = box.seal("secret");
    const parts = sealed.split(".");
    const tampered = [...parts.slice(0, 3), Buffer.from("SECRET").toString("base64url")].join(".");
    expect(() => box.open(tampered)).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow();
    expect(() => box.open("plain text")).toThrow(/Not a sealed value/);
  });

  it("reads a key as 64 hex characters or base64, and only of 32 bytes", () => {
    expect(parseSecretsKey("ab".repeat(32))?.length).toBe(32);
    expect(parseSecretsKey(randomBytes(32).toString("base64"))?.length).toBe(32);
    expect(parseSecretsKey("short")).toBeNull();
  });
});
