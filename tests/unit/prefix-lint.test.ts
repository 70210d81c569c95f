import { describe, expect, it } from "vitest";

import { checkPrefix } from "@/lib/wechat/match";
import { encodeNonAscii, lintPrefix } from "@/lib/wechat/prefix-lint";

describe("prefix lint: warnings, never errors", () => {
  it("has nothing to say about an ordinary prefix", () => {
    expect(lintPrefix("https://shop.example.com/p/", "A")).toEqual([]);
    expect(lintPrefix("https://shop.example.com:443/p/", "A")).toEqual([]);
    expect(lintPrefix("http://weixin.qq.com/q/02abc", "B")).toEqual([]);
  });

  it("offers the percent-encoded form of non-ASCII characters", () => {
    expect(lintPrefix("https://a.com/活动/", "A")).toEqual([
      { kind: "nonAscii", encoded: "https://a.com/%E6%B4%BB%E5%8A%A8/" },
    ]);
    expect(encodeNonAscii("https://a.com/x?q=%E4%B8%AD&n=中")).toBe(
      "https://a.com/x?q=%E4%B8%AD&n=%E4%B8%AD",
    );
  });

  it.each([
    ["https://a.com:8443/x/", [{ kind: "port", port: "8443" }]],
    ["http://a.com:8080/x/", [{ kind: "port", port: "8080" }]],
    ["https://10.0.0.8/x/", [{ kind: "ipHost" }]],
    ["https://[2001:db8::1]:8443/x/", [{ kind: "port", port: "8443" }, { kind: "ipHost" }]],
    ["HTTPS://Shop.Example.com/X/", [{ kind: "upperCase", lowered: "https://shop.example.com/X/" }]],
    ["https://a.com/coupon?", [{ kind: "anyQuery" }]],
  ] as const)("%s", (prefix, expected) => {
    expect(lintPrefix(prefix, "A")).toEqual(expected);
    // Each of them is a prefix WeChat accepts: the lint warns, it does not refuse.
    expect(checkPrefix(prefix, "A").ok).toBe(true);
  });

  it("points a type-B link under /r/ to /q/", () => {
    expect(lintPrefix("http://weixin.qq.com/r/abc", "B")).toEqual([
      { kind: "typeBUnderR", suggested: "http://weixin.qq.com/q/abc" },
    ]);
  });

  it("says hlht:// is set in WeChat's console only", () => {
    expect(lintPrefix("hlht://a.com/x/", "A")).toEqual([{ kind: "hlht" }]);
  });
});
