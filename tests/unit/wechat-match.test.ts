import { describe, expect, it } from "vitest";

import {
  MAX_PREFIX_LENGTH,
  TYPE_B_PREFIX,
  checkPrefix,
  matchTestLink,
  prefixCovers,
  resolveScan,
  verificationFileUrl,
} from "@/lib/wechat/match";

describe("matchTestLink (REFERENCE §3)", () => {
  it("accepts the official qrcodejumpadd example: a prefix without a query covers its path with any query", () => {
    expect(matchTestLink("https://weixin.qq.com/qrcodejump", "https://weixin.qq.com/qrcodejump?a=1")).toEqual(
      { ok: true },
    );
    expect(matchTestLink("https://weixin.qq.com/qrcodejump", "https://weixin.qq.com/qrcodejump?a=2")).toEqual(
      { ok: true },
    );
  });

  // The table of common mistakes in WeChat's own guide, row by row.
  it.each([
    ["http://www.qq.com/a/b", "https://www.qq.com/a/b", "scheme"],
    ["https://www.qq.com/a/b", "https://www.weixin.qq.com/a/b", "host"],
    ["https://www.qq.com/a/b?id=123", "https://www.qq.com/a/b?id=132", "query"],
    ["https://www.qq.com/a/b", "https://www.qq.com/a/bc", "path"],
    ["https://www.qq.com/a/b", "https://www.qq.com/a/b/123", "path"],
  ])("WeChat's guide: %s does not cover %s (%s)", (prefix, link, reason) => {
    expect(matchTestLink(prefix, link)).toEqual({ ok: false, reason });
  });

  it.each([
    ["https://a.com/x/", "https://a.com/x/1"],
    ["https://a.com/x/", "https://a.com/x/"],
    ["https://a.com/x/", "https://a.com/x/1/2?y=3"],
    ["https://a.com/x", "https://a.com/x"],
    ["https://a.com/x", "https://a.com/x?anything=1"],
    ["https://A.com/x/", "https://a.COM/x/1"],
    ["HTTPS://a.com/x/", "https://a.com/x/1"],
    ["https://a.com/p?id=1", "https://a.com/p?id=12"],
    ["https://a.com/p?id=1", "https://a.com/p?id=1&x=2"],
    ["https://a.com/coupon?", "https://a.com/coupon?c=9"],
    ["https://a.com/coupon?", "https://a.com/coupon"],
    ["https://a.com", "https://a.com"],
    ["https://a.com", "https://a.com/"],
    ["https://a.com/", "https://a.com/anything/at/all"],
    ["https://a.com:8443/x/", "https://a.com:8443/x/1"],
    ["https://a.com/x/", "https://a.com/x/1#section"],
    ["http://weixin.qq.com/q/02P5KzM_xxxxx", "http://weixin.qq.com/q/02P5KzM_xxxxx"],
  ])("%s covers %s", (prefix, link) => {
    expect(matchTestLink(prefix, link)).toEqual({ ok: true });
  });

  it.each([
    ["https://a.com/x", "https://a.com/x/1", "path"],
    ["https://a.com/x", "https://a.com/xy", "path"],
    ["https://a.com/x/", "https://a.com/y/1", "path"],
    ["https://a.com/x/", "https://a.com/x", "path"],
    ["https://a.com", "https://a.com/x", "path"],
    ["https://a.com/X/", "https://a.com/x/1", "path"],
    // A prefix with a query does not end with "/", so it covers its own path only.
    ["https://a.com/x/?id=1", "https://a.com/x/1?id=1", "path"],
    ["https://a.com/x/", "http://a.com/x/1", "scheme"],
    ["https://a.com/x/", "ftp://a.com/x/1", "scheme"],
    ["https://a.com/x/", "https://b.com/x/1", "host"],
    ["https://a.com:8443/x/", "https://a.com/x/1", "host"],
    ["https://a.com/x/", "https://a.com.evil.com/x/1", "host"],
    ["https://a.com/p?id=1", "https://a.com/p?id=2", "query"],
    ["https://a.com/p?id=1", "https://a.com/p", "query"],
    ["https://a.com/p?id=1", "https://a.com/p?x=1&id=1", "query"],
    ["https://a.com/x/", "not a url", "invalid"],
    ["https://a.com/x/", "https://a.com/x/ 1", "invalid"],
    ["https://a.com/x/", " https://a.com/x/1", "invalid"],
    ["https://a.com/x/", "", "invalid"],
    ["not a url", "https://a.com/x/1", "invalid"],
  ])("%s does not cover %s: %s", (prefix, link, reason) => {
    expect(matchTestLink(prefix, link)).toEqual({ ok: false, reason });
  });
});

describe("checkPrefix", () => {
  it.each([
    ["https://a.example.com/x/", []],
    ["http://a.example.com/p?id=", []],
    ["https://a.example.com/coupon?", []],
    ["https://127.0.0.1:8443/x/", []],
    ["https://[::1]:8443/x/", []],
    ["https://a.example.com/商品/", []],
    ["https://a.example.com/%E5%95%86/", []],
  ])("type A %j has no problems and no hints", (prefix, hints) => {
    expect(checkPrefix(prefix, "A")).toEqual({ ok: true, problems: [], hints });
  });

  it("hints, without blocking, that a prefix without a trailing slash does not cover sub-paths", () => {
    expect(checkPrefix("https://weixin.qq.com/qrcodejump", "A")).toEqual({
      ok: true,
      problems: [],
      hints: ["noTrailingSlash"],
    });
    expect(checkPrefix("https://a.example.com", "A")).toEqual({
      ok: true,
      problems: [],
      hints: ["noTrailingSlash"],
    });
  });

  it.each([
    ["", ["empty"]],
    [" https://a.com/x/", ["whitespace"]],
    ["https://a.com/x/ ", ["whitespace"]],
    ["https://a.com/ x/", ["whitespace"]],
    ["https://a.com/x/\t", ["whitespace"]],
    ["https://a.com/x/\u3000", ["whitespace"]],
    ["https：//a.com/x/", ["fullWidth", "invalidUrl"]],
    ["https://a.com／x/", ["fullWidth", "invalidHost"]],
    ["https://a.com/x？id=1", ["fullWidth"]],
    ["https://a.com/x。/", ["fullWidth"]],
    ["ftp://a.com/x/", ["scheme"]],
    ["hlht://a.com/x/", ["scheme"]],
    ["weixin://a.com/x/", ["scheme"]],
    ["https:///x/", ["missingHost"]],
    ["https://?x=1", ["missingHost"]],
    ["https://user@a.com/x/", ["invalidHost"]],
    ["https://a_b.com/x/", ["invalidHost"]],
    ["https://-a.com/x/", ["invalidHost"]],
    ["https://a..com/x/", ["invalidHost"]],
    ["https://a.com:99999/x/", ["invalidHost"]],
    ["https://a.com/x/#top", ["fragment"]],
    ["a.com/x/", ["invalidUrl"]],
    ["https:/a.com/x/", ["invalidUrl"]],
    ["https://a.com/x/\u0000", ["invalidUrl"]],
    [`https://a.com/${"x".repeat(MAX_PREFIX_LENGTH)}/`, ["tooLong"]],
  ])("type A %j → %j", (prefix, problems) => {
    expect(checkPrefix(prefix, "A")).toEqual({ ok: false, problems, hints: [] });
  });

  it("type B must start with http://weixin.qq.com/q/ and name a code", () => {
    expect(checkPrefix("http://weixin.qq.com/q/02P5KzM_xxxxx", "B")).toEqual({
      ok: true,
      problems: [],
      hints: [],
    });
    expect(checkPrefix("http://weixin.qq.com/q/kZgfwMTm72Wxxxx", "B").ok).toBe(true);
    for (const prefix of [
      "https://weixin.qq.com/q/02P5KzM",
      "http://weixin.qq.com/q/",
      "http://weixin.qq.com/r/abc",
      "http://WEIXIN.qq.com/q/abc",
      "https://a.example.com/x/",
    ]) {
      expect(checkPrefix(prefix, "B")).toEqual({ ok: false, problems: ["typeBPrefix"], hints: [] });
    }
    expect(checkPrefix(`${TYPE_B_PREFIX}ab c`, "B").problems).toEqual(["whitespace"]);
    expect(checkPrefix(`${TYPE_B_PREFIX}ab／c`, "B").problems).toEqual(["fullWidth"]);
    expect(checkPrefix("", "B").problems).toEqual(["empty"]);
  });
});

describe("prefixCovers", () => {
  it("says whether an occupying rule covers another prefix", () => {
    expect(prefixCovers("https://a.com/shop/", "https://a.com/shop/item/")).toBe(true);
    expect(prefixCovers("https://a.com/shop/", "https://a.com/shop/")).toBe(true);
    expect(prefixCovers("https://a.com/shop/", "https://a.com/shopping/")).toBe(false);
    expect(prefixCovers("https://a.com/shop/item/", "https://a.com/shop/")).toBe(false);
  });
});

describe("resolveScan (REFERENCE §3.4)", () => {
  const rules = [
    { prefix: "https://www.qq.com/a/", state: 2 },
    { prefix: "https://www.qq.com/a/b", state: 1 },
    { prefix: "https://www.qq.com/", state: 2 },
  ];

  it("lands on the most specific rule, which does not open the Mini Program while unpublished", () => {
    expect(resolveScan(rules, "https://www.qq.com/a/b")).toEqual({ rule: rules[1], opens: false });
    expect(resolveScan(rules, "https://www.qq.com/a/c")).toEqual({ rule: rules[0], opens: true });
    expect(resolveScan(rules, "https://www.qq.com/z")).toEqual({ rule: rules[2], opens: true });
    expect(resolveScan(rules, "https://other.qq.com/a/")).toBeNull();
  });
});

describe("verificationFileUrl (REFERENCE §4)", () => {
  it.each([
    ["https://a.com/x/y/", "https://a.com/x/y/f.txt"],
    ["https://a.com/x/y", "https://a.com/x/f.txt"],
    ["https://a.com/sub/dist/index.html", "https://a.com/sub/dist/f.txt"],
    ["https://a.com", "https://a.com/f.txt"],
    ["https://a.com/", "https://a.com/f.txt"],
    ["https://weixin.qq.com/qrcodejump", "https://weixin.qq.com/f.txt"],
    ["https://a.com:8443/x/?id=1", "https://a.com:8443/x/f.txt"],
    ["https://a.com/x?next=/y/z", "https://a.com/f.txt"],
    ["HTTP://A.com/X/", "http://a.com/X/f.txt"],
  ])("%s → %s", (prefix, expected) => {
    expect(verificationFileUrl(prefix, "f.txt")).toBe(expected);
  });

  it("is null for something that is not a URL", () => {
    expect(verificationFileUrl("a.com/x/", "f.txt")).toBeNull();
    expect(verificationFileUrl("https:///x/", "f.txt")).toBeNull();
  });
});
