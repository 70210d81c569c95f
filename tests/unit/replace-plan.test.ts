import { describe, expect, it } from "vitest";

import type { MirroredRule } from "@/lib/rules/contract";
import { addsLeft, planEdit } from "@/lib/rules/replace-plan";

const ruleA = (extra: Partial<MirroredRule> = {}): MirroredRule => ({
  id: "wx1111111111111111|https://a.example.com/x/",
  prefix: "https://a.example.com/x/",
  path: "pages/index/index",
  state: 1,
  targetAppid: "wx1111111111111111",
  permitSubRule: 1,
  openVersion: 3,
  debugUrls: [],
  ...extra,
});
const ruleB = (extra: Partial<MirroredRule> = {}): MirroredRule => ({
  ...ruleA({ permitSubRule: null, openVersion: null }),
  prefix: "http://weixin.qq.com/q/abc",
  ...extra,
});

describe("how an edit reaches WeChat", () => {
  it("edits an unpublished type-A rule in place while its page path stays", () => {
    expect(planEdit(ruleA(), { kind: "A", path: "pages/index/index" })).toEqual({ replace: false });
  });

  it("replaces a type-A rule whose path changes, spending no publish while it is unpublished", () => {
    expect(planEdit(ruleA(), { kind: "A", path: "pages/new/new" })).toEqual({
      replace: true,
      reasons: ["path"],
      publishes: 0,
      addBudgetOf: null,
      fallback: false,
    });
  });

  it("replaces any change to a published rule, publishing it again, with scans falling back meanwhile", () => {
    expect(planEdit(ruleA({ state: 2 }), { kind: "A", path: "pages/index/index" })).toEqual({
      replace: true,
      reasons: ["published"],
      publishes: 1,
      addBudgetOf: null,
      fallback: true,
    });
  });

  it("replaces every change to a type-B rule, spending an add of the Mini Program it will open", () => {
    const same = { kind: "B" as const, path: "pages/index/index", appid: "wx1111111111111111" };
    expect(planEdit(ruleB(), same)).toMatchObject({ replace: true, reasons: ["path"], publishes: 0 });
    expect(planEdit(ruleB({ state: 2 }), { ...same, appid: "wx2222222222222222" })).toEqual({
      replace: true,
      reasons: ["published", "target"],
      publishes: 1,
      addBudgetOf: "wx2222222222222222",
      fallback: true,
    });
  });

  it("counts the adds left of a Mini Program's budget, unknown when the page has none", () => {
    const budgets = [{ miniProgramAppid: "wx1111111111111111", limit: 100_000, spent: 40, uncertain: 2 }];
    expect(addsLeft(budgets, "wx1111111111111111")).toBe(99_960);
    expect(addsLeft(budgets, "wx2222222222222222")).toBeNull();
    expect(addsLeft(null, "wx1111111111111111")).toBeNull();
  });
});
