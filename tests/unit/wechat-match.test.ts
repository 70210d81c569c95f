import { describe, expect, it } from "vitest";

import { checkPrefix, matchTestLink, prefixCovers, verificationFileUrl } from "@/lib/wechat/match";

describe("matchTestLink (REFERENCE §3)", () => {
  it("accepts the official example: a rule without a query covers its path with any query", () => {
    expect(matchTestLink("https://weixin.qq.com/qrcodejump", "https://weixin.qq.com/qrcodejump?a=1")).toEqual({ ok: true });
    expect(matchTestLink("https://weixin.qq.com/qrcodejump", "https://weixin.qq.com/qrcodejump?a=2")).toEqual({ ok: true });
  });

  it.each([
    ["https://a.com/x/", "https://a.com/x/1", { ok: true }],
    ["https://a.com/x/", "https://a.com/x/", { ok: true }],
    ["https://a.com/x/", "https://a.com/x/1/2?y=3", { ok: true }],
    ["https://a.com/x", "https://a.com/x", { ok: true }],
    ["https://a.com/x", "https://a.com/x/1", { ok: false, reason: "path" }],
    ["https://a.com/x", "https://a.com/xy", { ok: false, reason: "path" }],
    ["https://a.com/x/", "https://a.com/y/1", { ok: false, reason: "path" }],
    ["https://a.com/x/", "http://a.com/x/1", { ok: false, reason: "scheme" }],
    ["https://a.com/x/", "https://b.com/x/1", { ok: false, reason: "host" }],
    ["https://a.com:8443/x/", "https://a.com/x/1", { ok: false, reason: "host" }],
    ["https://A.com/x/", "https://a.COM/x/1", { ok: true }],
    ["https://a.com/p?id=1", "https://a.com/p?id=12", { ok: true }],
    ["https://a.com/p?id=1", "https://a.com/p?id=2", { ok: false, reason: "query" }],
    ["https://a.com/p?id=1", "https://a.com/p", { ok: false, reason: "query" }],
    ["https://a.com/coupon?", "https://a.com/coupon?c=9", { ok: true }],
    ["https://a.com", "https://a.com/", { ok: true }],
    ["https://a.com", "https://a.com/x", { ok: false, reason: "path" }],
    ["https://a.com/", "https://a.com/anything/at/all", { ok: true }],
    ["https://a.com/x/", "not a url", { ok: false, reason: "invalid" }],
    ["https://a.com/x/", "https://a.com/x/ 1", { ok: false, reason: "invalid" }],
  ])("%s covers %s → %j", (prefix, link, expected) => {
    expect(matchTestLink(prefix, link)).toEqual(expected);
  });

  it("is case-sensitive in the path, as WeChat compares strings", () => {
    expect(matchTestLink("https://a.com/X/", "https://a.com/x/1")).toEqual({ ok: false, reason: "path" });
  });
});

describe("checkPrefix", () => {
  it.each([
    ["https://weixin.qq.com/qrcodejump", [], ["noTrailingSlash"]],
    ["https://a.example.com/x/", [], []],
    ["http://a.example.com/p?id=", [], []],
    ["", ["empty"], []],
    [" https://a.com/x/", ["whitespace"], []],
    ["https://a.com/ x/", ["whitespace"], []],
    ["https：//a.com/x/", ["fullWidth", "invalidUrl"], []],
    ["https://a.com／x/", ["fullWidth", "host"], []],
    ["ftp://a.com/x/", ["scheme"], []],
    ["hlht://a.com/x/", ["scheme"], []],
    ["https:///x/", ["host"], []],
    ["https://user@a.com/x/", ["host"], []],
    ["https://a.com/x/#top", ["fragment"], []],
    ["a.com/x/", ["invalidUrl"], []],
  ])("type A %j → problems %j, hints %j", (prefix, problems, hints) => {
    expect(checkPrefix(prefix, "A")).toEqual({ problems, hints });
  });

  it("type B must start with http://weixin.qq.com/q/ and name a code", () => {
    expect(checkPrefix("http://weixin.qq.com/q/02P5KzM_xxxxx", "B")).toEqual({ problems: [], hints: [] });
    expect(checkPrefix("https://weixin.qq.com/q/02P5KzM", "B").problems).toEqual(["typeB"]);
    expect(checkPrefix("http://weixin.qq.com/q/", "B").problems).toEqual(["typeB"]);
    expect(checkPrefix("http://weixin.qq.com/r/abc", "B").problems).toEqual(["typeB"]);
  });

  it("refuses prefixes over 1024 characters", () => {
    expect(checkPrefix(`https://a.com/${"x".repeat(1100)}/`, "A").problems).toEqual(["tooLong"]);
  });
});

describe("prefixCovers", () => {
  it("says whether an occupying rule covers another prefix", () => {
    expect(prefixCovers("https://a.com/shop/", "https://a.com/shop/item/")).toBe(true);
    expect(prefixCovers("https://a.com/shop/", "https://a.com/shopping/")).toBe(false);
  });
});

describe("verificationFileUrl (REFERENCE §4)", () => {
  it.each([
    ["https://a.com/x/y/", "https://a.com/x/y/f.txt"],
    ["https://a.com/x/y", "https://a.com/x/f.txt"],
    ["https://a.com", "https://a.com/f.txt"],
    ["https://weixin.qq.com/qrcodejump", "https://weixin.qq.com/f.txt"],
    ["https://a.com:8443/x/?id=1", "https://a.com:8443/x/f.txt"],
  ])("%s → %s", (prefix, expected) => {
    expect(verificationFileUrl(prefix, "f.txt")).toBe(expected);
  });
});
