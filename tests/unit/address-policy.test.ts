import { describe, expect, it } from "vitest";

import { classifyAddress } from "@/server/verification/address-policy";

describe("the preflight's address policy", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "::",
    "fe80::1",
    "fd12:3456::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "64:ff9b::a00:1",
  ])("refuses %s", (address) => {
    expect(classifyAddress(address)).toBe("private");
  });

  it.each(["203.0.119.10", "8.8.8.8", "172.32.0.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"])(
    "allows %s",
    (address) => {
      expect(classifyAddress(address)).toBe("public");
    },
  );

  it("calls a text that is not an address invalid", () => {
    expect(classifyAddress("example.com")).toBe("invalid");
  });
});
