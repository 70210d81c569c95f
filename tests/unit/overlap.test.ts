import { describe, expect, it } from "vitest";

import { type OverlapRule, analyseOverlaps, prefixOverlaps } from "@/lib/wechat/overlap";
import { scanRule } from "@/tests/support/scan-rules";

const rule = scanRule;

const kinds = (rules: OverlapRule[]) => analyseOverlaps(rules).map((overlap) => overlap.kind);

describe("overlap analysis", () => {
  it("finds nothing among rules that do not cover one another", () => {
    expect(
      analyseOverlaps([rule("https://a.com/x/"), rule("https://a.com/y"), rule("https://b.com/x/")]),
    ).toEqual([]);
    // Without a trailing slash a rule covers neither sub-paths nor longer names.
    expect(
      analyseOverlaps([rule("https://a.com/x"), rule("https://a.com/xy/"), rule("https://a.com/x/1")]),
    ).toEqual([]);
  });

  it("names the nearest broader rule a more specific one takes scans from", () => {
    const overlaps = analyseOverlaps([
      rule("https://a.com/"),
      rule("https://a.com/a/"),
      rule("https://a.com/a/b/"),
    ]);
    expect(
      overlaps.map((overlap) => overlap.kind === "shadowed" && [overlap.rule.prefix, overlap.by.prefix]),
    ).toEqual([
      ["https://a.com/", "https://a.com/a/"],
      ["https://a.com/a/", "https://a.com/a/b/"],
    ]);
  });

  it("flags an unpublished rule that shadows a published one, across accounts too", () => {
    const published = rule("https://a.com/a/");
    const unpublished = rule("https://a.com/a/b", { state: 1, accountId: "other", accountName: "Other" });
    const overlaps = analyseOverlaps([published, unpublished]);
    expect(overlaps[0]).toEqual({ kind: "unpublishedShadow", rule: unpublished, over: published });
    expect(kinds([published, unpublished])).toEqual(["unpublishedShadow", "shadowed"]);
  });

  it("flags test links outside their rule, captured by a more specific rule, or duplicated", () => {
    const owner = rule("https://a.com/t/", {
      debugUrls: ["https://a.com/t/1", "https://a.com/other/1", "https://a.com/t/deep/2"],
    });
    const deeper = rule("https://a.com/t/deep/");
    const twin = rule("https://b.com/", { accountId: "other", debugUrls: ["https://a.com/t/1"] });
    const overlaps = analyseOverlaps([owner, deeper, twin]);
    expect(overlaps).toContainEqual({ kind: "testLinkOutside", rule: owner, link: "https://a.com/other/1" });
    expect(overlaps).toContainEqual({
      kind: "testLinkCaptured",
      rule: owner,
      link: "https://a.com/t/deep/2",
      by: deeper,
    });
    expect(overlaps).toContainEqual({ kind: "testLinkOutside", rule: twin, link: "https://a.com/t/1" });
    expect(overlaps).toContainEqual({
      kind: "duplicateTestLink",
      link: "https://a.com/t/1",
      rules: [owner, twin],
    });
  });

  it("flags an occupying rule that blocks another of our accounts, on its prefix or under it", () => {
    const occupying = rule("https://a.com/p?", { permitSubRule: 2 });
    const under = rule("https://a.com/p?id=1", { accountId: "other" });
    const sameAccount = rule("https://a.com/p?id=2");
    const overlaps = analyseOverlaps([occupying, under, sameAccount]);
    expect(overlaps.filter((overlap) => overlap.kind === "occupies")).toEqual([
      { kind: "occupies", rule: occupying, blocked: under },
    ]);
  });

  it("tells the form what a new prefix would shadow and what shadows it, leaving the rule being edited out", () => {
    const rules = [rule("https://a.com/"), rule("https://a.com/a/b/"), rule("https://a.com/a/")];
    const overlaps = prefixOverlaps(rules, "https://a.com/a/", {
      accountId: "shop",
      prefix: "https://a.com/a/",
    });
    expect(overlaps.shadows.map((found) => found.prefix)).toEqual(["https://a.com/"]);
    expect(overlaps.shadowedBy.map((found) => found.prefix)).toEqual(["https://a.com/a/b/"]);
  });

  it("analyses 10,000 rules on one host", () => {
    const rules = Array.from({ length: 10_000 }, (_, n) => rule(`https://a.com/d${n % 100}/${n}/`));
    rules.push(rule("https://a.com/"));
    const overlaps = analyseOverlaps(rules);
    expect(overlaps.filter((overlap) => overlap.kind === "shadowed")).toHaveLength(10_000);
  });
});
