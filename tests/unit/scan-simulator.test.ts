import { describe, expect, it } from "vitest";

import { type ScanRole, type ScanRule, ScanIndex, simulateScans } from "@/lib/wechat/scan";
import { scanRule } from "@/tests/support/scan-rules";

const NOW = Date.UTC(2026, 11, 2, 10, 0, 0);

const ruleA = (prefix: string, extra: Partial<ScanRule> = {}): ScanRule => scanRule(prefix, extra);

const scan = (rules: ScanRule[], url: string, role: ScanRole = "user") =>
  new ScanIndex(rules).scan(url, role, NOW);

describe("the scan simulator (REFERENCE §3)", () => {
  it("opens the release build of a published rule, with the URL encoded as q and the scan time in seconds", () => {
    const url = "https://a.com/x/1?from=poster&lang=zh";
    const result = scan([ruleA("https://a.com/x/")], url);
    expect(result.rule?.prefix).toBe("https://a.com/x/");
    expect(result.outcome).toEqual({
      opens: true,
      build: "release",
      viaTestLink: false,
      appid: "wx1111111111111111",
      path: "pages/index/index",
      query: { q: "https%3A%2F%2Fa.com%2Fx%2F1%3Ffrom%3Dposter%26lang%3Dzh", scancode_time: NOW / 1000 },
    });
  });

  it.each([
    ["scheme", "http://a.com/x/1"],
    ["host", "https://b.com/x/1"],
    ["sub-path without a trailing slash", "https://a.com/y/1"],
  ])("falls back when no rule covers the URL (%s)", (_case, url) => {
    const result = scan([ruleA("https://a.com/x/"), ruleA("https://a.com/y")], url);
    expect(result.rule).toBeNull();
    expect(result.outcome).toMatchObject({ opens: false, reason: "noRule" });
  });

  it("covers sub-paths only under a trailing slash: /x covers neither /x/1 nor /xy", () => {
    const rules = [ruleA("https://a.com/x")];
    expect(scan(rules, "https://a.com/x").outcome.opens).toBe(true);
    expect(scan(rules, "https://a.com/x?any=1").outcome.opens).toBe(true);
    expect(scan(rules, "https://a.com/x/1").outcome).toMatchObject({ opens: false, reason: "noRule" });
    expect(scan(rules, "https://a.com/xy").outcome).toMatchObject({ opens: false, reason: "noRule" });
  });

  it("compares queries as string prefixes; a prefix ending in ? matches any query", () => {
    expect(scan([ruleA("https://a.com/p?id=1")], "https://a.com/p?id=1234").outcome.opens).toBe(true);
    expect(scan([ruleA("https://a.com/p?id=1")], "https://a.com/p?id=2").outcome.opens).toBe(false);
    expect(scan([ruleA("https://a.com/coupon?")], "https://a.com/coupon?c=9").outcome.opens).toBe(true);
  });

  it("lets the most specific rule decide, and lists the rules that lost", () => {
    const result = scan(
      [
        ruleA("https://a.com/"),
        ruleA("https://a.com/a/b/", { path: "pages/b/b" }),
        ruleA("https://a.com/a/"),
      ],
      "https://a.com/a/b/c",
    );
    expect(result.rule?.prefix).toBe("https://a.com/a/b/");
    expect(result.others.map((rule) => rule.prefix)).toEqual(["https://a.com/a/", "https://a.com/"]);
    expect(result.outcome).toMatchObject({ opens: true, path: "pages/b/b" });
  });

  it("falls back when the most specific rule is unpublished, even though a broader published one matches", () => {
    const broader = ruleA("https://a.com/a/");
    const result = scan([broader, ruleA("https://a.com/a/b", { state: 1 })], "https://a.com/a/b");
    expect(result.rule?.prefix).toBe("https://a.com/a/b");
    expect(result.outcome).toEqual({
      opens: false,
      reason: "unpublished",
      broaderPublished: broader,
      testBuild: null,
    });
  });

  describe("an exact test link opens the test scope's build for permitted people only", () => {
    const link = "https://a.com/t/1?debug=1";
    it.each([
      [1, "developer", "develop"],
      [2, "admin", "trial"],
      [2, "tester", "trial"],
      [3, "developer", "release"],
      [3, "admin", "release"],
      [3, "tester", "release"],
    ] as const)("open_version %i, %s: the %s build, published or not", (openVersion, role, build) => {
      for (const state of [1, 2] as const) {
        const result = scan(
          [ruleA("https://a.com/t/", { state, openVersion, debugUrls: [link] })],
          link,
          role,
        );
        expect(result.testLink).toBe(true);
        expect(result.outcome).toMatchObject({ opens: true, build, viaTestLink: true });
      }
    });

    it.each([
      [1, "admin"],
      [1, "tester"],
      [1, "user"],
      [2, "developer"],
      [2, "user"],
      [3, "user"],
    ] as const)(
      "open_version %i, %s: not permitted, so an unpublished rule falls back",
      (openVersion, role) => {
        const result = scan(
          [ruleA("https://a.com/t/", { state: 1, openVersion, debugUrls: [link] })],
          link,
          role,
        );
        expect(result.outcome).toMatchObject({ opens: false, reason: "roleNotPermitted" });
      },
    );

    it("not permitted on a published rule: the release build, as for any scan", () => {
      const result = scan([ruleA("https://a.com/t/", { openVersion: 1, debugUrls: [link] })], link, "user");
      expect(result.outcome).toMatchObject({ opens: true, build: "release", viaTestLink: false });
    });

    it("a URL under the rule that is not exactly a test link gets the release build once published, or falls back", () => {
      const published = ruleA("https://a.com/t/", { openVersion: 1, debugUrls: [link] });
      expect(scan([published], `${link}&x=1`, "developer").outcome).toMatchObject({
        opens: true,
        build: "release",
        viaTestLink: false,
      });
      expect(scan([{ ...published, state: 1 }], `${link}&x=1`, "developer").outcome).toMatchObject({
        opens: false,
        reason: "unpublished",
      });
    });
  });

  it("opens the linked Mini Program of a published Service Account QR code rule", () => {
    const rule: ScanRule = {
      ...ruleA("http://weixin.qq.com/q/02abc"),
      kind: "B",
      accountName: "News",
      openAppid: "wx2222222222222222",
      openVersion: null,
    };
    expect(scan([rule], "http://weixin.qq.com/q/02abc").outcome).toMatchObject({
      opens: true,
      appid: "wx2222222222222222",
      build: "release",
    });
    expect(scan([{ ...rule, state: 1 }], "http://weixin.qq.com/q/02abc").outcome).toMatchObject({
      opens: false,
      reason: "unpublished",
    });
  });

  it("says a text that is not a URL cannot be matched", () => {
    expect(scan([ruleA("https://a.com/")], "a.com/x").outcome).toMatchObject({ reason: "invalidUrl" });
  });

  it("compares host and scheme without case, path as written", () => {
    expect(scan([ruleA("https://A.com/X/")], "HTTPS://a.COM/X/1").outcome.opens).toBe(true);
    expect(scan([ruleA("https://a.com/X/")], "https://a.com/x/1").outcome.opens).toBe(false);
  });

  it("answers across accounts, each URL on its own", () => {
    const results = simulateScans(
      [ruleA("https://a.com/"), { ...ruleA("https://b.com/"), accountId: "other", accountName: "Other" }],
      ["https://a.com/1", "https://b.com/2", "https://c.com/3"],
      "user",
      NOW,
    );
    expect(results.map((result) => result.rule?.accountName ?? null)).toEqual(["Shop", "Other", null]);
  });
});
