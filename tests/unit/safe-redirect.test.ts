import { describe, expect, it } from "vitest";

import { safeCallbackPath } from "@/lib/safe-redirect";

describe("safeCallbackPath", () => {
  it.each([
    [undefined, "/rules"],
    ["/activity?account=wx1#top", "/activity?account=wx1#top"],
    ["http://localhost:3000/settings", "/settings"],
    ["https://evil.example/steal", "/steal"],
    ["//evil.example/steal", "/steal"],
    ["/login?callbackUrl=/x", "/rules"],
    ["javascript:alert(1)", "/rules"],
    [["/operators", "/x"], "/operators"],
  ])("%j → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});
